namespace Marketplace.Web.Pages.Manage.Dispatch;

/// <summary>A dispatch to this government: details, the evaluation, and this government's own claims.</summary>
public sealed class DispatchDetailModel(DispatchService dispatches, IncentiveService incentives, Features.Cases.CaseOutcomes outcomes, Features.Cases.CaseService cases, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    public CioDispatch Item { get; private set; } = null!;
    public List<IncentiveClaim> Claims { get; private set; } = [];
    public bool Started { get; private set; }
    public int CurrentFiscalYear { get; private set; }
    public int Org => User.OrganizationId()!.Value;
    /// <summary>The case made from this dispatch's report, once the host consented.</summary>
    public int? CaseId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var d = await dispatches.ForHostAsync(Org, id, ct);
        if (d is null) return NotFound();
        Item = d;
        Started = dispatches.HasStarted(d);
        Claims = await incentives.OfDispatchForHostAsync(Org, id, ct);
        await outcomes.LoadKpisAsync(d, ct);
        CaseId = await outcomes.CaseOfDispatchAsync(id, ct);
        CurrentFiscalYear = IncentiveCalculator.FiscalYearOf(Localization.DisplayFormatter.TodayInJapan(clock));
        return Page();
    }

    public async Task<IActionResult> OnPostClaimAsync(int id, string? kind, string? fiscalYear, string? costs, CancellationToken ct)
    {
        var result = await incentives.FileAsync(Org, User.UserId()!, id, kind, fiscalYear, costs, ct);
        return await this.OutcomeAtAsync(result, t["Claim_Filed"].Value, $"/manage/dispatch/claims/{result.Id}", () => OnGetAsync(id, ct));
    }

    public async Task<IActionResult> OnPostEvaluateAsync(int id, string? rating, string? evaluation, string? lessons, CancellationToken ct)
    {
        return await this.OutcomeAsync(await outcomes.EvaluateAsync(Org, User.UserId()!, id, rating, evaluation, lessons, ct), t["Dispatch_EvaluationSaved"].Value, new { id }, () => OnGetAsync(id, ct));
    }

    /// <summary>The host consents to the final report becoming a case: the draft is made in one step.</summary>
    public async Task<IActionResult> OnPostMakeCaseAsync(int id, CancellationToken ct)
    {
        var result = await cases.FromDispatchAsync(Org, User.UserId()!, id, ct);
        return await this.OutcomeAtAsync(result, t["Case_MadeFromReport"].Value, $"/manage/cases/{result.Id}", () => OnGetAsync(id, ct));
    }
}
