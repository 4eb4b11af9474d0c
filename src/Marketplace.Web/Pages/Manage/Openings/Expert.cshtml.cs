using Marketplace.Web.Features.Matching;

namespace Marketplace.Web.Pages.Manage.Openings;

/// <summary>The profile of an expert recommended for one of the government's own openings, as far as its staff may see it.</summary>
public sealed class ExpertModel(MatchingService matching) : PageModel
{
    public RecommendedProfile Profile { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int expertId, CancellationToken ct)
    {
        var found = await matching.ProfileForStaffAsync(User.OrganizationId()!.Value, id, expertId, ct);
        if (found is null) return NotFound();
        Profile = found;
        return Page();
    }
}
