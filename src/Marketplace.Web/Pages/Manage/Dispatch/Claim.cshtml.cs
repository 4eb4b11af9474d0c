namespace Marketplace.Web.Pages.Manage.Dispatch;

/// <summary>One of this government's claims, with how it was computed, the decision and payments.</summary>
public sealed class ClaimModel(IncentiveService incentives) : PageModel
{
    public IncentiveClaim Claim { get; private set; } = null!;
    public TaxMeasureLine? Line { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var org = User.OrganizationId()!.Value;
        var claim = await incentives.ForHostAsync(org, id, ct);
        if (claim is null) return NotFound();
        Claim = claim;
        Line = IncentiveService.LineOf(claim);
        return Page();
    }
}
