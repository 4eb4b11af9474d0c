using Marketplace.Web.Features.TwoFactor;

namespace Marketplace.Web.Pages.TwoFactor;

/// <summary>
/// The second step of signing in: a code from the authenticator app, or one of the recovery codes (each works once).
/// Only reachable after the password was right (Identity's two-factor cookie says whose step this is); wrong codes
/// count against the same throttle as wrong passwords (the account's, or a browser's own where it has signed in to the
/// account before, <see cref="SignInDevices"/>), so six digits cannot be guessed. A browser becomes known only here,
/// after both steps: a password alone earns no bucket of its own.
/// </summary>
public sealed class SignInModel(MarketplaceSignInManager signIn, PasskeyService passkeys, AccountThrottle throttle, SignInDevices devices,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? CredentialJson { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty]
    public bool RememberDevice { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool UsingRecoveryCode { get; private set; }

    /// <summary>Whether the account has an authenticator app (codes and recovery codes) and passkeys.</summary>
    public bool HasApp { get; private set; } = true;
    public bool HasPasskeys { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool recovery = false)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return LocalRedirect("/account/login");
        await LoadAsync(user);
        UsingRecoveryCode = recovery && HasApp;
        return Page();
    }

    public Task<IActionResult> OnPostAsync() => VerifyAsync(recovery: false);

    public Task<IActionResult> OnPostRecoveryAsync() => VerifyAsync(recovery: true);

    /// <summary>The options for <c>navigator.credentials.get()</c>, for the passkeys of the user whose password was right.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync()
    {
        var json = await passkeys.SecondStepOptionsAsync();
        if (json is null) return BadRequest(new { field = "", message = t["Passkey_SignIn_Failed"].Value });
        Response.Headers.CacheControl = "no-store";
        return Content(json, "application/json");
    }

    /// <summary>The second step with a passkey; a failure counts against the same throttle as a wrong code.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync()
    {
        var (user, answer) = await StartSecondStepAsync();
        if (user is null) return answer!;
        var result = await passkeys.SecondStepSignInAsync(CredentialJson, RememberDevice);
        if (!result.Succeeded)
        {
            throttle.Failed(ThrottleKey(user));
            ModelState.AddModelError("", t["Passkey_SignIn_Failed"]);
            return Page();
        }
        return SignedIn(user);
    }

    /// <summary>
    /// The user whose second step is pending, loaded for the page; or, with no user, what to answer instead: the
    /// sign-in page when no first step was made, 429 when they tried too often.
    /// </summary>
    private async Task<(AppUser? User, IActionResult? Answer)> StartSecondStepAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return (null, LocalRedirect("/account/login"));
        await LoadAsync(user);
        if (!throttle.MayTry(ThrottleKey(user)))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return (null, Refuse("", t["Login_Throttled"]));
        }
        return (user, null);
    }

    /// <summary>The throttle key of this second step: the account's, or this browser's own (<see cref="SignInDevices.ThrottleKey"/>).</summary>
    private string ThrottleKey(AppUser user) => devices.ThrottleKey(Request, user.Email);

    private LocalRedirectResult SignedIn(AppUser user)
    {
        devices.Remember(HttpContext, user.Email!);
        return LocalRedirect(string.IsNullOrEmpty(ReturnUrl) ? "/dashboard" : PageModelExtensions.SafeLocal(ReturnUrl));
    }

    private async Task LoadAsync(AppUser user)
    {
        HasApp = user.TwoFactorEnabled;
        HasPasskeys = await passkeys.CountAsync(user) > 0;
    }

    private async Task<IActionResult> VerifyAsync(bool recovery)
    {
        UsingRecoveryCode = recovery;
        var (user, answer) = await StartSecondStepAsync();
        if (user is null) return answer!;
        var field = recovery ? nameof(RecoveryCode) : nameof(Code);
        string code;
        if (recovery)
        {
            code = (RecoveryCode ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);
            if (code.Length == 0) return Refuse(field, t["TwoFactor_RecoveryMissing"]);
        }
        else
        {
            code = TwoFactorService.NormalizeCode(Code);
            switch (TwoFactorService.CheckFormat(code))
            {
                case CodeProblem.Missing: return Refuse(field, t["TwoFactor_CodeMissing"]);
                case CodeProblem.Format: return Refuse(field, t["TwoFactor_CodeFormat"]);
            }
        }
        var result = recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: RememberDevice);
        if (!result.Succeeded)
        {
            throttle.Failed(ThrottleKey(user));
            return Refuse(field, t[recovery ? "TwoFactor_RecoveryWrong" : "TwoFactor_CodeWrong"]);
        }
        return SignedIn(user);
    }

    private PageResult Refuse(string field, string message)
    {
        ModelState.AddModelError(field, message);
        return Page();
    }
}
