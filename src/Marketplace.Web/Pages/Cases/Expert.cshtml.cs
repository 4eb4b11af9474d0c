namespace Marketplace.Web.Pages.Cases;

/// <summary>An expert's public track record: only published cases on which the expert consented to be linked.</summary>
public sealed class ExpertModel(CaseService cases, MarketplaceDbContext db) : PageModel
{
    public string Name { get; private set; } = "";
    public List<CaseStudy> Cases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Cases = await cases.TrackRecordAsync(id, ct);
        // Without a consented published case the expert is not shown at all: the page would otherwise confirm a name.
        if (Cases.Count == 0) return NotFound();
        Name = await db.ExpertProfiles.Where(p => p.Id == id && p.UserId != null).Select(p => p.FullName).FirstOrDefaultAsync(ct) ?? "";
        return Name.Length == 0 ? NotFound() : Page();
    }
}
