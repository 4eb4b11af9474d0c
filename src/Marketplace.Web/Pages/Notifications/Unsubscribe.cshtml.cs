using Marketplace.Data.Entities;
using Marketplace.Web.Features.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Notifications;

/// <summary>
/// The digest's unsubscribe link: no sign-in, the signed token names the user. Opening the link stops the
/// digest at once; mail clients' one-click button (RFC 8058) POSTs to the same address. The token is the
/// credential here, so the page takes no antiforgery token (a mail client cannot send one).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(NotificationPreferences preferences) : PageModel
{
    public bool Valid { get; private set; }
    public bool Resubscribed { get; private set; }
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct) => await SetAsync(token, DigestFrequency.Off, ct);

    /// <summary>One-click unsubscribe from a mail client (body <c>List-Unsubscribe=One-Click</c>).</summary>
    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken ct) => await SetAsync(token, DigestFrequency.Off, ct);

    /// <summary>Undo, from the confirmation page.</summary>
    public async Task<IActionResult> OnPostResubscribeAsync(string? token, CancellationToken ct)
    {
        var result = await SetAsync(token, DigestFrequency.Daily, ct);
        Resubscribed = Valid;
        return result;
    }

    private async Task<IActionResult> SetAsync(string? token, DigestFrequency digest, CancellationToken ct)
    {
        Token = token ?? "";
        Valid = await preferences.SetDigestByTokenAsync(token, digest, ct) is not null;
        Response.Headers.CacheControl = "no-store";
        if (!Valid) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
