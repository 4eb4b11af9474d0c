namespace Marketplace.Web.Pages.Account;

/// <summary>The link mailed to a new address. It works once (the change renews the account's security stamp).</summary>
public sealed class ConfirmEmailChangeModel(CredentialService credentials) : PageModel
{
    public bool Changed { get; private set; }

    public async Task OnGetAsync(string? userId, string? email, string? code, CancellationToken ct) =>
        Changed = await credentials.ConfirmEmailChangeAsync(userId, email, code, ct);
}
