namespace Marketplace.Web.Pages.Openings;

/// <summary>A PDF (募集要項) of a published or closed opening: public, like the opening itself.</summary>
public sealed class AttachmentModel(OpeningAttachments attachments) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int attachmentId, CancellationToken ct)
    {
        var pdf = await attachments.PublicAsync(id, attachmentId, ct);
        return pdf is null ? NotFound() : File(pdf.Content, "application/pdf", pdf.FileName);
    }
}
