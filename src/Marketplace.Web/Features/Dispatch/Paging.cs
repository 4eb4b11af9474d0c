using Marketplace.Web.Features.Openings;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Dispatch;

public static class Paging
{
    public const int PageSize = 20;

    /// <summary>One page of a query, the page number clamped to the pages there are.</summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, int page, int pageSize = PageSize, CancellationToken ct = default)
    {
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pageCount);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<T>(items, page, pageSize, total);
    }
}

/// <summary>The dispatches table partial: rows and where each links to.</summary>
public sealed record DispatchTableModel(IReadOnlyList<Marketplace.Data.Entities.CioDispatch> Items, string LinkBase);

/// <summary>The claims table partial: rows, where each links to, and whether to show the host column.</summary>
public sealed record ClaimTableModel(IReadOnlyList<Marketplace.Data.Entities.IncentiveClaim> Items, string LinkBase, bool ShowHost);

/// <summary>A claim with how its amount was computed (null for the fixed readiness subsidy).</summary>
public sealed record ClaimFactsModel(Marketplace.Data.Entities.IncentiveClaim Claim, TaxMeasureLine? Line);
