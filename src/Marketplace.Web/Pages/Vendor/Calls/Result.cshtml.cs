namespace Marketplace.Web.Pages.Vendor.Calls;

/// <summary>The vendor's own scores once the call is awarded: never another vendor's.</summary>
public sealed class ResultModel(EvaluationService evaluation, ProposalService proposals, VendorService vendors) : PageModel
{
    public ProposalCall Call { get; private set; } = null!;
    public OwnResult Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await vendors.CompanyIdAsync(User.UserId()!, ct) is not { } companyId) return NotFound();
        var call = await proposals.FindPublicCallAsync(id, ct);
        var result = call is null ? null : await evaluation.OwnResultAsync(companyId, id, ct);
        if (result is null) return NotFound();
        Call = call!;
        Result = result;
        return Page();
    }
}
