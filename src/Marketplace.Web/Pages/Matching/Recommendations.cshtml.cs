using Marketplace.Web.Features.Matching;

namespace Marketplace.Web.Pages.Matching;

/// <summary>
/// Openings recommended to the signed-in expert, with reasons, paged and filtered by role, prefecture and remote work;
/// and the invitations to apply they received. Filters narrow the ranked list; they never reorder it.
/// </summary>
public sealed class RecommendationsModel(MatchingService matching, InvitationService invitations) : PageModel
{
    /// <summary>How deep the ranking goes before filters and pages apply.</summary>
    public const int RankedDepth = 200;
    public const int PageSize = 10;

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Prefecture { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Remote { get; set; }

    public string RankerWhy { get; private set; } = "";
    public bool ProfileReady { get; private set; }
    public Paged<OpeningRecommendation> Openings { get; private set; } = new([], 1, PageSize, 0);
    public List<ExpertInvitation> Invitations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (profile, inUse, ranked) = await matching.OpeningsForAsync(User.UserId()!, RankedDepth, ct);
        RankerWhy = inUse.Why;
        ProfileReady = profile is not null && MatchingRecords.IsMatchable(profile);
        IEnumerable<OpeningRecommendation> shown = ranked;
        if (ListUrl.Trimmed(Role) is { } role) shown = shown.Where(r => r.Opening.RoleCode == role);
        if (ListUrl.Trimmed(Prefecture) is { } pref) shown = shown.Where(r => r.Opening.Organization!.PrefectureCode == pref);
        if (Remote) shown = shown.Where(r => r.Opening.RemoteAllowed);
        var all = shown.ToList();
        Openings = all.ToPaged(ListUrl.PageOf(Request), PageSize);
        Invitations = await invitations.ForExpertAsync(User.UserId()!, ct);
    }

    public string PageUrl(int page) => ListUrl.Of("/recommendations", page, ("role", Role), ("prefecture", Prefecture), ("remote", Remote ? "true" : null));
}
