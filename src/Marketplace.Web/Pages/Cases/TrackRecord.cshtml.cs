namespace Marketplace.Web.Pages.Cases;

/// <summary>
/// The expert's own track record: the cases naming them, each linked publicly only if they consent here, and the
/// hosts' evaluations of their finished dispatches, each shown to staff only if they choose to show it here.
/// </summary>
[Authorize(Policy = IdentitySetup.ExpertPolicy)]
public sealed class TrackRecordModel(CaseService cases, TrackRecordService tracks, IStringLocalizer<SharedResource> t) : PageModel
{
    public List<CasePerson> Mentions { get; private set; } = [];
    public Dictionary<int, CaseStudy> Cases { get; private set; } = [];
    public List<OwnEvaluation> Evaluations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Mentions = await cases.NamingExpertAsync(User.UserId()!, ct);
        Cases = await cases.TitlesAsync(Mentions.Select(m => m.CaseId), ct);
        Evaluations = await tracks.OwnEvaluationsAsync(User.UserId()!, ct);
    }

    public async Task<IActionResult> OnPostEvaluationAsync(int dispatchId, bool show, CancellationToken ct)
    {
        if (!await tracks.ShowEvaluationAsync(User.UserId()!, dispatchId, show, ct)) return NotFound();
        TempData["Notice"] = t[show ? "Track_EvaluationShown" : "Track_EvaluationHidden"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAsync(int personId, bool consent, CancellationToken ct)
    {
        var result = await cases.ConsentAsync(User.UserId()!, personId, consent, ct);
        if (result.IsNotFound) return NotFound();
        TempData["Notice"] = t[consent ? "Case_ConsentGiven" : "Case_ConsentWithdrawn"].Value;
        return RedirectToPage();
    }
}
