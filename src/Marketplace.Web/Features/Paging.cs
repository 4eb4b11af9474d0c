namespace Marketplace.Web.Features;

/// <summary>
/// One page of a list, the one page type of every paged list (searches, admin tables, the outbox, the audit log).
/// <see cref="Page"/> is already clamped to the pages there are.
/// </summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    /// <summary>There are more than <see cref="Total"/> results; they were not counted beyond it (the public search's capped count).</summary>
    public bool TotalCapped { get; init; }

    public int PageCount => Paging.PageCountOf(Total, PageSize);

    /// <summary>Nothing yet: what a page model holds before its handler has run.</summary>
    public static Paged<T> Empty(int pageSize = Paging.PageSize) => new([], 1, pageSize, 0);
}

/// <summary>How a list is cut into pages: counted, the page number clamped to the pages there are, then one page read.</summary>
public static class Paging
{
    public const int PageSize = 20;

    /// <summary>
    /// A page number from a query string as anyone may type it: anything but a whole number from 1 is page 1, and at
    /// most 100,000, so (page - 1) × page size cannot overflow where a list does not clamp it to its pages.
    /// </summary>
    public static int PageNumber(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) && page > 0 ? Math.Min(page, 100_000) : 1;

    public static int PageCountOf(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);

    /// <summary>One page of a query, the page number clamped to the pages there are. The query must be ordered.</summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, int page, int pageSize = PageSize, CancellationToken ct = default)
    {
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, PageCountOf(total, pageSize));
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<T>(items, page, pageSize, total);
    }

    /// <summary>One page of a list already in memory (e.g. ranked recommendations), clamped the same way.</summary>
    public static Paged<T> ToPaged<T>(this IReadOnlyList<T> all, int page, int pageSize = PageSize)
    {
        page = Math.Clamp(page, 1, PageCountOf(all.Count, pageSize));
        return new Paged<T>(all.Skip((page - 1) * pageSize).Take(pageSize).ToList(), page, pageSize, all.Count);
    }
}
