namespace Marketplace.Web.Features.Cases;

/// <summary>Outcomes across dispatches, for the office's dashboard.</summary>
public sealed record OutcomeFigures(int DispatchesEnded, int ReportsWithKpis, int KpisReported, int CasesFromReports, int CasesPublished, int CasesWaiting, int AdviceRequests, int AdviceAccepted);

/// <summary>
/// Outcomes after each term: the CIO's final report gains KPIs, lessons and the CIO's consent to be named on a case;
/// the host's evaluation gains its own lessons. Both go through <see cref="DispatchService"/>, which checks and saves.
/// </summary>
public sealed class CaseOutcomes(MarketplaceDbContext db, DispatchService dispatches, CaseService cases, IStringLocalizer<SharedResource> t)
{
    public async Task<ServiceResult> ReportAsync(string userId, int id, string? report, string? lessons, bool consent, CaseInput kpis, CancellationToken ct = default)
    {
        var d = await db.Dispatches.Include(x => x.Kpis).FirstOrDefaultAsync(x => x.Id == id && x.Expert!.UserId == userId, ct);
        if (d is null) return ServiceResult.NotFound;
        var errors = new Dictionary<string, string>();
        var rows = cases.ReadKpis(kpis, errors);
        var text = lessons?.Trim() ?? "";
        if (text.Length > DispatchConfiguration.ReportMax) errors.TryAdd("lessons", t["Val_TooLong", t["Case_Lessons"], DispatchConfiguration.ReportMax, text.Length]);
        if (errors.Count > 0) return ServiceResult.Invalid(errors.ToDictionary(e => e.Key, e => e.Value));
        d.Kpis.Clear();
        d.Kpis.AddRange(Kpi.Numbered<DispatchKpi>(rows));
        d.ReportLessons = text.Length == 0 ? null : text;
        d.CioConsentsToCase = consent;
        return await dispatches.ReportAsync(userId, id, report, ct);
    }

    public async Task<ServiceResult> EvaluateAsync(int organizationId, string userId, int id, string? rating, string? evaluation, string? lessons, CancellationToken ct = default)
    {
        var d = await db.Dispatches.FirstOrDefaultAsync(x => x.Id == id && x.Request!.Hosts.Any(h => h.OrganizationId == organizationId), ct);
        if (d is null) return ServiceResult.NotFound;
        var text = lessons?.Trim() ?? "";
        if (text.Length > DispatchConfiguration.ReportMax)
            return ServiceResult.Invalid(new Dictionary<string, string> { ["lessons"] = t["Val_TooLong", t["Case_Lessons"], DispatchConfiguration.ReportMax, text.Length] });
        d.HostLessons = text.Length == 0 ? null : text;
        return await dispatches.EvaluateAsync(organizationId, userId, id, rating, evaluation, ct);
    }

    /// <summary>Loads the reported KPIs of a dispatch the page already holds.</summary>
    public Task LoadKpisAsync(CioDispatch d, CancellationToken ct = default) => db.Entry(d).Collection(x => x.Kpis).LoadAsync(ct);

    /// <summary>The case made from a dispatch's report, if any (for its id on the dispatch pages).</summary>
    public Task<int?> CaseOfDispatchAsync(int dispatchId, CancellationToken ct = default) =>
        db.Cases.Where(c => c.DispatchId == dispatchId).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);

    public async Task<OutcomeFigures> FiguresAsync(CancellationToken ct = default) => new(
        await db.Dispatches.CountAsync(d => d.Status == DispatchStatus.Completed || d.Status == DispatchStatus.EndedEarly, ct),
        await db.Dispatches.CountAsync(d => d.Kpis.Any(), ct),
        await db.DispatchKpis.CountAsync(ct),
        await db.Cases.CountAsync(c => c.DispatchId != null, ct),
        await db.Cases.CountAsync(c => c.Status == CaseStatus.Published, ct),
        await db.Cases.CountAsync(c => c.Status == CaseStatus.Submitted, ct),
        await db.AdviceRequests.CountAsync(ct),
        await db.AdviceRequests.CountAsync(r => r.Status == AdviceStatus.Accepted || r.Status == AdviceStatus.TimeProposed || r.Status == AdviceStatus.Completed, ct));
}
