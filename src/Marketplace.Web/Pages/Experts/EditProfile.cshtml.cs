using Marketplace.Web.Features.Experts;

namespace Marketplace.Web.Pages.Experts;

/// <summary>/profile/edit: the signed-in expert edits their own profile (there is no id: it can only ever be theirs).</summary>
public sealed class EditProfileModel(ExpertProfileService profiles, IStringLocalizer<SharedResource> t, DisplayFormatter fmt, OpeningDisplay openings) : ExpertOnlyPageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public List<Prefecture> Prefectures { get; private set; } = [];
    public ProfileDisplay Display { get; } = new(t, fmt, openings);

    /// <summary>The saved desired pay and its conversion, shown beside the pay fields.</summary>
    public ExpertProfile? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var profile = await profiles.GetOrCreateForUserAsync(UserId, ct);
        if (profile is null) return Challenge();
        Saved = profile;
        Input = profiles.ToInput(profile);
        Prefectures = await profiles.PrefecturesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A value that could not even be bound (e.g. a crafted non-boolean checkbox) stops the save outright.
        if (ModelState.IsValid)
        {
            var result = await profiles.UpdateAsync(UserId, Input, ct);
            if (result.Succeeded)
            {
                TempData["Notice"] = t["Profile_Saved"].Value;
                return Redirect("/profile");
            }
            ModelState.AddErrors(result, "Input");
        }
        Saved = await profiles.FindForUserAsync(UserId, ct);
        Prefectures = await profiles.PrefecturesAsync(ct);
        ExpertProfileService.WithEmptyCareerRows(Input);
        return Page();
    }
}
