namespace Marketplace.Web.Pages.Account;

/// <summary>Changes the password; every other browser signed in to the account is signed out.</summary>
[Authorize]
public sealed class PasswordModel(CredentialService credentials, MarketplaceSignInManager signIn, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await credentials.ChangePasswordAsync(User.UserId()!, SessionStore.SessionOf(User), Input.CurrentPassword, Input.Password, Input.ConfirmPassword, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, "Input");
            return Page();
        }
        // The security stamp changed: this browser gets a fresh cookie for the same session.
        if (await signIn.UserManager.GetUserAsync(User) is { } user) await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = t["ChangePassword_Done"].Value;
        return LocalRedirect("/account/sessions");
    }
}
