using Marketplace.Web.Features.Corrections;

namespace Marketplace.Web.Pages.Manage.Calls;

public sealed class DetailsModel(CallService calls, PostingCorrections corrections, IStringLocalizer<SharedResource> t) : PageModel
{
    public ProposalCall Call { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public List<AttachmentInfo> Attachments { get; private set; } = [];
    public List<CorrectionEntry> Corrections { get; private set; } = [];
    /// <summary>A published call can be corrected until its submission deadline.</summary>
    public bool Correctable { get; private set; }

    private int OrganizationId => User.OrganizationId()!.Value;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var call = await calls.FindOwnAsync(OrganizationId, id, ct);
        if (call is null) return NotFound();
        Call = call;
        Token = calls.TokenOf(call);
        Attachments = await calls.AttachmentsAsync(id, ct);
        Corrections = await corrections.ForCallAsync(id, ct);
        Correctable = calls.IsEditable(call);
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(int id, string? token, CancellationToken ct) =>
        ActAsync(id, () => calls.PublishAsync(OrganizationId, id, token, ct), "Call_Published", ct);

    /// <summary>Set when the page shows the confirmation step of cancelling.</summary>
    public ConfirmStep? Confirm { get; private set; }

    public async Task<IActionResult> OnPostCancelAsync(int id, string? token, bool confirm, CancellationToken ct)
    {
        if (confirm) return await ActAsync(id, () => calls.CancelAsync(OrganizationId, id, token, ct), "Call_Cancelled", ct);
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult) return page;
        Confirm = new ConfirmStep(t["Call_ConfirmCancelTitle", Call.Title], t["Call_ConfirmCancelWarning"], $"/manage/calls/{id}?handler=Cancel",
            t["Call_ConfirmCancel"], $"/manage/calls/{id}", [new("token", token ?? Token)]);
        return page;
    }

    public async Task<IActionResult> OnPostAttachAsync(int id, IFormFile? file, CancellationToken ct)
    {
        var result = await calls.AddAttachmentAsync(OrganizationId, id, file, ct);
        return await AfterAsync(id, result, t["Call_AttachmentAdded", result.Value?.FileName ?? ""], ct);
    }

    public async Task<IActionResult> OnPostRemoveAttachmentAsync(int id, int attachmentId, CancellationToken ct)
    {
        var result = await calls.RemoveAttachmentAsync(OrganizationId, id, attachmentId, ct);
        return await AfterAsync(id, result, t["Call_AttachmentRemoved"], ct);
    }

    private async Task<IActionResult> ActAsync(int id, Func<Task<ServiceResult<ProposalCall>>> action, string doneKey, CancellationToken ct)
    {
        var result = await action();
        return await AfterAsync(id, result, t[doneKey], ct);
    }

    private Task<IActionResult> AfterAsync(int id, ServiceResult result, string done, CancellationToken ct) =>
        this.OutcomeAsync(result, done, new { id }, () => OnGetAsync(id, ct), conflictIs409: true, invalidIs422: true);
}
