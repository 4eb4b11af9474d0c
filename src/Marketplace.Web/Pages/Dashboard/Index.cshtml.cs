using Marketplace.Web.Features.Dashboard;
using Marketplace.Web.Features.SavedSearches;

namespace Marketplace.Web.Pages.Dashboard;

/// <summary>Where each user lands after sign-in: what waits for them, by role, and only their own.</summary>
[Authorize]
public sealed class IndexModel(DashboardService dashboards, VendorService vendors, SavedSearchService savedSearches) : PageModel
{
    public StaffDashboard? Staff { get; private set; }
    public ExpertDashboard? Expert { get; private set; }
    public VendorDashboard? Vendor { get; private set; }
    public OfficeDashboard? Office { get; private set; }
    /// <summary>An expert's or vendor's saved searches with what is new in them (experts and vendors only).</summary>
    public List<SavedSearchNews> SavedSearches { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.IsInRole(Roles.NationalOffice)) Office = await dashboards.ForOfficeAsync(ct);
        if (User.IsInRole(Roles.Staff) && User.OrganizationId() is { } org) Staff = await dashboards.ForStaffAsync(org, ct);
        if (User.IsInRole(Roles.Expert)) Expert = await dashboards.ForExpertAsync(User.UserId()!, ct);
        if (User.IsInRole(Roles.Vendor) && await vendors.CompanyIdAsync(User.UserId()!, ct) is { } company) Vendor = await dashboards.ForVendorAsync(company, ct);
        if (Office is null && Staff is null && Expert is null && Vendor is null) return Redirect("/");
        if (Expert is not null || Vendor is not null) SavedSearches = await savedSearches.NewsAsync(User.UserId()!, ct);
        return Page();
    }
}
