namespace Marketplace.Web.Features.Matching;

/// <summary>
/// The opt-in digest of newly recommended openings: for each expert whose daily or weekly digest is due,
/// the best-ranked open openings not applied to and not in an earlier digest, with the ranker's reasons.
/// </summary>
public sealed class RecommendationDigest(
    MarketplaceDbContext db,
    MatchingService matching,
    Notifier notifier,
    NotificationPreferences preferences,
    TimeProvider clock,
    ILogger<RecommendationDigest> log)
{
    public const int ItemsPerDigest = 5;

    /// <summary>A digest is due this long after the last one (a little under a day or week, so a daily job never skips).</summary>
    public static TimeSpan Interval(DigestFrequency f) => f == DigestFrequency.Weekly ? TimeSpan.FromDays(6.5) : TimeSpan.FromHours(20);

    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.NotificationSettings.AsNoTracking()
            .Where(s => s.Digest != DigestFrequency.Off && s.User!.Status == AccountStatus.Active && s.User.EmailConfirmed)
            .Select(s => new { s.UserId, s.Digest, s.LastDigestAt }).ToListAsync(ct);
        var sent = 0;
        foreach (var c in candidates.Where(c => c.LastDigestAt is null || now - c.LastDigestAt >= Interval(c.Digest)))
        {
            db.ChangeTracker.Clear();
            try
            {
                if (await SendOneAsync(c.UserId, now, ct)) sent++;
            }
            catch (DbUpdateConcurrencyException)
            {
                log.LogInformation("Digest settings of {User} changed during the run; left for the next run", c.UserId);
            }
        }
        return sent;
    }

    /// <summary>Writes one expert's digest (if there is anything new) and records it; returns whether mail was written.</summary>
    public async Task<bool> SendOneAsync(string userId, DateTime now, CancellationToken ct = default)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        var settings = await db.NotificationSettings.SingleAsync(s => s.UserId == userId, ct);
        var already = (await db.DigestItems.Where(d => d.UserId == userId).Select(d => d.OpeningId).ToListAsync(ct)).ToHashSet();
        var applied = (await db.Applications.Where(a => a.Expert!.UserId == userId).Select(a => a.OpeningId).ToListAsync(ct)).ToHashSet();
        var (_, _, ranked) = await matching.OpeningsForAsync(userId, top: 50, ct);
        var picks = ranked.Where(r => !already.Contains(r.Opening.Id) && !applied.Contains(r.Opening.Id)).Take(ItemsPerDigest).ToList();
        settings.LastDigestAt = now;
        var wrote = false;
        if (picks.Count > 0)
        {
            var unsubscribe = $"{notifier.BaseUrl}/notifications/unsubscribe?token={Uri.EscapeDataString(preferences.UnsubscribeToken(userId))}";
            wrote = await notifier.ToUserAsync(user, NotificationKinds.RecommendationDigest, (t, site) =>
            {
                var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja";
                var items = picks.Select((p, i) =>
                    $"{i + 1}. {p.Opening.Organization!.NameJa}「{p.Opening.Title}」\n   {t["Notify_Digest_Deadline", p.Opening.ApplicationDeadline.ToString("yyyy-MM-dd")]}\n   "
                    + string.Join(" / ", p.Reasons.Take(3).Select(r => r.Format(language)))
                    + $"\n   {site}/openings/{p.Opening.Id}");
                return new MailContent(
                    t["Notify_Digest_Subject", picks.Count],
                    t["Notify_Digest_Body", user.DisplayName, string.Join("\n\n", items), $"{site}/recommendations"]);
            }, ct, unsubscribe);
            foreach (var p in picks)
            {
                db.DigestItems.Add(new DigestItem { UserId = userId, OpeningId = p.Opening.Id, SentAt = now });
            }
        }
        await db.SaveChangesAsync(ct);
        return wrote;
    }
}
