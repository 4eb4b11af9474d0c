namespace Marketplace.Web.Pages.Account;

/// <summary>The page the reset mail links to: a new password, then sign in. The link works once.</summary>
public sealed class ResetPasswordModel(CredentialService credentials, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await credentials.ResetAsync(UserId, Code, Input.Password, Input.ConfirmPassword, ct);
        return await this.OutcomeAtAsync(result, t["Reset_Done"].Value, "/account/login", this.PageAgain(), prefix: "Input");
    }
}

public sealed class NewPasswordInput
{
    public string? CurrentPassword { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
}
