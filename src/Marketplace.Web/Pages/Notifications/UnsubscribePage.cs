namespace Marketplace.Web.Pages.Notifications;

/// <summary>
/// An unsubscribe link of a mail (the digest's, a saved search's alerts'): the signed token names the person.
/// Opening it, or a mail client's one-click POST (RFC 8058), turns the mail off; the page offers to undo it
/// (daily again). A bad token is a 400; nothing here is cached.
/// </summary>
public abstract class UnsubscribePage : PageModel
{
    public bool Valid { get; private set; }
    public bool Resubscribed { get; private set; }
    public string Token { get; private set; } = "";

    /// <summary>Sets how often the token's owner gets the mail; false when the token names nobody.</summary>
    protected abstract Task<bool> SetByTokenAsync(string? token, DigestFrequency frequency, CancellationToken ct);

    public Task<IActionResult> OnGetAsync(string? token, CancellationToken ct) => SetAsync(token, DigestFrequency.Off, ct);

    /// <summary>One-click unsubscribe from a mail client (body <c>List-Unsubscribe=One-Click</c>).</summary>
    public Task<IActionResult> OnPostAsync(string? token, CancellationToken ct) => SetAsync(token, DigestFrequency.Off, ct);

    /// <summary>Undo, from the confirmation page.</summary>
    public async Task<IActionResult> OnPostResubscribeAsync(string? token, CancellationToken ct)
    {
        var result = await SetAsync(token, DigestFrequency.Daily, ct);
        Resubscribed = Valid;
        return result;
    }

    private async Task<IActionResult> SetAsync(string? token, DigestFrequency frequency, CancellationToken ct)
    {
        Token = token ?? "";
        Valid = await SetByTokenAsync(token, frequency, ct);
        Response.Headers.CacheControl = "no-store";
        if (!Valid) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
