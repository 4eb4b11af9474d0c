using Marketplace.Web.Infrastructure;
using Marketplace.Web.Features;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.PastResults;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.PastResults;

/// <summary>What a check or a save of the form gave: what to fix, the amounts as understood, and once valid the facts or the new page.</summary>
public sealed record PastStep(ServiceResult Result, List<KeyValuePair<string, string>>? Facts = null, string? SavedUrl = null, string? SavedTitle = null);

/// <summary>
/// Form → confirmation → save, for staff (their own government) and the national office (any government, by 団体コード).
/// "step" is check (the form was sent), edit (back from the confirmation) or save (confirmed).
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.NationalOffice)]
public abstract class PastResultPage<TInput>(Data.MarketplaceDbContext db) : PageModel where TInput : class, new()
{
    [BindProperty]
    public TInput Input { get; set; } = new();

    public List<KeyValuePair<string, string>>? Facts { get; private set; }
    public IReadOnlyDictionary<string, string> Understood { get; private set; } = new Dictionary<string, string>();

    public bool IsOffice => User.IsInRole(Roles.NationalOffice);
    /// <summary>Staff record for their own government; the office (null) names one.</summary>
    public int? StaffOrganizationId => IsOffice ? null : User.OrganizationId();
    public string? OwnOrganizationName { get; private set; }

    /// <summary>The input's fields as name/value pairs, carried through the confirmation page in hidden fields.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Fields() =>
        typeof(TInput).GetProperties().Select(p => new KeyValuePair<string, string?>($"Input.{p.Name}", (string?)p.GetValue(Input)));

    protected abstract Task<PastStep> CheckAsync(CancellationToken ct);
    protected abstract Task<PastStep> SaveAsync(string userId, CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!IsOffice && StaffOrganizationId is null) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? step, CancellationToken ct)
    {
        if (!IsOffice && StaffOrganizationId is null) return Forbid();
        await LoadAsync(ct);
        if (step == "edit") return Page();
        var result = step == "save" ? await SaveAsync(User.UserId()!, ct) : await CheckAsync(ct);
        Understood = result.Result.Understood;
        // A 403 itself, not the access-denied redirect: the account is allowed here, the government it named is not its own.
        if (result.Result.Outcome == ServiceOutcome.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        if (result.Result.Outcome == ServiceOutcome.Invalid)
        {
            this.ShowRefusal(result.Result, "Input", conflictIs409: false, invalidIs422: true);
            return Page();
        }
        if (result.SavedUrl is { } url)
        {
            TempData["Notice"] = result.SavedTitle;
            return Redirect(url);
        }
        Facts = result.Facts;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (StaffOrganizationId is { } org) OwnOrganizationName = await db.Organizations.Where(o => o.Id == org).Select(o => o.NameJa).FirstOrDefaultAsync(ct);
    }
}
