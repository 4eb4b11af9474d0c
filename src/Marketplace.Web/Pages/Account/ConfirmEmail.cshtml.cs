namespace Marketplace.Web.Pages.Account;

public sealed class ConfirmEmailModel(AccountService accounts) : PageModel
{
    public bool Confirmed => Status is not null;
    public AccountStatus? Status { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        Status = await accounts.ConfirmEmailAsync(userId, code);
    }
}
