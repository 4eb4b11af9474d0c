namespace Marketplace.Web.Pages.Cases;

/// <summary>A PDF of a case: public once the case is; before that, for its owner and the office only.</summary>
public sealed class AttachmentModel(CaseService cases) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int attachmentId, CancellationToken ct)
    {
        var org = User.IsInRole(Roles.Staff) ? User.OrganizationId() : null;
        var pdf = await cases.AttachmentAsync(id, attachmentId, org, User.IsInRole(Roles.NationalOffice), ct);
        return pdf is null ? NotFound() : File(pdf.Content, "application/pdf", pdf.FileName);
    }
}
