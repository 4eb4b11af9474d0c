using Marketplace.Data.Entities;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Account;

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
        if (string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("", t["Login_Failed"]);
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is not null && user.Status != AccountStatus.Active && await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError("", user.Status == AccountStatus.PendingApproval ? t["Login_PendingApproval"] : t["Login_Rejected"]);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user?.UserName ?? Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(PageModelExtensions.SafeLocal(ReturnUrl));
        if (result.IsLockedOut) ModelState.AddModelError("", t["Login_LockedOut"]);
        else if (result.IsNotAllowed) ModelState.AddModelError("", t["Login_NotConfirmed"]);
        else ModelState.AddModelError("", t["Login_Failed"]);
        return Page();
    }
}
