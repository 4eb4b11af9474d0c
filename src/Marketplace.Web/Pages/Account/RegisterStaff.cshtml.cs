using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

public sealed class RegisterStaffModel(AccountService accounts) : PageModel
{
    [BindProperty]
    public StaffSignUpInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await accounts.RequestStaffAccountAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, "Input");
            return Page();
        }
        return RedirectToPage("/Account/CheckEmail", new { staff = true });
    }
}
