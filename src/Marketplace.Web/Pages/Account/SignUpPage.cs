namespace Marketplace.Web.Pages.Account;

/// <summary>
/// A sign-up form (an expert's, or a local-government staff member's request): once accepted, the page that asks
/// the person to confirm their address; otherwise the form again with what to fix.
/// </summary>
public abstract class SignUpPage<TInput> : PageModel where TInput : new()
{
    [BindProperty]
    public TInput Input { get; set; } = new();

    /// <summary>The route values of the check-your-mail page (what it says differs for staff).</summary>
    protected virtual object? CheckEmailValues => null;

    protected abstract Task<ServiceResult> SignUpAsync(CancellationToken ct);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await SignUpAsync(ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, "Input");
            return Page();
        }
        return RedirectToPage("/Account/CheckEmail", CheckEmailValues);
    }
}
