using Marketplace.Data.Entities;
using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.Matching;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Recommendations;

/// <summary>Openings recommended to the signed-in expert, with reasons, and invitations to apply they received.</summary>
public sealed class IndexModel(MatchingService matching, InvitationService invitations) : PageModel
{
    public string RankerWhy { get; private set; } = "";
    public bool ProfileReady { get; private set; }
    public List<OpeningRecommendation> Openings { get; private set; } = [];
    public List<ExpertInvitation> Invitations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (profile, inUse, openings) = await matching.OpeningsForAsync(User.UserId()!, ct: ct);
        RankerWhy = inUse.Why;
        ProfileReady = profile is not null && MatchingRecords.IsMatchable(profile);
        Openings = openings;
        Invitations = await invitations.ForExpertAsync(User.UserId()!, ct);
    }
}
