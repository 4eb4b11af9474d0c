namespace Marketplace.Web.Pages.Manage.Openings;

/// <summary>An opening's PDF for its own government's staff, drafts included.</summary>
public sealed class AttachmentModel(OpeningAttachments attachments) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int attachmentId, CancellationToken ct)
    {
        var pdf = await attachments.OwnAsync(User.OrganizationId()!.Value, id, attachmentId, ct);
        return pdf is null ? NotFound() : File(pdf.Content, "application/pdf", pdf.FileName);
    }
}
