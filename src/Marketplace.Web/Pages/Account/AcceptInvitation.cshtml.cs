namespace Marketplace.Web.Pages.Account;

public sealed class AcceptInvitationModel(AccountService accounts, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class AcceptInput
    {
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public AcceptInput Input { get; set; } = new();

    public StaffInvitation? Invitation { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Invitation = await accounts.FindInvitationAsync(Token, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Invitation = await accounts.FindInvitationAsync(Token, ct);
        if (Invitation is null) return Page();
        var result = await accounts.AcceptInvitationAsync(Token, Input.DisplayName, Input.Password, Input.ConfirmPassword, ct);
        return await this.OutcomeAtAsync(result, t["Invite_Accepted"].Value, "/account/login", this.PageAgain(), prefix: "Input");
    }
}
