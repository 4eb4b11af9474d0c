using Marketplace.Web.Features.Experts;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// /account/data: download everything held about me (any signed-in user) and, for experts, delete the account.
/// Both act on the signed-in user only; no parameter of the request names a user.
/// </summary>
public sealed class DataModel(
    PersonalDataExport export,
    AccountDeletion deletion,
    CredentialService credentials,
    SignInManager<AppUser> signIn,
    IStringLocalizer<SharedResource> t, Marketplace.Web.Features.Security.AuditLog audit) : PageModel
{
    public sealed class DeleteInput
    {
        public string? Password { get; set; }
        public bool Confirm { get; set; }
    }

    [BindProperty]
    public DeleteInput Input { get; set; } = new();

    public bool IsExpert => User.IsInRole(Roles.Expert);

    private string UserId => User.UserId()!;

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (User.Identity?.IsAuthenticated != true || User.UserId() is null) context.Result = Challenge();
    }

    public void OnGet()
    {
    }

    /// <summary>GET /account/data?handler=Download: the signed-in user's data as a JSON file.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        var json = await export.ExportAsync(UserId, ct);
        if (json is null) return Challenge();
        await audit.WriteAsync(Marketplace.Web.Features.Security.AuditActions.PersonalDataExport, "user", UserId, null, ct: ct);
        Response.Headers.CacheControl = "no-store";
        return File(json, "application/json; charset=utf-8", export.FileName());
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!IsExpert) return Forbid();
        if (!ModelState.IsValid) return Page();
        var confirmed = await credentials.ConfirmDeletionAsync(UserId, Input.Password, Input.Confirm);
        if (confirmed.IsNotFound) return Challenge();
        if (!confirmed.Succeeded)
        {
            ModelState.AddErrors(confirmed, "Input");
            return Page();
        }

        if (!await deletion.DeleteExpertAsync(UserId, ct))
        {
            ModelState.AddModelError("", t["Error_Generic"]);
            return Page();
        }
        await signIn.SignOutAsync();
        TempData["Notice"] = t["Delete_Done"].Value;
        return LocalRedirect("/");
    }
}
