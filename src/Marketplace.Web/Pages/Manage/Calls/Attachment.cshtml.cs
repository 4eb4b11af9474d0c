namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>A call attachment for its own government's staff, drafts included.</summary>
public sealed class AttachmentModel(CallService calls) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int attachmentId, CancellationToken ct)
    {
        var pdf = await calls.OwnAttachmentAsync(User.OrganizationId()!.Value, id, attachmentId, ct);
        return pdf is null ? NotFound() : File(pdf.Content, "application/pdf", pdf.FileName);
    }
}
