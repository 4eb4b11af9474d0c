namespace Marketplace.Web.Pages.Openings;

public sealed class ApplyModel(ApplicationService applications, MarketplaceDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public Opening Opening { get; private set; } = null!;
    public string? Refusal { get; private set; }
    public int? ExistingApplicationId { get; private set; }
    public bool NeedsProfile { get; private set; }

    [BindProperty]
    public string? Motivation { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var opening = await db.Openings.AsNoTracking().Include(o => o.Organization)
            .FirstOrDefaultAsync(o => o.Id == id && (o.Status == OpeningStatus.Published || o.Status == OpeningStatus.Closed), ct);
        if (opening is null) return NotFound();
        Opening = opening;
        var profile = await applications.ProfileOfAsync(User.UserId()!, ct);
        ExistingApplicationId = profile is null ? null
            : await db.Applications.Where(a => a.OpeningId == id && a.ExpertProfileId == profile.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        Refusal = applications.RefusalFor(opening, profile, ExistingApplicationId is not null);
        NeedsProfile = profile is null || string.IsNullOrWhiteSpace(profile.FullName);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var result = await applications.ApplyAsync(User.UserId()!, id, Motivation, ct);
        if (result.Outcome == ServiceOutcome.NotFound) return NotFound();
        if (result.Succeeded)
        {
            TempData["Notice"] = t["Apply_Done"].Value;
            return Redirect($"/applications/{result.Value!.Id}");
        }
        var page = await OnGetAsync(id, ct);
        if (Refusal is null) ModelState.AddErrors(result);
        return page;
    }
}
