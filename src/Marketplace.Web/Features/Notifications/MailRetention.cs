using System.Text.RegularExpressions;
using Marketplace.Web.Email;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Notifications;

/// <summary>How long delivered mail is kept (<c>Retention</c> section).</summary>
public sealed class RetentionOptions
{
    /// <summary>Days a sent (or given-up) outbox row and a written .eml file are kept.</summary>
    public int MailDays { get; set; } = 30;
}

/// <summary>
/// What must not stay readable once a mail is out: the secrets in its links (confirmation, invitation, reset and
/// unsubscribe tokens), and e-mail addresses in log lines.
/// </summary>
public static partial class MailRedaction
{
    public const string Mark = "REDACTED";

    /// <summary>The value of every <c>code</c>, <c>token</c> and <c>email</c> query parameter in the text's links.</summary>
    [GeneratedRegex(@"(?<=(?:[?&]|&amp;)(?:code|token|email)=)[A-Za-z0-9%_\-.~+/=@]+", RegexOptions.CultureInvariant)]
    private static partial Regex LinkSecret();

    [GeneratedRegex(@"[^\s<>""'(),;:@]+@[^\s<>""'(),;:@]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    public static string? Redact(string? text) => text is null ? null : LinkSecret().Replace(text, Mark);

    public static bool HasSecret(string? text) => text is not null && LinkSecret().IsMatch(text);

    /// <summary>Text for a log line (an error from the mail server, say) with every e-mail address replaced.</summary>
    public static string WithoutAddresses(string text) => Address().Replace(text, "[address]");
}

public sealed record RetentionResult(int RowsPurged, int FilesPurged, int RowsRedacted);

/// <summary>
/// The daily retention run: sent and given-up outbox rows and written .eml files older than
/// <see cref="RetentionOptions.MailDays"/> are deleted, and any sent row still holding a link secret is redacted
/// (the sender redacts on delivery; this catches a delivery recorded after a restart).
/// </summary>
public sealed class MailRetention(MarketplaceDbContext db, IMailTransport transport, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<MailRetention> log)
{
    public async Task<RetentionResult> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-Math.Max(1, options.Value.MailDays));
        var rows = await db.OutboxMessages
            .Where(m => (m.Status == OutboxStatus.Sent && m.SentAt < cutoff) || (m.Status == OutboxStatus.Failed && m.LastAttemptAt < cutoff))
            .ExecuteDeleteAsync(ct);

        var redacted = 0;
        var withSecrets = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Sent && (m.TextBody.Contains("code=") || m.TextBody.Contains("token=") || m.UnsubscribeUrl != null))
            .ToListAsync(ct);
        foreach (var m in withSecrets.Where(m => MailRedaction.HasSecret(m.TextBody) || MailRedaction.HasSecret(m.HtmlBody) || MailRedaction.HasSecret(m.UnsubscribeUrl)))
        {
            m.TextBody = MailRedaction.Redact(m.TextBody)!;
            m.HtmlBody = MailRedaction.Redact(m.HtmlBody);
            m.UnsubscribeUrl = MailRedaction.Redact(m.UnsubscribeUrl);
            redacted++;
        }
        await db.SaveChangesAsync(ct);

        var files = 0;
        if (transport is PickupDirectoryTransport pickup && Directory.Exists(pickup.Folder))
        {
            foreach (var file in Directory.EnumerateFiles(pickup.Folder, "*.eml"))
            {
                if (File.GetLastWriteTimeUtc(file) >= cutoff) continue;
                try
                {
                    File.Delete(file);
                    files++;
                }
                catch (IOException ex)
                {
                    log.LogWarning("Could not delete old mail file {File}: {Error}", Path.GetFileName(file), ex.Message);
                }
            }
        }
        log.LogInformation("Mail retention: {Rows} outbox rows and {Files} mail files older than {Days} days deleted, {Redacted} rows redacted",
            rows, files, options.Value.MailDays, redacted);
        return new RetentionResult(rows, files, redacted);
    }
}
