using Marketplace.Web.Features.Corrections;

namespace Marketplace.Web.Pages.Manage.Openings;

public sealed class DetailsModel(OpeningService openings, OpeningAttachments attachments, PostingCorrections corrections, MarketplaceDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public Opening Opening { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public int ApplicantCount { get; private set; }
    public List<CorrectionEntry> Corrections { get; private set; } = [];
    public List<AttachmentInfo> Attachments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await openings.FindOwnAsync(User.OrganizationId()!.Value, id, ct);
        if (found is null) return NotFound();
        Opening = found;
        Token = openings.TokenOf(found);
        ApplicantCount = await db.Applications.CountAsync(a => a.OpeningId == id, ct);
        AnyoneHired = await db.Applications.AnyAsync(a => a.OpeningId == id && a.Stage == Stages.Hired, ct);
        Corrections = await corrections.ForOpeningAsync(id, ct);
        Attachments = await attachments.ListAsync(id, ct);
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(int id, string? token, CancellationToken ct) =>
        Act(id, ct, () => openings.PublishAsync(User.OrganizationId()!.Value, id, token, ct), "Opening_Published");

    /// <summary>Set when the page shows the confirmation step of closing or cancelling.</summary>
    public ConfirmStep? Confirm { get; private set; }

    /// <summary>Whether someone was hired (then the opening can no longer be reopened or extended).</summary>
    public bool AnyoneHired { get; private set; }

    public async Task<IActionResult> OnPostCloseAsync(int id, string? token, bool confirm, CancellationToken ct) => confirm
        ? await Act(id, ct, () => openings.CloseAsync(User.OrganizationId()!.Value, id, token, ct), "Opening_Closed")
        : await ConfirmAsync(id, token, "Close", danger: false, ct);

    public async Task<IActionResult> OnPostCancelAsync(int id, string? token, bool confirm, CancellationToken ct) => confirm
        ? await Act(id, ct, () => openings.CancelAsync(User.OrganizationId()!.Value, id, token, ct), "Opening_Cancelled")
        : await ConfirmAsync(id, token, "Cancel", danger: true, ct);

    public Task<IActionResult> OnPostReopenAsync(int id, string? token, string? deadline, CancellationToken ct) =>
        Act(id, ct, () => openings.ReopenAsync(User.OrganizationId()!.Value, id, deadline, token, ct), "Opening_Reopened");

    public async Task<IActionResult> OnPostDuplicateAsync(int id, CancellationToken ct)
    {
        var result = await openings.DuplicateAsync(User.OrganizationId()!.Value, User.UserId()!, id, ct);
        if (result.Outcome == ServiceOutcome.NotFound) return NotFound();
        if (!result.Succeeded) return await Act(id, ct, () => Task.FromResult(result), "");
        TempData["Notice"] = t["Opening_Duplicated"].Value;
        return Redirect($"/manage/openings/{result.Value!.Id}/edit");
    }

    public async Task<IActionResult> OnPostAttachAsync(int id, IFormFile? file, CancellationToken ct)
    {
        var result = await attachments.AddAsync(User.OrganizationId()!.Value, id, file, ct);
        return await AfterAttachmentAsync(id, result, t["Call_AttachmentAdded", result.Value?.FileName ?? ""], ct);
    }

    public async Task<IActionResult> OnPostRemoveAttachmentAsync(int id, int attachmentId, CancellationToken ct)
    {
        var result = await attachments.RemoveAsync(User.OrganizationId()!.Value, id, attachmentId, ct);
        return await AfterAttachmentAsync(id, result, t["Call_AttachmentRemoved"], ct);
    }

    private Task<IActionResult> AfterAttachmentAsync(int id, ServiceResult result, string done, CancellationToken ct) =>
        this.OutcomeAsync(result, done, new { id }, () => OnGetAsync(id, ct), conflictIs409: false, invalidIs422: true);

    private async Task<IActionResult> ConfirmAsync(int id, string? token, string action, bool danger, CancellationToken ct)
    {
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult) return page;
        Confirm = new ConfirmStep(t[$"Opening_Confirm{action}Title", Opening.Title], t[$"Opening_Confirm{action}Warning", ApplicantCount],
            $"/manage/openings/{id}?handler={action}", t[$"Opening_Confirm{action}"], $"/manage/openings/{id}", [new("token", token ?? Token)], Danger: danger);
        return page;
    }

    private async Task<IActionResult> Act(int id, CancellationToken ct, Func<Task<ServiceResult<Opening>>> action, string doneKey) =>
        await this.OutcomeAsync(await action(), t[doneKey].Value, new { id }, () => OnGetAsync(id, ct),
            conflictIs409: true, invalidIs422: true, key: field => field == "deadline" ? "deadline" : "");
}
