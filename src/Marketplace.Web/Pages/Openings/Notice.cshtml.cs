using Microsoft.AspNetCore.OutputCaching;

namespace Marketplace.Web.Pages.Openings;

/// <summary>A recruitment notice shown as one page with every published role in it.</summary>
[OutputCache(PolicyName = PublicCacheSetup.Policy)]
public sealed class NoticeModel(OpeningSearch search) : PageModel
{
    public RecruitmentNotice Notice { get; private set; } = null!;
    public List<Opening> Openings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await search.FindPublicNoticeAsync(id, ct);
        if (found is null) return NotFound();
        (Notice, Openings) = found.Value;
        return Page();
    }
}
