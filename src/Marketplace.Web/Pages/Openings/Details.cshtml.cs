using Microsoft.AspNetCore.OutputCaching;
using System.Security.Claims;
using Marketplace.Web.Features.Corrections;

namespace Marketplace.Web.Pages.Openings;

[OutputCache(PolicyName = PublicCacheSetup.Policy)]
public sealed class DetailsModel(OpeningSearch search, OpeningAttachments attachments, MarketplaceDbContext db, TimeProvider clock, PostingCorrections corrections) : PageModel
{
    public Opening Opening { get; private set; } = null!;
    public List<int> Siblings { get; private set; } = [];
    public int? MyApplicationId { get; private set; }
    public List<CorrectionEntry> Corrections { get; private set; } = [];
    public List<Features.Calls.AttachmentInfo> Attachments { get; private set; } = [];
    public DateOnly Today => DisplayFormatter.TodayInJapan(clock);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var opening = await search.FindPublicAsync(id, ct);
        if (opening is null) return NotFound();
        Opening = opening;
        if (opening.NoticeId is { } noticeId)
        {
            Siblings = await db.Openings.Where(o => o.NoticeId == noticeId && o.Id != id && (o.Status == OpeningStatus.Published || o.Status == OpeningStatus.Closed))
                .Select(o => o.Id).ToListAsync(ct);
        }
        Corrections = await corrections.ForOpeningAsync(id, ct);
        Attachments = await attachments.ListAsync(id, ct);
        if (User.IsInRole(Roles.Expert))
        {
            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
            MyApplicationId = await db.Applications.Where(a => a.OpeningId == id && a.Expert!.UserId == userId).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        }
        return Page();
    }
}
