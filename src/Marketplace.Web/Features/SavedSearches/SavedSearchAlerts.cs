using Marketplace.Web.Features.Matching;

namespace Marketplace.Web.Features.SavedSearches;

/// <summary>
/// Saved-search alerts: for each person with a search whose daily or weekly alert is due, the open postings
/// published since the search's last run that it finds, in one mail through the outbox. At most one alert mail a
/// day per person, and no posting mailed to a person twice (<see cref="SavedSearchAlertItem"/>).
/// </summary>
public sealed class SavedSearchAlerts(
    MarketplaceDbContext db,
    OpeningSearch search,
    Notifier notifier,
    SavedSearchService saved,
    TimeProvider clock,
    ILogger<SavedSearchAlerts> log)
{
    public const int ItemsPerSearch = 10;

    /// <summary>A person gets at most one alert mail within this time (a little under a day, so a daily job never skips).</summary>
    public static readonly TimeSpan OncePerDay = TimeSpan.FromHours(20);

    /// <summary>The next run looks this far before this one too, for postings whose publication committed while it ran (sent items stop repeats).</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(10);

    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var searches = await db.SavedSearches.AsNoTracking()
            .Where(s => s.Frequency != DigestFrequency.Off && s.User!.Status == AccountStatus.Active && s.User.EmailConfirmed)
            .Select(s => new { s.Id, s.UserId, s.Frequency, s.LastAlertAt }).ToListAsync(ct);
        var sent = 0;
        foreach (var person in searches.Where(s => s.LastAlertAt is null || now - s.LastAlertAt >= RecommendationDigest.Interval(s.Frequency)).GroupBy(s => s.UserId))
        {
            db.ChangeTracker.Clear();
            try
            {
                if (await SendOneAsync(person.Key, [.. person.Select(s => s.Id)], now, ct)) sent++;
            }
            catch (DbUpdateConcurrencyException)
            {
                log.LogInformation("Saved searches of {User} changed during the alert run; left for the next run", person.Key);
            }
        }
        return sent;
    }

    /// <summary>Writes one person's alert for the given due searches, if anything new matches; returns whether mail was written.</summary>
    public async Task<bool> SendOneAsync(string userId, IReadOnlyCollection<int> searchIds, DateTime now, CancellationToken ct = default)
    {
        var lastMail = await db.SavedSearchAlertItems.Where(i => i.UserId == userId).MaxAsync(i => (DateTime?)i.SentAt, ct);
        if (lastMail is { } last && now - last < OncePerDay) return false;
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        var already = (await db.SavedSearchAlertItems.Where(i => i.UserId == userId).Select(i => new { i.PostingKind, i.PostingId }).ToListAsync(ct))
            .Select(i => (i.PostingKind, i.PostingId)).ToHashSet();
        var due = await db.SavedSearches.Where(s => s.UserId == userId && searchIds.Contains(s.Id)).OrderBy(s => s.Id).ToListAsync(ct);
        var sections = new List<(SavedSearch Search, List<OpeningSummary> Items)>();
        foreach (var s in due)
        {
            // New postings still open, newest first, whatever status or sort the saved search shows.
            var query = SavedSearchService.QueryOf(s.Query) with
            {
                Status = OpeningQuery.OpenStatus, Sort = "newest", Page = 1, PublishedAfter = s.AlertsSince,
            };
            var found = await search.SearchAsync(query, ct);
            var fresh = found.Items.Where(i => already.Add(((int)i.Kind, i.Id))).Take(ItemsPerSearch).ToList();
            if (fresh.Count > 0) sections.Add((s, fresh));
            s.LastAlertAt = now;
            // Never back to before the search was saved (or its alert turned on): only postings new to it are mailed.
            if (now - Overlap > s.AlertsSince) s.AlertsSince = now - Overlap;
        }
        var wrote = false;
        if (sections.Count > 0)
        {
            var unsubscribe = $"{notifier.BaseUrl}/saved-searches/unsubscribe?token={Uri.EscapeDataString(saved.UnsubscribeToken(userId))}";
            var count = sections.Sum(x => x.Items.Count);
            wrote = await notifier.ToUserAsync(user, NotificationKinds.SavedSearchAlert, (t, site) =>
            {
                var text = sections.Select(x =>
                    t["Saved_Mail_Section", x.Search.Name, x.Items.Count, $"{site}/openings{x.Search.Query}"] + "\n"
                    + string.Join("\n", x.Items.Select((p, i) => t["Saved_Mail_Item", i + 1, p.OrganizationNameJa, p.Title,
                        p.Kind == PostingKind.Call ? t["Search_KindCall"] : t["Search_KindOpening"],
                        p.DayRateYen.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                        p.ApplicationDeadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), site + p.Url].Value)));
                return new MailContent(t["Saved_Mail_Subject", count], t["Saved_Mail_Body", user.DisplayName, string.Join("\n\n", text), $"{site}/saved-searches"]);
            }, ct, unsubscribe);
            if (wrote)
            {
                foreach (var (s, items) in sections)
                {
                    foreach (var p in items)
                    {
                        db.SavedSearchAlertItems.Add(new SavedSearchAlertItem { UserId = userId, SavedSearchId = s.Id, PostingKind = (int)p.Kind, PostingId = p.Id, SentAt = now });
                    }
                }
            }
        }
        await db.SaveChangesAsync(ct);
        return wrote;
    }
}

public static class SavedSearchSetup
{
    public static IServiceCollection AddSavedSearches(this IServiceCollection services)
    {
        services.AddScoped<SavedSearchService>();
        services.AddScoped<SavedSearchAlerts>();
        return services;
    }
}
