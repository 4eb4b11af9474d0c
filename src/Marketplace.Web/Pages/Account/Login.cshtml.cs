using Marketplace.Web.Features.TwoFactor;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// Sign-in. The password is checked before anything about the account (unconfirmed, awaiting approval, rejected)
/// is revealed, and a wrong password or an unknown address get the same message after the same work (a password
/// hash is verified either way), so no answer tells a guesser which addresses exist. There is no lockout that a
/// stranger could trigger against someone else: guessing is slowed by throttling instead (RateLimits), and a browser
/// that signed in to the account before is throttled only by its own failures (<see cref="SignInDevices"/>).
/// </summary>
public sealed class LoginModel(MarketplaceSignInManager signIn, UserManager<AppUser> users, AccountThrottle throttle, SignInDevices devices,
    UnknownAddressHash unknownAddress, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class LoginInput
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var key = devices.ThrottleKey(Request, Input.Email);
        if (!throttle.MayTry(key))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Refuse("Login_Throttled");
        }
        var user = string.IsNullOrWhiteSpace(Input.Email) ? null : await users.FindByEmailAsync(Input.Email.Trim());
        if (string.IsNullOrEmpty(Input.Password)) return Refuse("Login_Failed");
        if (user is null)
        {
            unknownAddress.Verify(users.PasswordHasher, Input.Password);
            throttle.Failed(key);
            return Refuse("Login_Failed");
        }
        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            throttle.Failed(key);
            return Refuse("Login_Failed");
        }

        if (!user.EmailConfirmed) return Refuse("Login_NotConfirmed");
        if (user.Status == AccountStatus.PendingApproval) return Refuse("Login_PendingApproval");
        if (user.Status != AccountStatus.Active || !await signIn.CanSignInAsync(user)) return Refuse("Login_Rejected");

        // Without a page to go back to, each user lands on the dashboard of what waits for them.
        var target = string.IsNullOrEmpty(ReturnUrl) ? "/dashboard" : PageModelExtensions.SafeLocal(ReturnUrl);
        var result = await signIn.SignInAfterPasswordAsync(user);
        if (result.RequiresTwoFactor) return LocalRedirect($"{TwoFactorSetup.SignInPath}?returnUrl={Uri.EscapeDataString(target)}");
        // Only a whole sign-in makes this a known browser: a password alone must not earn a throttle bucket of its own
        // for guessing the second factor (the second step remembers the browser when it succeeds).
        devices.Remember(HttpContext, user.Email!);
        // Office and staff must add a second factor before anything else (RequireTwoFactorMiddleware).
        if (!await signIn.IsTwoFactorEnabledAsync(user) && TwoFactorService.IsRequiredFor(await users.GetRolesAsync(user)))
        {
            return LocalRedirect($"{TwoFactorSetup.EnablePath}?returnUrl={Uri.EscapeDataString(target)}");
        }
        return LocalRedirect(target);
    }

    private PageResult Refuse(string key)
    {
        ModelState.AddModelError("", t[key]);
        return Page();
    }
}
