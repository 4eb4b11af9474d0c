using Marketplace.Web.Features.TwoFactor;

namespace Marketplace.Web.Pages.TwoFactor;

/// <summary>
/// Adds an authenticator app: the QR code and the key, then the first code from the app proves it was set up; the ten
/// recovery codes are shown once, in the answer to that POST (never stored in a cookie or shown again).
/// </summary>
[Authorize]
public sealed class EnableModel(UserManager<AppUser> users, MarketplaceSignInManager signIn, TwoFactorService twoFactor, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public AuthenticatorSetup? Setup { get; private set; }
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public bool Required { get; private set; }

    public string ContinueUrl => string.IsNullOrEmpty(ReturnUrl) ? "/dashboard" : PageModelExtensions.SafeLocal(ReturnUrl);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return LocalRedirect("/account/two-factor");
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return LocalRedirect("/account/two-factor");
        var (problem, codes) = await twoFactor.EnableAsync(user, Code);
        if (problem != CodeProblem.None)
        {
            ModelState.AddModelError(nameof(Code), t[problem switch
            {
                CodeProblem.Missing => "TwoFactor_CodeMissing",
                CodeProblem.Format => "TwoFactor_CodeFormat",
                _ => "TwoFactor_EnableCodeWrong",
            }]);
            await LoadAsync(user);
            return Page();
        }
        // The cookie now says the account has a second factor (the security stamp changed with it).
        await signIn.RefreshSignInAsync(user);
        RecoveryCodes = codes;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task LoadAsync(AppUser user)
    {
        Required = TwoFactorService.IsRequiredFor(await users.GetRolesAsync(user));
        var hadKey = !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user));
        Setup = await twoFactor.SetupAsync(user);
        // Making the key renews the security stamp; without a new cookie this browser was signed out at the next
        // stamp check (a minute later), only for having opened this page.
        if (!hadKey) await signIn.RefreshSignInAsync(user);
    }
}
