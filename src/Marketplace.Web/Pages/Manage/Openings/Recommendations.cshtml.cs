using Marketplace.Web.Features.Matching;

namespace Marketplace.Web.Pages.Manage.Openings;

/// <summary>Recommended experts for one of the government's own openings, with reasons and an invitation to apply.</summary>
public sealed class RecommendationsModel(MatchingService matching, InvitationService invitations, TrackRecordService tracks, IStringLocalizer<SharedResource> t) : PageModel
{
    public Opening Opening { get; private set; } = null!;
    public string RankerWhy { get; private set; } = "";
    public List<ExpertRecommendation> Experts { get; private set; } = [];
    public ExpertIndexState? IndexState { get; private set; }
    public Dictionary<int, TrackRecord> Tracks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await matching.ExpertsForAsync(User.OrganizationId()!.Value, id, ct: ct);
        if (found is null) return NotFound();
        (Opening, var inUse, Experts, IndexState) = found;
        RankerWhy = inUse?.Why ?? "";
        Tracks = await tracks.ForExpertsAsync(Experts.Select(r => r.Expert.Id), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(int id, int expertId, string? message, CancellationToken ct)
    {
        var (ok, error, notFound) = await invitations.InviteAsync(User.OrganizationId()!.Value, User.UserId()!, id, expertId, message, ct);
        if (notFound) return NotFound();
        if (ok)
        {
            TempData["Notice"] = t["Invite_ToApplySent"].Value;
            return RedirectToPage(new { id });
        }
        ModelState.AddModelError("", error!);
        return await OnGetAsync(id, ct);
    }
}
