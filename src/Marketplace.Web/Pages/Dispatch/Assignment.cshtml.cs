namespace Marketplace.Web.Pages.Dispatch;

/// <summary>The CIO's own dispatch, and the final report.</summary>
public sealed class AssignmentModel(DispatchService dispatches, Features.Cases.CaseOutcomes outcomes, IStringLocalizer<SharedResource> t) : PageModel
{
    public CioDispatch Item { get; private set; } = null!;
    public bool Started { get; private set; }
    /// <summary>The KPI rows as typed (shown again after a refused save) or as saved.</summary>
    public Features.Cases.CaseInput Kpis { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var d = await dispatches.ForCioAsync(User.UserId()!, id, ct);
        if (d is null) return NotFound();
        Item = d;
        Started = dispatches.HasStarted(d);
        await outcomes.LoadKpisAsync(d, ct);
        if (!ModelState.Any()) Kpis = KpiInput(d);
        return Page();
    }

    private static Features.Cases.CaseInput KpiInput(CioDispatch d) => new()
    {
        KpiName = d.Kpis.OrderBy(k => k.Order).Select(k => (string?)k.Name).ToList(),
        KpiBefore = d.Kpis.OrderBy(k => k.Order).Select(k => (string?)Features.Cases.CaseDisplay.Number(k.Before)).ToList(),
        KpiAfter = d.Kpis.OrderBy(k => k.Order).Select(k => (string?)Features.Cases.CaseDisplay.Number(k.After)).ToList(),
        KpiUnit = d.Kpis.OrderBy(k => k.Order).Select(k => (string?)k.Unit).ToList(),
    };

    public async Task<IActionResult> OnPostAsync(int id, string? report, string? lessons, bool consent, Features.Cases.CaseInput kpis, CancellationToken ct)
    {
        var result = await outcomes.ReportAsync(User.UserId()!, id, report, lessons, consent, kpis, ct);
        if (!result.Succeeded && !result.IsNotFound) Kpis = kpis;
        return await this.OutcomeAsync(result, t["Dispatch_ReportSaved"].Value, new { id }, () => OnGetAsync(id, ct));
    }
}
