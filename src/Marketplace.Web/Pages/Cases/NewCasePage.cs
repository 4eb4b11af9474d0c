namespace Marketplace.Web.Pages.Cases;

/// <summary>
/// A new case written as a draft, by a government about itself (Manage/Cases/New) or by the office about the
/// governments it names (Admin/Cases/New); both show the same form (<c>_NewCase</c>) and go to the draft once saved.
/// </summary>
public abstract class NewCasePage(CaseService cases, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public CaseInput Input { get; set; } = new();

    /// <summary>Where the writer's cases are listed ("/manage/cases" or "/admin/cases"); a saved draft is below it.</summary>
    public abstract string ListPath { get; }

    /// <summary>The resource key of the link back to <see cref="ListPath"/>.</summary>
    public abstract string BackKey { get; }

    /// <summary>The government writing the case; null for the office.</summary>
    protected abstract int? WriterOrganizationId { get; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await cases.CreateAsync(WriterOrganizationId, User.UserId()!, Input, ct);
        return await this.OutcomeAtAsync(result, t["Case_Saved"].Value, $"{ListPath}/{result.Id}",
            this.PageAgain(), prefix: "Input", clearFirst: true);
    }
}
