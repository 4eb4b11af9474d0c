using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Admin;

/// <summary>Local-government staff accounts waiting for the national office to approve or reject them.</summary>
public sealed class StaffRequestsModel(AccountService accounts, MarketplaceDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public List<AppUser> Pending { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Pending = await accounts.PendingStaffAsync(ct);

    public Task<IActionResult> OnPostApproveAsync(string id, CancellationToken ct) => DecideAsync(id, approve: true, ct);

    public Task<IActionResult> OnPostRejectAsync(string id, CancellationToken ct) => DecideAsync(id, approve: false, ct);

    private async Task<IActionResult> DecideAsync(string? id, bool approve, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id)) return NotFound();
        var name = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        if (name is null || !await accounts.DecideStaffAsync(id, approve, User.UserId()!, ct)) return NotFound();
        TempData["Notice"] = t[approve ? "Admin_Staff_Approved" : "Admin_Staff_Rejected", name].Value;
        return RedirectToPage();
    }
}
