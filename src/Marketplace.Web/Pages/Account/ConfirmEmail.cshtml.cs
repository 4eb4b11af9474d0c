using Marketplace.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

public sealed class ConfirmEmailModel(AccountService accounts) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        Confirmed = await accounts.ConfirmEmailAsync(userId, code);
    }
}
