using Marketplace.Web.Features;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Matching.Codes;
using Marketplace.Matching.Text;
using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.Dispatch;
using Marketplace.Web.Features.Openings;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Manage.VendorContracts;

/// <summary>The government's own record of vendors it contracts with or receives bids from (for conflict-of-interest flags).</summary>
public sealed class IndexModel(MarketplaceDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    public sealed class ContractInput
    {
        public string? VendorName { get; set; }
        public string? CorporateNumber { get; set; }
        public string? Relation { get; set; } = nameof(VendorRelation.HoldsContract);
        public string? Description { get; set; }
    }

    [BindProperty]
    public ContractInput Input { get; set; } = new();

    /// <summary>Part of the vendor's name, or its 法人番号.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public VendorRelation? Relation { get; set; }

    public Paged<VendorContract> Contracts { get; private set; } = new([], 1, Paging.PageSize, 0);

    private int OrganizationId => User.OrganizationId()!.Value;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = db.VendorContracts.AsNoTracking().Where(c => c.OrganizationId == OrganizationId);
        if (ListUrl.Trimmed(Q) is { } text)
        {
            var number = JapaneseText.NormalizeCode(text);
            q = q.Where(c => c.VendorName.Contains(text) || number.Length > 0 && c.CorporateNumber.Contains(number));
        }
        if (Relation is { } relation) q = q.Where(c => c.Relation == relation);
        Contracts = await q.OrderBy(c => c.VendorName).ThenBy(c => c.Id).ToPagedAsync(ListUrl.PageOf(Request), ct: ct);
    }

    public string PageUrl(int page) => ListUrl.Of("/manage/vendor-contracts", page, ("q", Q), ("relation", Relation?.ToString()));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = Input.VendorName?.Trim() ?? "";
        var number = JapaneseText.NormalizeCode(Input.CorporateNumber);
        var description = Input.Description?.Trim() ?? "";
        if (name.Length is 0 or > 200) ModelState.AddModelError("Input.VendorName", t["Val_Required", t["Field_CompanyName"]]);
        if (!CorporateNumber.IsValid(number)) ModelState.AddModelError("Input.CorporateNumber", t["Val_CorporateNumber"]);
        if (!Enum.TryParse<VendorRelation>(Input.Relation, out var relation) || !Enum.IsDefined(relation)) ModelState.AddModelError("Input.Relation", t["Val_Choose", t["Vendors_Relation"]]);
        if (description.Length > 1_000) ModelState.AddModelError("Input.Description", t["Val_TooLong", t["Vendors_Description"], 1_000, description.Length]);
        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }
        db.VendorContracts.Add(new VendorContract
        {
            OrganizationId = OrganizationId,
            VendorName = name,
            CorporateNumber = number,
            Relation = relation,
            Description = description,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedByUserId = User.UserId(),
        });
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = t["Vendors_Added", name].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int contractId, CancellationToken ct)
    {
        var contract = await db.VendorContracts.FirstOrDefaultAsync(c => c.Id == contractId && c.OrganizationId == OrganizationId, ct);
        if (contract is null) return NotFound();
        db.VendorContracts.Remove(contract);
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = t["Vendors_Removed", contract.VendorName].Value;
        return RedirectToPage();
    }
}
