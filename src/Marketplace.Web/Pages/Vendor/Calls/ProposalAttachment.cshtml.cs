namespace Marketplace.Web.Pages.Vendor.Calls;

/// <summary>A PDF of the vendor's own proposal.</summary>
public sealed class ProposalAttachmentModel(ProposalService proposals, VendorService vendors) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int attachmentId, CancellationToken ct)
    {
        if (await vendors.CompanyIdAsync(User.UserId()!, ct) is not { } companyId) return NotFound();
        var pdf = await proposals.OwnAttachmentAsync(companyId, id, attachmentId, ct);
        return pdf is null ? NotFound() : File(pdf.Content, "application/pdf", pdf.FileName);
    }
}
