namespace Marketplace.Web.Features.Dispatch;

/// <summary>
/// A dispatch's life after approval: extended within the round's limits, ended early with a reason, completed,
/// with the CIO's final report and the host's evaluation. A dispatch is visible to the office, its hosts and its CIO.
/// </summary>
public sealed class DispatchService(MarketplaceDbContext db, DispatchMatchingService matching, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DisplayFormatter.TodayInJapan(clock);

    /// <summary>Started, scheduled or over: what a reader needs to know beyond the stored status.</summary>
    public bool HasStarted(CioDispatch d) => Today >= d.StartDate;

    private IQueryable<CioDispatch> WithDetails() =>
        db.Dispatches.Include(d => d.Round).ThenInclude(r => r!.Bands)
            .Include(d => d.Request).ThenInclude(r => r!.Hosts).ThenInclude(h => h.Organization)
            .Include(d => d.Expert)
            .Include(d => d.Events)
            .AsSplitQuery();

    public Task<CioDispatch?> ForOfficeAsync(int id, CancellationToken ct = default) => WithDetails().FirstOrDefaultAsync(d => d.Id == id, ct);

    public Task<CioDispatch?> ForHostAsync(int organizationId, int id, CancellationToken ct = default) =>
        WithDetails().FirstOrDefaultAsync(d => d.Id == id && d.Request!.Hosts.Any(h => h.OrganizationId == organizationId), ct);

    public Task<CioDispatch?> ForCioAsync(string userId, int id, CancellationToken ct = default) =>
        WithDetails().FirstOrDefaultAsync(d => d.Id == id && d.Expert!.UserId == userId, ct);

    public Task<List<CioDispatch>> AllForHostAsync(int organizationId, CancellationToken ct = default) =>
        WithDetails().AsNoTracking().Where(d => d.Request!.Hosts.Any(h => h.OrganizationId == organizationId)).OrderByDescending(d => d.StartDate).ToListAsync(ct);

    public Task<List<CioDispatch>> AllForCioAsync(string userId, CancellationToken ct = default) =>
        WithDetails().AsNoTracking().Where(d => d.Expert!.UserId == userId).OrderByDescending(d => d.StartDate).ToListAsync(ct);

    public async Task<Paged<CioDispatch>> ForOfficeListAsync(int roundId, DispatchStatus? status, int page, CancellationToken ct = default)
    {
        var q = WithDetails().AsNoTracking().Where(d => d.RoundId == roundId);
        if (status is { } s) q = q.Where(d => d.Status == s);
        return await q.OrderBy(d => d.StartDate).ThenBy(d => d.Id).ToPagedAsync(page, ct: ct);
    }

    public string TokenOf(CioDispatch d) => db.ConcurrencyTokenOf(d);

    /// <summary>A running dispatch with what its changes read; or, when there is none, not found or "not running" (it has ended).</summary>
    private async Task<(CioDispatch? Dispatch, ServiceResult? Refusal)> RunningAsync(int id, CancellationToken ct)
    {
        var d = await WithDetails().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return (null, ServiceResult.NotFound);
        if (d.Status is DispatchStatus.Completed or DispatchStatus.EndedEarly) return (null, ServiceResult.Fail(t["Dispatch_NotRunning"]));
        return (d, null);
    }

    /// <summary>Extends a running dispatch to a later last day, keeping the whole term within the round's maximum and the budget.</summary>
    public async Task<ServiceResult> ExtendAsync(string officeUserId, int id, string? newEndText, string? reason, string? token, CancellationToken ct = default)
    {
        var (d, refusal) = await RunningAsync(id, ct);
        if (d is null) return refusal!;
        var errors = new Dictionary<string, string>();
        var fields = new NumberFields(t, errors);
        var newEnd = fields.Date("newEnd", newEndText, "Dispatch_NewEndDate", true);
        var text = fields.Text("reason", reason, "Dispatch_ChangeReason", 1_000, required: true);
        if (newEnd is { } e && e <= d.EndDate) errors.TryAdd("newEnd", t["Dispatch_ExtendNotLater", DisplayFormatter.Wareki(d.EndDate)]);
        if (newEnd is { } e2 && IncentiveCalculator.TermMonths(d.StartDate, e2) > d.Round!.MaxTotalMonths)
            errors.TryAdd("newEnd", t["Dispatch_ExtendOverMax", d.Round.MaxTotalMonths, DisplayFormatter.Wareki(IncentiveCalculator.EndOfTerm(d.StartDate, d.Round.MaxTotalMonths))]);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);

        var certification = await db.Certifications.AsNoTracking().FirstOrDefaultAsync(c => c.ExpertProfileId == d.ExpertProfileId, ct);
        if (certification is null || !certification.IsValidOn(Today))
            return ServiceResult.Fail(t["Dispatch_CioNotCertified"]);

        var expected = ExpectedFor(d, newEnd!.Value);
        var increase = Math.Max(0, expected - d.CommittedYen);
        var committed = await db.Dispatches.Where(x => x.RoundId == d.RoundId).SumAsync(x => (long?)x.CommittedYen, ct) ?? 0;
        if (committed + increase > d.Round!.BudgetYen)
            return ServiceResult.Fail(t["Dispatch_BudgetOverspend", increase.ToString("N0"), (d.Round.BudgetYen - committed).ToString("N0")]);

        db.ExpectConcurrencyToken(d, token);
        d.Events.Add(new DispatchEvent { Kind = "extended", Note = $"{d.EndDate:yyyy-MM-dd} → {newEnd.Value:yyyy-MM-dd}: {text}", At = Now, ByUserId = officeUserId });
        d.EndDate = newEnd.Value;
        d.Status = DispatchStatus.Extended;
        d.CommittedYen += increase;
        matching.TouchBudget(d.Round);
        return await SaveAsync(d.Id, ct);
    }

    /// <summary>Ends a dispatch before its last day, with a reason; the commitment shrinks to the shorter term (never below what was approved).</summary>
    public async Task<ServiceResult> EndEarlyAsync(string officeUserId, int id, string? endText, string? reason, string? token, CancellationToken ct = default)
    {
        var (d, refusal) = await RunningAsync(id, ct);
        if (d is null) return refusal!;
        var errors = new Dictionary<string, string>();
        var fields = new NumberFields(t, errors);
        var end = fields.Date("endOn", endText, "Dispatch_EndOn", true);
        var text = fields.Text("reason", reason, "Dispatch_EndReason", 1_000, required: true);
        if (end is { } e && (e < d.StartDate || e >= d.EndDate))
            errors.TryAdd("endOn", t["Dispatch_EndOnRange", DisplayFormatter.Wareki(d.StartDate), DisplayFormatter.Wareki(d.EndDate.AddDays(-1))]);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);

        var approved = await db.IncentiveClaims.Where(c => c.DispatchId == d.Id && c.ApprovedYen != null).SumAsync(c => (long?)c.ApprovedYen, ct) ?? 0;
        db.ExpectConcurrencyToken(d, token);
        d.Events.Add(new DispatchEvent { Kind = "ended_early", Note = $"{end!.Value:yyyy-MM-dd}: {text}", At = Now, ByUserId = officeUserId });
        d.EndDate = end.Value;
        d.Status = DispatchStatus.EndedEarly;
        d.EndReason = text;
        d.CommittedYen = Math.Max(approved, Math.Min(d.CommittedYen, ExpectedFor(d, end.Value)));
        matching.TouchBudget(d.Round!);
        return await SaveAsync(d.Id, ct);
    }

    /// <summary>Marks a dispatch completed once its last day has come.</summary>
    public async Task<ServiceResult> CompleteAsync(string officeUserId, int id, string? token, CancellationToken ct = default)
    {
        var d = await db.Dispatches.Include(x => x.Events).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return ServiceResult.NotFound;
        if (d.Status is DispatchStatus.Completed or DispatchStatus.EndedEarly) return ServiceResult.Fail(t["Dispatch_NotRunning"]);
        if (Today < d.EndDate) return ServiceResult.Fail(t["Dispatch_NotYetEnded", DisplayFormatter.Wareki(d.EndDate)]);
        db.ExpectConcurrencyToken(d, token);
        d.Status = DispatchStatus.Completed;
        d.Events.Add(new DispatchEvent { Kind = "completed", At = Now, ByUserId = officeUserId });
        return await SaveAsync(d.Id, ct);
    }

    /// <summary>The CIO's final report (may be revised until the office has it read: it simply replaces the previous text).</summary>
    public async Task<ServiceResult> ReportAsync(string userId, int id, string? report, CancellationToken ct = default)
    {
        var d = await db.Dispatches.FirstOrDefaultAsync(x => x.Id == id && x.Expert!.UserId == userId, ct);
        if (d is null) return ServiceResult.NotFound;
        if (!HasStarted(d)) return ServiceResult.Fail(t["Dispatch_NotStartedYet", DisplayFormatter.Wareki(d.StartDate)]);
        if (NumberFields.RequiredText(t, "report", report, "Dispatch_FinalReport", DispatchConfiguration.ReportMax, out var text) is { } refused) return refused;
        d.FinalReport = text;
        d.FinalReportAt = Now;
        return await SaveAsync(d.Id, ct);
    }

    /// <summary>The filing government's evaluation of the dispatch (rating 1–5 and comments).</summary>
    public async Task<ServiceResult> EvaluateAsync(int organizationId, string userId, int id, string? ratingText, string? evaluation, CancellationToken ct = default)
    {
        var d = await db.Dispatches.Include(x => x.Request).FirstOrDefaultAsync(x => x.Id == id && x.Request!.Hosts.Any(h => h.OrganizationId == organizationId), ct);
        if (d is null) return ServiceResult.NotFound;
        if (d.Request!.LeadOrganizationId != organizationId) return ServiceResult.Fail(t["Dispatch_OnlyLeadEvaluates"]);
        if (!HasStarted(d)) return ServiceResult.Fail(t["Dispatch_NotStartedYet", DisplayFormatter.Wareki(d.StartDate)]);
        var errors = new Dictionary<string, string>();
        var rating = new NumberFields(t, errors).Int("rating", ratingText, "Dispatch_Rating", 1, 5, true);
        var text = evaluation?.Trim() ?? "";
        if (text.Length == 0) errors.TryAdd("evaluation", t["Val_Required", t["Dispatch_Evaluation"]]);
        else if (text.Length > DispatchConfiguration.ReportMax) errors.TryAdd("evaluation", t["Val_TooLong", t["Dispatch_Evaluation"], DispatchConfiguration.ReportMax, text.Length]);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);
        if (d.HostRating != rating || d.HostEvaluation != text) d.EvaluationShownAt = null;
        d.HostRating = rating;
        d.HostEvaluation = text;
        d.HostEvaluatedAt = Now;
        d.HostEvaluatedByUserId = userId;
        return await SaveAsync(d.Id, ct);
    }

    /// <summary>The expected incentive of the dispatch if it ran to <paramref name="end"/>.</summary>
    public static long ExpectedFor(CioDispatch d, DateOnly end) =>
        IncentiveCalculator.ExpectedTotal(RoundService.RulesOf(d.Round!),
            d.Request!.Hosts.OrderBy(h => h.OrganizationId).Select(h => h.Organization!.FiscalCapacityIndex).ToList(),
            d.StartDate, end, d.Request.ExpectedAnnualCostYen);

    private Task<ServiceResult> SaveAsync(int id, CancellationToken ct) => db.SaveOrRefuseStaleAsync(t, id, ct);
}
