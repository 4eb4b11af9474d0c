using Marketplace.Web.Features.TwoFactor;

namespace Marketplace.Web.Pages.TwoFactor;

/// <summary>
/// Adds a passkey under a name. The browser script (wwwroot/js/passkeys.js) asks for the creation options
/// (<c>?handler=Options</c>, which also checks the name), lets the authenticator make the key, and posts the credential
/// with the form; the server checks it against the ceremony it started and stores the public key.
/// </summary>
[Authorize]
public sealed class AddPasskeyModel(UserManager<AppUser> users, MarketplaceSignInManager signIn, PasskeyService passkeys, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? CredentialJson { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    /// <summary>The options for <c>navigator.credentials.create()</c> as JSON, or 400 with the message to show.</summary>
    public async Task<IActionResult> OnPostOptionsAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var (problem, json) = await passkeys.CreationOptionsAsync(user, Name);
        if (problem != PasskeyProblem.None) return BadRequest(new { field = problem is PasskeyProblem.TooMany ? "" : nameof(Name), message = Message(problem) });
        Response.Headers.CacheControl = "no-store";
        return Content(json!, "application/json");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var problem = await passkeys.AddAsync(user, Name, CredentialJson, ct);
        if (problem != PasskeyProblem.None)
        {
            ModelState.AddModelError(problem is PasskeyProblem.NameMissing or PasskeyProblem.NameTooLong ? nameof(Name) : "", Message(problem));
            return Page();
        }
        // The cookie now says the account has a second factor.
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = t["Passkey_Added_Done", Name!.Trim()].Value;
        return LocalRedirect(string.IsNullOrEmpty(ReturnUrl) ? "/account/two-factor" : PageModelExtensions.SafeLocal(ReturnUrl));
    }

    private string Message(PasskeyProblem problem) => t[problem switch
    {
        PasskeyProblem.NameMissing => "Passkey_NameMissing",
        PasskeyProblem.NameTooLong => "Passkey_NameTooLong",
        PasskeyProblem.TooMany => "Passkey_TooMany",
        PasskeyProblem.NoCeremony => "Passkey_NoCeremony",
        _ => "Passkey_Refused",
    }];
}
