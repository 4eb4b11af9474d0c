namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>A proposal's PDF for the calling government's staff, only once proposals are opened.</summary>
public sealed class ProposalAttachmentModel(EvaluationService evaluation, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int proposalId, int attachmentId, CancellationToken ct)
    {
        var pdf = await evaluation.OpenedAttachmentAsync(User.OrganizationId()!.Value, id, proposalId, attachmentId, ct);
        if (pdf is null) return NotFound();
        await audit.WriteAsync(AuditActions.ProposalAttachmentRead, "proposal", proposalId, User.OrganizationId(), $"call {id}, attachment {attachmentId}", ct);
        return File(pdf.Content, "application/pdf", pdf.FileName);
    }
}
