using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Features.SavedSearches;

/// <summary>A person's own saved searches: every read and change is scoped to the signed-in user's id.</summary>
public sealed class SavedSearchService(
    MarketplaceDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t, IDataProtectionProvider protection, OpeningSearch search)
{
    /// <summary>How far back the dashboard looks for postings new to a saved search.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromDays(7);
    public const int NewsSearches = 5;
    public const int NewsItemsPerSearch = 3;

    public const int PageSize = 20;
    public const int MaxPerPerson = 50;
    public const int NameMaxLength = 100;
    private const string UnsubscribePurpose = "Marketplace.SavedSearches.Unsubscribe.v1";

    /// <summary>The search a saved query string stands for.</summary>
    public static OpeningQuery QueryOf(string queryString) =>
        OpeningQuery.FromRequest(new QueryCollection(QueryHelpers.ParseQuery(queryString)));

    /// <summary>The query string to keep: the search's own parameters in their usual form, without the page.</summary>
    public static string Normalise(string? queryString) => QueryOf(queryString ?? "").ToQueryString(page: 1);

    public async Task<Paged<SavedSearch>> ListAsync(string userId, int page, CancellationToken ct = default)
    {
        // Tracked: each row's concurrency token (xmin on PostgreSQL) is read from its entry.
        var mine = db.SavedSearches.Where(s => s.UserId == userId);
        var total = await mine.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await mine.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new Paged<SavedSearch>(items, page, PageSize, total);
    }

    /// <summary>
    /// The person's newest saved searches (<see cref="NewsSearches"/>), each with the open postings it found that were
    /// published in the last <see cref="NewsWindow"/>, newest first: the dashboard's view of what the alerts mail.
    /// </summary>
    public async Task<List<SavedSearchNews>> NewsAsync(string userId, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow().UtcDateTime - NewsWindow;
        var mine = await db.SavedSearches.AsNoTracking().Where(s => s.UserId == userId)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(NewsSearches).ToListAsync(ct);
        var news = new List<SavedSearchNews>(mine.Count);
        foreach (var s in mine)
        {
            var found = await search.SearchAsync(QueryOf(s.Query) with
            {
                Status = OpeningQuery.OpenStatus, Sort = "newest", Page = 1, PublishedAfter = since,
            }, ct);
            news.Add(new SavedSearchNews(s.Id, s.Name, s.Query, found.Total, found.TotalCapped, [.. found.Items.Take(NewsItemsPerSearch)]));
        }
        return news;
    }

    public Task<SavedSearch?> FindOwnAsync(string userId, int id, CancellationToken ct = default) =>
        db.SavedSearches.FirstOrDefaultAsync(s => s.Id == id && s.UserId == userId, ct);

    public string ConcurrencyTokenOf(SavedSearch s) => db.ConcurrencyTokenOf(s);

    /// <summary>Saves a search under a name; returns what to fix, or none.</summary>
    public async Task<List<string>> CreateAsync(string userId, string? name, string? query, DigestFrequency frequency, CancellationToken ct = default)
    {
        var errors = Validate(name, frequency);
        if (await db.SavedSearches.CountAsync(s => s.UserId == userId, ct) >= MaxPerPerson) errors.Add(t["Saved_TooMany", MaxPerPerson]);
        if (errors.Count > 0) return errors;
        var now = clock.GetUtcNow().UtcDateTime;
        db.SavedSearches.Add(new SavedSearch
        {
            UserId = userId, Name = name!.Trim(), Query = Normalise(query), Frequency = frequency,
            AlertsSince = now, CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>Renames a search or changes its alert; null when it is not this person's, else what to fix.</summary>
    public async Task<List<string>?> UpdateAsync(string userId, int id, string? name, DigestFrequency frequency, string? token, CancellationToken ct = default)
    {
        var search = await FindOwnAsync(userId, id, ct);
        if (search is null) return null;
        var errors = Validate(name, frequency);
        if (errors.Count > 0) return errors;
        db.ExpectConcurrencyToken(search, token);
        // Turning an alert on again starts from now: postings it missed while off are not mailed all at once.
        if (search.Frequency == DigestFrequency.Off && frequency != DigestFrequency.Off) search.AlertsSince = clock.GetUtcNow().UtcDateTime;
        search.Name = name!.Trim();
        search.Frequency = frequency;
        search.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            errors.Add(t["Saved_ChangedMeanwhile"]);
        }
        return errors;
    }

    /// <summary>Deletes one of this person's searches; false when there is none of that id.</summary>
    public async Task<bool> DeleteAsync(string userId, int id, CancellationToken ct = default) =>
        await db.SavedSearches.Where(s => s.Id == id && s.UserId == userId).ExecuteDeleteAsync(ct) > 0;

    private List<string> Validate(string? name, DigestFrequency frequency)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(name)) errors.Add(t["Val_Required", t["Saved_Name"]]);
        else if (name.Trim().Length > NameMaxLength) errors.Add(t["Saved_NameTooLong", NameMaxLength]);
        if (!Enum.IsDefined(frequency)) errors.Add(t["Val_Required", t["Saved_Frequency"]]);
        return errors;
    }

    /// <summary>The token of the alert mail's one-click unsubscribe link: it stops every alert of the person.</summary>
    public string UnsubscribeToken(string userId) => protection.CreateProtector(UnsubscribePurpose).Protect("alerts|" + userId);

    /// <summary>Turns every alert of the token's person off (or back on, daily); false for a token not made here.</summary>
    public async Task<bool> SetAlertsByTokenAsync(string? token, DigestFrequency frequency, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token)) return false;
        string value;
        try
        {
            value = protection.CreateProtector(UnsubscribePurpose).Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
        if (!value.StartsWith("alerts|", StringComparison.Ordinal)) return false;
        var userId = value["alerts|".Length..];
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var search in await db.SavedSearches.Where(s => s.UserId == userId).ToListAsync(ct))
        {
            if (search.Frequency == DigestFrequency.Off && frequency != DigestFrequency.Off) search.AlertsSince = now;
            search.Frequency = frequency;
            search.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}

/// <summary>A saved search on the dashboard: how many open postings it found in the last week, and the newest of them.</summary>
public sealed record SavedSearchNews(int Id, string Name, string Query, int NewCount, bool NewCountCapped, IReadOnlyList<OpeningSummary> Newest);
