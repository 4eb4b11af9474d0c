using Marketplace.Web.Features.Experts;

namespace Marketplace.Web.Pages.Experts;

/// <summary>/profile: the signed-in expert's own profile with how complete it is.</summary>
public sealed class ProfileModel(ExpertProfileService profiles, IStringLocalizer<SharedResource> t, DisplayFormatter fmt, OpeningDisplay openings) : ExpertOnlyPageModel
{
    public ExpertProfile Profile { get; private set; } = null!;
    public ProfileCompleteness Completeness { get; private set; } = null!;
    public ProfileDisplay Display { get; } = new(t, fmt, openings);
    public string? PrefectureName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var profile = await profiles.GetOrCreateForUserAsync(UserId, ct);
        if (profile is null) return Challenge();
        Profile = profile;
        Completeness = ProfileCompleteness.Of(profile);
        if (profile.HomePrefectureCode.Length > 0)
        {
            PrefectureName = (await profiles.PrefecturesAsync(ct)).FirstOrDefault(p => p.Code == profile.HomePrefectureCode)?.Name(LocalizationSetup.IsEnglish);
        }
        return Page();
    }
}
