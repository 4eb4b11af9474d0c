using Marketplace.Web.Features.Matching;

namespace Marketplace.Web.Pages.Manage.Openings;

/// <summary>The profile of an expert recommended for one of the government's own openings, as far as its staff may see it.</summary>
public sealed class ExpertModel(MatchingService matching, AuditLog audit) : PageModel
{
    public RecommendedProfile Profile { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int expertId, CancellationToken ct)
    {
        var found = await matching.ProfileForStaffAsync(User.OrganizationId()!.Value, id, expertId, ct);
        if (found is null) return NotFound();
        Profile = found;
        // The page shows the expert's contact details and career: every read is on the record.
        await audit.WriteAsync(AuditActions.ExpertProfileRead, "expert", expertId, User.OrganizationId(), $"opening {id}", ct);
        return Page();
    }
}
