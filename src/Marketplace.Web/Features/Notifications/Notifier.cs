using Hangfire;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Notifications;

/// <summary>The text of one mail, before it is addressed.</summary>
public sealed record MailContent(string Subject, string Body);

public sealed class SiteOptions
{
    /// <summary>
    /// The public address people reach the service at; every link in mail starts with it. Never taken from a
    /// request: a forged Host header must not put an attacker's address into mail. When not configured, the
    /// first address the service listens on (<c>Urls</c> / <c>--urls</c>) is used.
    /// </summary>
    public string BaseUrl { get; set; } = "";
}

/// <summary>
/// Writes notifications into the outbox on the caller's own <see cref="MarketplaceDbContext"/>, so they are
/// saved by the caller's SaveChanges, in the same transaction as the change they report. Nothing is sent here:
/// once that save succeeds, the outbox job is asked to run.
/// </summary>
public sealed class Notifier
{
    private readonly MarketplaceDbContext _db;
    private readonly IStringLocalizer<SharedResource> _t;
    private readonly TimeProvider _clock;
    private readonly IBackgroundJobClient _jobs;
    private readonly SiteOptions _site;
    private bool _wakeSenderAfterSave;

    public Notifier(MarketplaceDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock, IBackgroundJobClient jobs,
        IOptions<SiteOptions> site)
    {
        _db = db;
        _t = t;
        _clock = clock;
        _jobs = jobs;
        _site = site.Value;
        _db.SavedChanges += (_, e) =>
        {
            if (!_wakeSenderAfterSave) return;
            _wakeSenderAfterSave = false;
            Jobs.OutboxJobs.Wake(_jobs);
        };
    }

    /// <summary>Links in mail: the configured public address, whatever the request's Host header says.</summary>
    public string BaseUrl => _site.BaseUrl.TrimEnd('/');

    /// <summary>
    /// Adds a mail to an account, in the account's language, unless the user switched this kind off.
    /// Returns whether a message was added.
    /// </summary>
    public async Task<bool> ToUserAsync(AppUser user, string kind, Func<IStringLocalizer, string, MailContent> compose, CancellationToken ct = default, string? unsubscribeUrl = null)
    {
        if (string.IsNullOrEmpty(user.Email)) return false;
        if (!await WantsAsync(user.Id, kind, ct)) return false;
        Add(user.Email, user.Id, kind, user.PreferredCulture, compose, unsubscribeUrl);
        return true;
    }

    /// <summary>Adds a mail to every active account of the given ids that wants this kind.</summary>
    public async Task<int> ToUsersAsync(IEnumerable<string> userIds, string kind, Func<IStringLocalizer, string, MailContent> compose, CancellationToken ct = default)
    {
        var ids = userIds.Distinct().ToList();
        var users = await _db.Users.Where(u => ids.Contains(u.Id) && u.Status == AccountStatus.Active).ToListAsync(ct);
        var count = 0;
        foreach (var user in users)
        {
            if (await ToUserAsync(user, kind, compose, ct)) count++;
        }
        return count;
    }

    /// <summary>Adds a mail to an address without an account yet (invitations), in the current page's language.</summary>
    public void ToAddress(string address, string kind, Func<IStringLocalizer, string, MailContent> compose) =>
        Add(address, null, kind, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja", compose, null);

    public async Task<bool> WantsAsync(string userId, string kind, CancellationToken ct = default)
    {
        if (NotificationKinds.Find(kind) is { Mandatory: true }) return true;
        var settings = await _db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, ct);
        return settings is null || !NotificationPreferences.Disabled(settings).Contains(kind);
    }

    private void Add(string address, string? userId, string kind, string language, Func<IStringLocalizer, string, MailContent> compose, string? unsubscribeUrl)
    {
        var culture = language == "en" ? LocalizationSetup.English : LocalizationSetup.Japanese;
        var content = InCulture(culture, () => compose(_t, BaseUrl));
        var footer = InCulture(culture, () => _t["Notify_Footer", $"{BaseUrl}/account/notifications"].Value);
        var body = content.Body.TrimEnd() + "\n\n--\n" + footer + (unsubscribeUrl is null ? "" : "\n" + InCulture(culture, () => _t["Notify_UnsubscribeLine", unsubscribeUrl].Value));
        var now = _clock.GetUtcNow().UtcDateTime;
        _db.OutboxMessages.Add(new OutboxMessage
        {
            Kind = kind,
            ToAddress = address,
            RecipientUserId = userId,
            Subject = content.Subject,
            TextBody = body,
            HtmlBody = MailComposer.ToHtml(body, culture.TwoLetterISOLanguageName),
            MessageId = $"{Guid.NewGuid():N}@cio-marketplace.jp",
            UnsubscribeUrl = unsubscribeUrl,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        _wakeSenderAfterSave = true;
    }

    private static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = current;
        }
    }
}
