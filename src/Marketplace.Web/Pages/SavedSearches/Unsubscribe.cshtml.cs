using Marketplace.Web.Features.SavedSearches;
using Marketplace.Web.Pages.Notifications;

namespace Marketplace.Web.Pages.SavedSearches;

/// <summary>
/// The alert mail's unsubscribe link, as the digest's: no sign-in, the signed token names the person. Opening it
/// stops every saved-search alert of the person; mail clients' one-click button (RFC 8058) POSTs to it.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(SavedSearchService saved) : UnsubscribePage
{
    protected override Task<bool> SetByTokenAsync(string? token, DigestFrequency frequency, CancellationToken ct) =>
        saved.SetAlertsByTokenAsync(token, frequency, ct);
}
