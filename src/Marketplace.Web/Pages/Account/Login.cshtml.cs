using Marketplace.Data.Entities;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// Sign-in. The password is checked, and failures counted towards lockout, before anything about the
/// account (unconfirmed, awaiting approval, rejected) is revealed, so no account state helps a guesser.
/// </summary>
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> t) : PageModel
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
        var user = string.IsNullOrWhiteSpace(Input.Email) ? null : await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null || string.IsNullOrEmpty(Input.Password)) return Refuse("Login_Failed");
        if (await users.IsLockedOutAsync(user)) return Refuse("Login_LockedOut");

        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            await users.AccessFailedAsync(user);
            return Refuse(await users.IsLockedOutAsync(user) ? "Login_LockedOut" : "Login_Failed");
        }
        await users.ResetAccessFailedCountAsync(user);

        if (!user.EmailConfirmed) return Refuse("Login_NotConfirmed");
        if (user.Status == AccountStatus.PendingApproval) return Refuse("Login_PendingApproval");
        if (user.Status != AccountStatus.Active || !await signIn.CanSignInAsync(user)) return Refuse("Login_Rejected");

        await signIn.SignInAsync(user, isPersistent: false);
        // Without a page to go back to, each user lands on the dashboard of what waits for them.
        return LocalRedirect(string.IsNullOrEmpty(ReturnUrl) ? "/dashboard" : PageModelExtensions.SafeLocal(ReturnUrl));
    }

    private PageResult Refuse(string key)
    {
        ModelState.AddModelError("", t[key]);
        return Page();
    }
}
