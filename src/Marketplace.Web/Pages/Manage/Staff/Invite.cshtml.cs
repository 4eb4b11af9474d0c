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
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, "Input");
            return Page();
        }
        TempData["Notice"] = t["Invite_Sent", Email!.Trim()].Value;
        return RedirectToPage();
    }
}
