using Marketplace.Data.Entities;
using Marketplace.Web.Features.SavedSearches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.SavedSearches;

/// <summary>
/// The alert mail's unsubscribe link, as the digest's: no sign-in, the signed token names the person. Opening it
/// stops every saved-search alert of the person; mail clients' one-click button (RFC 8058) POSTs to it.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(SavedSearchService saved) : PageModel
{
    public bool Valid { get; private set; }
    public bool Resubscribed { get; private set; }
    public string Token { get; private set; } = "";

    public Task<IActionResult> OnGetAsync(string? token, CancellationToken ct) => SetAsync(token, DigestFrequency.Off, ct);

    public Task<IActionResult> OnPostAsync(string? token, CancellationToken ct) => SetAsync(token, DigestFrequency.Off, ct);

    public async Task<IActionResult> OnPostResubscribeAsync(string? token, CancellationToken ct)
    {
        var result = await SetAsync(token, DigestFrequency.Daily, ct);
        Resubscribed = Valid;
        return result;
    }

    private async Task<IActionResult> SetAsync(string? token, DigestFrequency frequency, CancellationToken ct)
    {
        Token = token ?? "";
        Valid = await saved.SetAlertsByTokenAsync(token, frequency, ct);
        Response.Headers.CacheControl = "no-store";
        if (!Valid) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
