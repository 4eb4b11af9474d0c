namespace Marketplace.Web.Features.Dispatch;

public enum ClaimDecision
{
    Approve,
    Reduce,
    Reject,
}

/// <summary>
/// Incentive claims: a host claims for one of its dispatches with its actual eligible costs, the rules of the round
/// compute what that gives, the national office approves, reduces (with a reason) or rejects, and records payments.
/// A host sees only its own claims; the office sees all.
/// </summary>
public sealed class IncentiveService(MarketplaceDbContext db, DispatchMatchingService matching, IStringLocalizer<SharedResource> t, TimeProvider clock, DispatchNotifications notify,
    Security.AuditLog audit)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DisplayFormatter.TodayInJapan(clock);

    private IQueryable<IncentiveClaim> WithDetails() =>
        db.IncentiveClaims.Include(c => c.Organization).Include(c => c.Payments)
            .Include(c => c.Dispatch).ThenInclude(d => d!.Expert)
            .Include(c => c.Dispatch).ThenInclude(d => d!.Round)
            .AsSplitQuery();

    public Task<IncentiveClaim?> ForHostAsync(int organizationId, int id, CancellationToken ct = default) =>
        WithDetails().FirstOrDefaultAsync(c => c.Id == id && c.OrganizationId == organizationId, ct);

    public Task<IncentiveClaim?> ForOfficeAsync(int id, CancellationToken ct = default) =>
        WithDetails().FirstOrDefaultAsync(c => c.Id == id, ct);

    public Task<List<IncentiveClaim>> OfDispatchForHostAsync(int organizationId, int dispatchId, CancellationToken ct = default) =>
        WithDetails().AsNoTracking().Where(c => c.DispatchId == dispatchId && c.OrganizationId == organizationId).OrderBy(c => c.SubmittedAt).ToListAsync(ct);

    public Task<List<IncentiveClaim>> OfDispatchForOfficeAsync(int dispatchId, CancellationToken ct = default) =>
        WithDetails().AsNoTracking().Where(c => c.DispatchId == dispatchId).OrderBy(c => c.SubmittedAt).ToListAsync(ct);

    public async Task<Paged<IncentiveClaim>> ListAsync(int? organizationId, ClaimStatus? status, int? roundId, int page, CancellationToken ct = default)
    {
        var q = WithDetails().AsNoTracking();
        if (organizationId is { } org) q = q.Where(c => c.OrganizationId == org);
        if (status is { } s) q = q.Where(c => c.Status == s);
        if (roundId is { } r) q = q.Where(c => c.Dispatch!.RoundId == r);
        return await q.OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id).ToPagedAsync(page, ct: ct);
    }

    public string TokenOf(IncentiveClaim c) => db.ConcurrencyTokenOf(c);

    /// <summary>
    /// What a claim gives under the round's rules: the tax measure for the fiscal year's months of the dispatch
    /// (this host's share of the cap), or the fixed readiness subsidy. Null with a message when nothing can be claimed.
    /// </summary>
    public (TaxMeasureLine? Line, long Amount, string? Refusal) Compute(CioDispatch d, Organization host, IncentiveKind kind, int fiscalYear, long costs)
    {
        var rules = RoundService.RulesOf(d.Round!);
        if (kind == IncentiveKind.ReadinessSubsidy) return (null, rules.ReadinessSubsidyYen, null);
        var months = IncentiveCalculator.MonthsInFiscalYear(d.StartDate, d.EndDate, fiscalYear);
        if (months == 0) return (null, 0, t["Claim_NoMonthsInYear", fiscalYear]);
        var line = IncentiveCalculator.TaxMeasure(rules, host.FiscalCapacityIndex, fiscalYear, months, d.Request!.Hosts.Count, costs);
        return (line, line.GrantedYen, null);
    }

    /// <summary>How a filed claim's tax measure was computed, as frozen when it was filed (null for the readiness subsidy).</summary>
    public static TaxMeasureLine? LineOf(IncentiveClaim c) =>
        c is { Kind: IncentiveKind.SpecialAllocationTax, Months: { } months, RatePercent: { } rate, BeforeCapYen: { } before, CapYen: { } cap }
            ? new TaxMeasureLine(c.FiscalYear, months, c.EligibleCostsYen, rate, before, cap, c.ComputedYen)
            : null;

    public async Task<ServiceResult> FileAsync(int organizationId, string userId, int dispatchId, string? kindText, string? fiscalYearText, string? costsText, CancellationToken ct = default)
    {
        var d = await db.Dispatches.Include(x => x.Round).ThenInclude(r => r!.Bands)
            .Include(x => x.Request).ThenInclude(r => r!.Hosts).ThenInclude(h => h.Organization)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == dispatchId && x.Request!.Hosts.Any(h => h.OrganizationId == organizationId), ct);
        if (d is null) return ServiceResult.NotFound;
        var host = d.Request!.Hosts.Single(h => h.OrganizationId == organizationId).Organization!;

        var errors = new Dictionary<string, string>();
        var n = new NumberFields(t, errors);
        IncentiveKind? kind = Enum.TryParse<IncentiveKind>(kindText, out var k) && Enum.IsDefined(k) ? k : null;
        if (kind is null) errors.TryAdd("kind", t["Val_Choose", t["Claim_Kind"]]);
        int fiscalYear;
        long costs = 0;
        if (kind == IncentiveKind.ReadinessSubsidy)
        {
            fiscalYear = IncentiveCalculator.FiscalYearOf(d.StartDate);
        }
        else
        {
            fiscalYear = n.Int("fiscalYear", fiscalYearText, "Claim_FiscalYear", 2000, 2100, true) ?? 0;
            costs = n.Yen("costs", costsText, "Claim_EligibleCosts", 10_000_000_000, true) ?? 0;
            if (fiscalYear > 0 && Today < Max(d.StartDate, IncentiveCalculator.FiscalYearStart(fiscalYear)))
                errors.TryAdd("fiscalYear", t["Claim_YearNotStarted", fiscalYear]);
        }
        if (errors.Count > 0) return ServiceResult.Invalid(errors);

        if (await db.IncentiveClaims.AnyAsync(c => c.DispatchId == dispatchId && c.OrganizationId == organizationId && c.Kind == kind
                && c.FiscalYear == fiscalYear && c.Status != ClaimStatus.Rejected, ct))
            return ServiceResult.Fail(t["Claim_Duplicate"]);
        var (line, amount, refusal) = Compute(d, host, kind!.Value, fiscalYear, costs);
        if (refusal is not null) return ServiceResult.Invalid(new Dictionary<string, string> { ["fiscalYear"] = refusal });

        var claim = new IncentiveClaim
        {
            DispatchId = dispatchId, OrganizationId = organizationId, Kind = kind.Value, FiscalYear = fiscalYear,
            EligibleCostsYen = costs, ComputedYen = amount, Status = ClaimStatus.Submitted, SubmittedAt = Now, SubmittedByUserId = userId,
            Months = line?.Months, RatePercent = line?.RatePercent, BeforeCapYen = line?.BeforeCapYen, CapYen = line?.CapYen,
        };
        db.IncentiveClaims.Add(claim);
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok(claim.Id);
    }

    /// <summary>
    /// The office decides a claim. Approving gives the computed amount; reducing gives a smaller amount with a reason;
    /// rejecting gives nothing, with a reason. When a dispatch's approved claims exceed what was committed for it,
    /// the commitment grows by the difference, and the decision is refused if that would overspend the budget.
    /// </summary>
    public async Task<ServiceResult> DecideAsync(string officeUserId, int claimId, ClaimDecision decision, string? amountText, string? reason, string? token, CancellationToken ct = default)
    {
        var claim = await db.IncentiveClaims.Include(c => c.Dispatch).ThenInclude(d => d!.Round).FirstOrDefaultAsync(c => c.Id == claimId, ct);
        if (claim is null) return ServiceResult.NotFound;
        if (claim.Status != ClaimStatus.Submitted) return ServiceResult.Fail(t["Claim_AlreadyDecided"]);
        var errors = new Dictionary<string, string>();
        var text = reason?.Trim() ?? "";
        long approved = 0;
        switch (decision)
        {
            case ClaimDecision.Approve:
                approved = claim.ComputedYen;
                break;
            case ClaimDecision.Reduce:
                var amount = new NumberFields(t, errors).Yen("amount", amountText, "Claim_ReducedAmount", claim.ComputedYen, true);
                if (amount is { } a && (a <= 0 || a >= claim.ComputedYen)) errors.TryAdd("amount", t["Claim_ReduceRange", claim.ComputedYen.ToString("N0")]);
                approved = amount ?? 0;
                if (text.Length == 0) errors.TryAdd("reason", t["Val_Required", t["Claim_DecisionReason"]]);
                break;
            case ClaimDecision.Reject:
                if (text.Length == 0) errors.TryAdd("reason", t["Val_Required", t["Claim_DecisionReason"]]);
                break;
        }
        if (text.Length > 1_000) errors.TryAdd("reason", t["Val_TooLong", t["Claim_DecisionReason"], 1_000, text.Length]);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);

        var d = claim.Dispatch!;
        var round = d.Round!;
        var approvedBefore = await db.IncentiveClaims.Where(c => c.DispatchId == d.Id && c.ApprovedYen != null).SumAsync(c => (long?)c.ApprovedYen, ct) ?? 0;
        var increase = Math.Max(0, approvedBefore + approved - d.CommittedYen);
        // Any approval counts against the dispatch's commitment: another decision or an early end saved in the
        // meantime changes the dispatch row, and this save is then refused rather than approving past it.
        if (approved > 0)
        {
            db.ExpectConcurrencyToken(d, db.ConcurrencyTokenOf(d));
            db.Entry(d).State = EntityState.Modified;
        }
        if (increase > 0)
        {
            var committed = await db.Dispatches.Where(x => x.RoundId == round.Id).SumAsync(x => (long?)x.CommittedYen, ct) ?? 0;
            if (committed + increase > round.BudgetYen)
                return ServiceResult.Fail(t["Claim_BudgetOverspend", increase.ToString("N0"), (round.BudgetYen - committed).ToString("N0")]);
            d.CommittedYen += increase;
            matching.TouchBudget(round);
        }
        db.ExpectConcurrencyToken(claim, token);
        claim.Status = decision switch { ClaimDecision.Approve => ClaimStatus.Approved, ClaimDecision.Reduce => ClaimStatus.Reduced, _ => ClaimStatus.Rejected };
        claim.ApprovedYen = approved;
        claim.DecisionReason = text.Length == 0 ? null : text;
        claim.DecidedAt = Now;
        claim.DecidedByUserId = officeUserId;
        await notify.ClaimDecidedAsync(claim, ct);
        return await SaveAsync(claim.Id, ct);
    }

    /// <summary>Records a payment of an approved (or reduced) claim; payments never exceed the approved amount.</summary>
    public async Task<ServiceResult> PayAsync(string officeUserId, int claimId, string? amountText, string? paidOnText, string? token, CancellationToken ct = default)
    {
        var claim = await db.IncentiveClaims.Include(c => c.Payments).FirstOrDefaultAsync(c => c.Id == claimId, ct);
        if (claim is null) return ServiceResult.NotFound;
        if (claim.Status is not (ClaimStatus.Approved or ClaimStatus.Reduced)) return ServiceResult.Fail(t["Claim_NotPayable"]);
        var outstanding = (claim.ApprovedYen ?? 0) - claim.Payments.Sum(p => p.AmountYen);
        var errors = new Dictionary<string, string>();
        var n = new NumberFields(t, errors);
        var amount = n.Yen("payAmount", amountText, "Claim_PayAmount", 10_000_000_000, true);
        var paidOn = n.Date("paidOn", paidOnText, "Claim_PaidOn", true);
        if (amount is { } a && (a <= 0 || a > outstanding)) errors.TryAdd("payAmount", t["Claim_PayRange", outstanding.ToString("N0")]);
        var decidedOn = DateOnly.FromDateTime(DisplayFormatter.ToJst(claim.DecidedAt ?? claim.SubmittedAt));
        if (paidOn is { } p && (p > Today || p < decidedOn)) errors.TryAdd("paidOn", t["Claim_PaidOnRange"]);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);
        claim.Payments.Add(new IncentivePayment { AmountYen = amount!.Value, PaidOn = paidOn!.Value, RecordedAt = Now, RecordedByUserId = officeUserId });
        // The claim row is written with every payment and only if unchanged since the form was shown: the same form
        // sent twice (a double click, a resent request) or two payments recorded at the same moment record one payment.
        db.ExpectConcurrencyToken(claim, token);
        audit.Add(Security.AuditActions.PaymentRecorded, "claim", claim.Id, claim.OrganizationId, $"amount_yen={amount!.Value}; paid_on={paidOn!.Value:yyyy-MM-dd}");
        db.Entry(claim).State = EntityState.Modified;
        return await SaveAsync(claim.Id, ct);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private Task<ServiceResult> SaveAsync(int id, CancellationToken ct) => db.SaveOrRefuseStaleAsync(t, id, ct);
}
