namespace Marketplace.Web.Pages.Account;

/// <summary>Asks for a new address; it replaces the old one only once the link mailed to it is opened.</summary>
[Authorize]
public sealed class EmailModel(CredentialService credentials, UserManager<Marketplace.Data.Entities.AppUser> users) : PageModel
{
    public sealed class EmailInput
    {
        public string? NewEmail { get; set; }
    }

    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public string Current { get; private set; } = "";
    public bool Sent { get; private set; }

    public async Task OnGetAsync() => Current = (await users.GetUserAsync(User))?.Email ?? "";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await credentials.RequestEmailChangeAsync(User.UserId()!, Input.NewEmail, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, "Input");
            await OnGetAsync();
            return Page();
        }
        Sent = true;
        return Page();
    }
}
