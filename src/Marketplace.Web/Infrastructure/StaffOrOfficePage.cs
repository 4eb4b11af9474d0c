namespace Marketplace.Web.Infrastructure;

/// <summary>
/// A page for staff, who act for their own government, and for the national office, which names any government
/// (the CSV import, past results). Any other account is forbidden.
/// </summary>
public abstract class StaffOrOfficePage(MarketplaceDbContext db) : PageModel
{
    public bool IsOffice => User.IsInRole(Roles.NationalOffice);
    /// <summary>Staff act for their own government; the office (null) names one.</summary>
    public int? StaffOrganizationId => IsOffice ? null : User.OrganizationId();
    public string? OwnOrganizationName { get; private set; }

    /// <summary>Forbid for an account that is neither the office nor staff of a government; otherwise null, with the staff's own government's name loaded.</summary>
    protected async Task<IActionResult?> ForbidOrLoadAsync(CancellationToken ct)
    {
        if (!IsOffice && StaffOrganizationId is null) return Forbid();
        if (StaffOrganizationId is { } org) OwnOrganizationName = await db.Organizations.Where(o => o.Id == org).Select(o => o.NameJa).FirstOrDefaultAsync(ct);
        return null;
    }
}
