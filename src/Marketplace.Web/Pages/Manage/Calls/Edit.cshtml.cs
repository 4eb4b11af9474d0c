namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>
/// Creates (route /manage/calls/new) and edits a draft call of the staff member's own government, or corrects a
/// published one before its submission deadline.
/// </summary>
public sealed class EditModel(CallService calls, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public CallInput Input { get; set; } = new();

    public int? Id { get; private set; }
    /// <summary>The call is published: saving corrects it publicly and needs a reason.</summary>
    public bool IsCorrection { get; private set; }

    private int OrganizationId => User.OrganizationId()!.Value;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is not null)
        {
            var call = await calls.FindOwnAsync(OrganizationId, id.Value, ct);
            if (call is null) return NotFound();
            Input = calls.ToInput(call);
            IsCorrection = call.Status == CallStatus.Published;
        }
        Input.PadRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        IsCorrection = id is not null && await calls.IsPublishedAsync(OrganizationId, id.Value, ct);
        if (!ModelState.IsValid)
        {
            Input.PadRows();
            return Page();
        }
        var result = id is null
            ? await calls.CreateAsync(OrganizationId, User.UserId()!, Input, ct)
            : await calls.UpdateAsync(OrganizationId, id.Value, User.UserId()!, Input, ct);
        var notice = (id is null ? t["Call_Created"] : IsCorrection ? t["Call_Corrected"] : t["Call_Saved"]).Value;
        return await this.OutcomeAtAsync(result, notice, $"/manage/calls/{result.Value?.Id}", () =>
        {
            Input.PadRows();
            return Task.FromResult<IActionResult>(Page());
        }, prefix: "Input", conflictIs409: true);
    }
}
