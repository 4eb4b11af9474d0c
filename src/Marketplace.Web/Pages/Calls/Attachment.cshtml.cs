namespace Marketplace.Web.Pages.Calls;

/// <summary>A PDF attached to a published call: public, like the notice itself.</summary>
public sealed class AttachmentModel(ProposalService proposals) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int attachmentId, CancellationToken ct)
    {
        var pdf = await proposals.PublicAttachmentAsync(id, attachmentId, ct);
        return pdf is null ? NotFound() : File(pdf.Content, "application/pdf", pdf.FileName);
    }
}
