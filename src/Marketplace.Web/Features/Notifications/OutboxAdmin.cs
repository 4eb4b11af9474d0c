namespace Marketplace.Web.Features.Notifications;

public sealed record OutboxFilter(OutboxStatus? Status, string? Kind, string? Q, int Page);

public sealed record OutboxPage(Paged<OutboxMessage> Messages, Dictionary<OutboxStatus, int> Counts);

/// <summary>The national office's view of the outbox: what waits, what failed and why, and the actions on it.</summary>
public sealed class OutboxAdmin(MarketplaceDbContext db, TimeProvider clock, Hangfire.IBackgroundJobClient jobs)
{
    public const int PageSize = 50;

    public async Task<OutboxPage> ListAsync(OutboxFilter filter, CancellationToken ct = default)
    {
        var query = db.OutboxMessages.AsNoTracking();
        if (filter.Status is { } status) query = query.Where(m => m.Status == status);
        if (!string.IsNullOrWhiteSpace(filter.Kind)) query = query.Where(m => m.Kind == filter.Kind);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim().ToLowerInvariant();
            query = query.Where(m => m.ToAddress.ToLower().Contains(q) || m.Subject.ToLower().Contains(q));
        }
        var messages = await query.OrderByDescending(m => m.Id).ToPagedAsync(filter.Page, PageSize, ct);
        var counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return new OutboxPage(messages, counts);
    }

    /// <summary>Sends a failed or uncertain message again (for an uncertain one, the office accepts a possible duplicate).</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.OutboxMessages.Where(m => m.Id == id && (m.Status == OutboxStatus.Failed || m.Status == OutboxStatus.Uncertain))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.Attempts, 0), ct);
        if (changed == 1) Jobs.OutboxJobs.Wake(jobs);
        return changed == 1;
    }

    /// <summary>Records an uncertain message as delivered (the office checked with the recipient or the mail server).</summary>
    public async Task<bool> MarkDeliveredAsync(long id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Uncertain)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.ServerResponse, "confirmed by the national office"), ct) == 1;
    }
}
