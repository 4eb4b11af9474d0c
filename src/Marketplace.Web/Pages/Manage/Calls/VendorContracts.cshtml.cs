namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>The government's own record of vendors it contracts with or receives bids from (for conflict-of-interest flags).</summary>
public sealed class VendorContractsModel(VendorContractService contracts, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public VendorContractInput Input { get; set; } = new();

    /// <summary>Part of the vendor's name, or its 法人番号.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public VendorRelation? Relation { get; set; }

    public Paged<VendorContract> Contracts { get; private set; } = Paged<VendorContract>.Empty();

    private int OrganizationId => User.OrganizationId()!.Value;

    public async Task OnGetAsync(CancellationToken ct) =>
        Contracts = await contracts.ListAsync(OrganizationId, ListUrl.Trimmed(Q), Relation, ListUrl.PageOf(Request), ct);

    public string PageUrl(int page) => ListUrl.Of("/manage/vendor-contracts", page, ("q", Q), ("relation", Relation?.ToString()));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = ModelState.IsValid ? await contracts.AddAsync(OrganizationId, User.UserId(), Input, ct) : null;
        if (result is not { Succeeded: true })
        {
            if (result is not null) ModelState.AddErrors(result, "Input");
            await OnGetAsync(ct);
            return Page();
        }
        TempData["Notice"] = t["Vendors_Added", result.Value!.VendorName].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int contractId, CancellationToken ct)
    {
        var result = await contracts.RemoveAsync(OrganizationId, contractId, ct);
        if (result.IsNotFound) return NotFound();
        TempData["Notice"] = t["Vendors_Removed", result.Value!.VendorName].Value;
        return RedirectToPage();
    }
}
