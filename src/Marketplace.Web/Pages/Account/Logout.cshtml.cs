namespace Marketplace.Web.Pages.Account;

public sealed class LogoutModel(MarketplaceSignInManager signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Ends every session of this user, so no copy of the cookie keeps working.
        await signIn.SignOutEverywhereAsync();
        return LocalRedirect("/");
    }
}
