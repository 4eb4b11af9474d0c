namespace Marketplace.Web.Pages.Vendor;

/// <summary>The people the vendor may name in proposals, optionally linked to their expert profiles.</summary>
public sealed class StaffModel(VendorService vendors, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public StaffMemberInput Input { get; set; } = new();

    public VendorCompany Company { get; private set; } = null!;
    public List<VendorStaffMember> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await vendors.AddStaffAsync(User.UserId()!, Input, ct);
        return await this.OutcomeAsync(result, t["Proposal_StaffAdded", result.Value?.FullName ?? ""].Value, null, this.PageAgain(() => LoadAsync(ct)), prefix: "Input");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int memberId, CancellationToken ct)
    {
        var result = await vendors.RemoveStaffAsync(User.UserId()!, memberId, ct);
        return await this.OutcomeAsync(result, t["Proposal_StaffRemoved"].Value, null, this.PageAgain(() => LoadAsync(ct)), key: _ => "", invalidIs422: true);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var company = await vendors.CompanyAsync(User.UserId()!, ct);
        if (company is null) return false;
        Company = company;
        Members = await vendors.StaffAsync(company.Id, ct);
        return true;
    }
}
