namespace Marketplace.Web.Pages.Manage.Staff;

/// <summary>A staff member invites a colleague; the invitation can only be for their own government.</summary>
public sealed class InviteModel(AccountService accounts, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await accounts.InviteAsync(User.OrganizationId()!.Value, User.UserId()!, Email, ct);
        return await this.OutcomeAsync(result, t["Invite_Sent", Email?.Trim() ?? ""].Value, null, this.PageAgain(), prefix: "Input");
    }
}
