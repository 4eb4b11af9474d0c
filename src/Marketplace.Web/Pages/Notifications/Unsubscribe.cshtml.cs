namespace Marketplace.Web.Pages.Notifications;

/// <summary>
/// The digest's unsubscribe link: no sign-in, the signed token names the user. Opening the link stops the
/// digest at once; mail clients' one-click button (RFC 8058) POSTs to the same address. The token is the
/// credential here, so the page takes no antiforgery token (a mail client cannot send one).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(NotificationPreferences preferences) : UnsubscribePage
{
    protected override async Task<bool> SetByTokenAsync(string? token, DigestFrequency frequency, CancellationToken ct) =>
        await preferences.SetDigestByTokenAsync(token, frequency, ct) is not null;
}
