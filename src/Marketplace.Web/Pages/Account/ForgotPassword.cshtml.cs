namespace Marketplace.Web.Pages.Account;

/// <summary>Asks for a reset link. The answer is the same whether or not the address has an account.</summary>
public sealed class ForgotPasswordModel(CredentialService credentials) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        await credentials.RequestResetAsync(Email, ct);
        Sent = true;
    }
}
