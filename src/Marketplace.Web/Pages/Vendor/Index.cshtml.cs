namespace Marketplace.Web.Pages.Vendor;

/// <summary>The vendor's home: company details and the calls it asked about or proposed to.</summary>
public sealed class IndexModel(VendorService vendors, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public CompanyInput Input { get; set; } = new();

    public VendorCompany Company { get; private set; } = null!;
    public List<(ProposalCall Call, Proposal? Proposal)> Calls { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Input = new CompanyInput { Name = Company.Name, Address = Company.Address, RepresentativeName = Company.RepresentativeName };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await vendors.UpdateCompanyAsync(User.UserId()!, Input, ct);
        return await this.OutcomeAsync(result, t["Proposal_CompanySaved"].Value, null, this.PageAgain(() => LoadAsync(ct)), prefix: "Input");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var company = await vendors.CompanyAsync(User.UserId()!, ct);
        if (company is null) return false;
        Company = company;
        Calls = await vendors.MyCallsAsync(company.Id, ct);
        return true;
    }
}
