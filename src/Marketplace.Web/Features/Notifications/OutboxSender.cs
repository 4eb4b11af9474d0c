using System.Collections.Concurrent;
using Marketplace.Web.Email;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Notifications;

public sealed record OutboxRunResult(int Sent, int Failed, int Deferred, int MarkedUncertain);

/// <summary>
/// Messages this process has handed to the mail server but not yet recorded as sent (the database
/// refused the update). A retried job records them first, so they are never sent twice.
/// </summary>
public sealed class SentLedger
{
    private readonly ConcurrentDictionary<long, (Guid Claim, string Response, DateTime SentAt)> _entries = new();

    public void Add(long id, Guid claim, string response, DateTime sentAt) => _entries[id] = (claim, response, sentAt);
    public void Remove(long id) => _entries.TryRemove(id, out _);
    public IReadOnlyList<(long Id, Guid Claim, string Response, DateTime SentAt)> Snapshot() =>
        _entries.Select(e => (e.Key, e.Value.Claim, e.Value.Response, e.Value.SentAt)).ToList();
}

/// <summary>
/// Sends due outbox messages, one recipient per message. Each message is claimed with a conditional update
/// before it is sent, so two senders (two instances, or a job and its retry) never send the same row; once
/// the server accepts it, it is marked sent with the server's reply. If the app stops between the two,
/// the claim expires and the message becomes <see cref="OutboxStatus.Uncertain"/> instead of being resent.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    SentLedger ledger,
    TimeProvider clock,
    IOptions<SmtpOptions> smtp,
    ILogger<OutboxSender> log)
{
    /// <summary>How long a sender may hold a message before it counts as abandoned.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a message is given up on (about two days with the backoff below).</summary>
    public const int MaxAttempts = 12;

    private const int BatchSize = 50;

    /// <summary>1, 2, 4 ... minutes after each failed attempt, at most six hours.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, Math.Max(0, attempts - 1))));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<OutboxRunResult> SendDueAsync(CancellationToken ct = default)
    {
        await RecordLedgerAsync(ct);
        var uncertain = await MarkAbandonedAsync(ct);
        int sent = 0, failed = 0, deferred = 0;
        IMailSession? session = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var due = await DueIdsAsync(ct);
                if (due.Count == 0) break;
                var progressed = false;
                foreach (var id in due)
                {
                    var claim = Guid.NewGuid();
                    var message = await ClaimAsync(id, claim, ct);
                    if (message is null) continue; // another sender has it
                    progressed = true;
                    string response;
                    try
                    {
                        session ??= await transport.OpenAsync(ct);
                        response = await session.SendAsync(MailComposer.ToMime(message, smtp.Value), ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A refusal of this message (5xx) or an address that cannot be written will never succeed.
                        var permanent = e is PermanentMailException or MimeKit.ParseException;
                        var gaveUp = await RecordFailureAsync(message, claim, e, permanent, ct);
                        if (gaveUp) failed++; else deferred++;
                        // The user id, never the address (the server's reply may quote it too).
                        log.LogWarning("Outbox message {Id} to user {UserId} not sent (attempt {Attempt}): {Error}", message.Id, message.RecipientUserId, message.Attempts + 1,
                            MailRedaction.WithoutAddresses($"{e.GetType().Name}: {e.Message}"));
                        if (!permanent)
                        {
                            // The server is unreachable or refusing for now: leave the rest for the next run.
                            if (session is not null) await session.DisposeAsync();
                            session = null;
                            return new OutboxRunResult(sent, failed, deferred + await CountDueAsync(ct), uncertain);
                        }
                        continue;
                    }
                    // From here on the message is out: it must be recorded as sent, never sent again.
                    ledger.Add(message.Id, claim, response, Now);
                    await MarkSentAsync(message.Id, claim, response, Now, ct);
                    ledger.Remove(message.Id);
                    await RedactAsync(message, ct);
                    sent++;
                }
                if (!progressed) break;
            }
        }
        finally
        {
            if (session is not null) await session.DisposeAsync();
        }
        return new OutboxRunResult(sent, failed, deferred, uncertain);
    }

    private async Task<T> WithDbAsync<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    private Task<List<long>> DueIdsAsync(CancellationToken ct)
    {
        var now = Now;
        return WithDbAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(ct));
    }

    private Task<int> CountDueAsync(CancellationToken ct)
    {
        var now = Now;
        return WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now, ct));
    }

    private Task<OutboxMessage?> ClaimAsync(long id, Guid claim, CancellationToken ct)
    {
        var now = Now;
        return WithDbAsync(async db =>
        {
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.ClaimToken, claim)
                    .SetProperty(m => m.ClaimedUntil, now + ClaimLease)
                    .SetProperty(m => m.LastAttemptAt, now), ct);
            return claimed == 1 ? await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, ct) : null;
        });
    }

    /// <summary>Records an accepted message; a few quick retries ride out a briefly locked or unreachable database.</summary>
    private async Task MarkSentAsync(long id, Guid claim, string response, DateTime sentAt, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id && m.ClaimToken == claim)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, OutboxStatus.Sent)
                        .SetProperty(m => m.SentAt, sentAt)
                        .SetProperty(m => m.ServerResponse, Truncate(response, 1_000))
                        .SetProperty(m => m.ClaimToken, (Guid?)null)
                        .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                        .SetProperty(m => m.LastError, (string?)null), ct));
                return;
            }
            catch (Exception e) when (attempt < 3 && e is not OperationCanceledException)
            {
                log.LogWarning(e, "Outbox message {Id} was sent but could not be recorded yet (try {Attempt})", id, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
            }
        }
    }

    /// <summary>
    /// Once out, the copy kept in the queue loses its link secrets (confirmation, invitation, reset, unsubscribe);
    /// if this fails, the retention job redacts it later.
    /// </summary>
    private async Task RedactAsync(OutboxMessage message, CancellationToken ct)
    {
        if (!MailRedaction.HasSecret(message.TextBody) && !MailRedaction.HasSecret(message.HtmlBody) && !MailRedaction.HasSecret(message.UnsubscribeUrl)) return;
        var text = MailRedaction.Redact(message.TextBody)!;
        var html = MailRedaction.Redact(message.HtmlBody);
        var unsubscribe = MailRedaction.Redact(message.UnsubscribeUrl);
        try
        {
            await WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.TextBody, text)
                    .SetProperty(m => m.HtmlBody, html)
                    .SetProperty(m => m.UnsubscribeUrl, unsubscribe), ct));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Outbox message {Id} was sent but its links could not be redacted yet: {Error}", message.Id, e.GetType().Name);
        }
    }

    private async Task RecordLedgerAsync(CancellationToken ct)
    {
        foreach (var (id, claim, response, sentAt) in ledger.Snapshot())
        {
            await MarkSentAsync(id, claim, response, sentAt, ct);
            ledger.Remove(id);
        }
    }

    private Task<int> MarkAbandonedAsync(CancellationToken ct)
    {
        var now = Now;
        return WithDbAsync(db => db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Sending && m.ClaimedUntil < now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Uncertain)
                .SetProperty(m => m.ClaimToken, (Guid?)null)
                .SetProperty(m => m.LastError, "The sender stopped while this message was being sent; it may or may not have been delivered."), ct));
    }

    /// <returns>Whether the message was given up on (Failed) rather than scheduled again.</returns>
    private async Task<bool> RecordFailureAsync(OutboxMessage message, Guid claim, Exception error, bool permanent, CancellationToken ct)
    {
        var attempts = message.Attempts + 1;
        var giveUp = permanent || attempts >= MaxAttempts;
        var next = Now + Backoff(attempts);
        var text = Truncate($"{error.GetType().Name}: {error.Message}", 2_000);
        await WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimToken == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, text)
                .SetProperty(m => m.ClaimToken, (Guid?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), ct));
        return giveUp;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
