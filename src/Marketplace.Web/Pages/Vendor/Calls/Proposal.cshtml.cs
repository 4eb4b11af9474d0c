namespace Marketplace.Web.Pages.Vendor.Calls;

/// <summary>The vendor's own proposal to a call: submitted, edited, given PDFs or withdrawn until the deadline.</summary>
public sealed class ProposalModel(ProposalService proposals, VendorService vendors, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ProposalInput Input { get; set; } = new();

    public ProposalCall Call { get; private set; } = null!;
    public Proposal? Existing { get; private set; }
    public VendorCompany Company { get; private set; } = null!;
    public List<VendorStaffMember> Staff { get; private set; } = [];
    public List<AttachmentInfo> Attachments { get; private set; } = [];
    public bool Open => Call.Status == CallStatus.Published && clock.GetUtcNow().UtcDateTime < Call.SubmissionDeadline;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = Existing is null ? new ProposalInput { PriceBasis = Call.CeilingTaxIncluded ? "included" : "excluded" } : proposals.ToInput(Existing, Call);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await vendors.CompanyIdAsync(User.UserId()!, ct) is not { } companyId) return NotFound();
        var result = await proposals.SaveAsync(companyId, User.UserId()!, id, Input, ct);
        return await this.OutcomeAsync(result, t["Proposal_Saved"].Value, new { id }, this.PageAgain(() => LoadAsync(id, ct)),
            prefix: "Input", conflictIs409: true, invalidIs422: true);
    }

    public Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken ct) =>
        ActAsync(id, companyId => proposals.WithdrawAsync(companyId, id, ct), "Proposal_Withdrawn", ct);

    public Task<IActionResult> OnPostAttachAsync(int id, IFormFile? file, CancellationToken ct) =>
        ActAsync(id, async companyId =>
        {
            var r = await proposals.AddAttachmentAsync(companyId, id, file, ct);
            return new ServiceResult<bool>(r.Outcome, r.Succeeded, r.Errors);
        }, "Proposal_AttachmentAdded", ct);

    public Task<IActionResult> OnPostRemoveAttachmentAsync(int id, int attachmentId, CancellationToken ct) =>
        ActAsync(id, companyId => proposals.RemoveAttachmentAsync(companyId, id, attachmentId, ct), "Call_AttachmentRemoved", ct);

    private async Task<IActionResult> ActAsync(int id, Func<int, Task<ServiceResult<bool>>> action, string doneKey, CancellationToken ct)
    {
        if (await vendors.CompanyIdAsync(User.UserId()!, ct) is not { } companyId) return NotFound();
        var result = await action(companyId);
        return await this.OutcomeAsync(result, t[doneKey].Value, new { id }, () => OnGetAsync(id, ct), invalidIs422: true);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var company = await vendors.CompanyAsync(User.UserId()!, ct);
        var call = await proposals.FindPublicCallAsync(id, ct);
        if (company is null || call is null) return false;
        Company = company;
        Call = call;
        Existing = await proposals.FindOwnAsync(company.Id, id, ct);
        // Only a call still open, or one this vendor proposed to, has a proposal page.
        if (Existing is null && !Open) return false;
        Staff = await vendors.StaffAsync(company.Id, ct);
        Attachments = Existing is null ? [] : await proposals.AttachmentsAsync(Existing.Id, ct);
        return true;
    }
}
