using Marketplace.Data.Entities;
using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.Experts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// /account/data: download everything held about me (any signed-in user) and, for experts, delete the account.
/// Both act on the signed-in user only; no parameter of the request names a user.
/// </summary>
public sealed class DataModel(
    PersonalDataExport export,
    AccountDeletion deletion,
    UserManager<AppUser> users,
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
        var user = await users.FindByIdAsync(UserId);
        if (user is null) return Challenge();

        if (!ModelState.IsValid) return Page();
        if (!Input.Confirm) ModelState.AddModelError("Input.Confirm", t["Delete_ConfirmRequired"]);
        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", t["Val_Required", t["Field_Password"]]);
        }
        else if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError("Input.Password", t["Login_LockedOut"]);
        }
        else if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            // Counted towards lockout like a failed sign-in, so this form cannot be used to guess the password.
            await users.AccessFailedAsync(user);
            ModelState.AddModelError("Input.Password", t["Delete_WrongPassword"]);
        }
        if (!ModelState.IsValid) return Page();
        await users.ResetAccessFailedCountAsync(user);

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
