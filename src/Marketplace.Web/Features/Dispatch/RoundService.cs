using Marketplace.Web.Features.Organizations;

namespace Marketplace.Web.Features.Dispatch;

/// <summary>A round's form as typed (numbers may use full-width digits and separators).</summary>
public sealed class RoundInput
{
    public string? FiscalYear { get; set; }
    public string? Name { get; set; }
    public string? RequestOpensOn { get; set; }
    public string? RequestClosesOn { get; set; }
    public string? MatchingEndsOn { get; set; }
    public string? ResultDate { get; set; }
    public string? DispatchStartsOn { get; set; }
    public string? MinTermMonths { get; set; }
    public string? MaxTermMonths { get; set; }
    public string? MaxTotalMonths { get; set; }
    public bool AllowFullTime { get; set; }
    public bool AllowPartTime { get; set; }
    public List<string> EligibleKinds { get; set; } = [];
    public string? MaxPopulation { get; set; }
    public string? BudgetYen { get; set; }
    public string? TaxCapPerYearYen { get; set; }
    public string? ReadinessSubsidyYen { get; set; }
    /// <summary>Up to <see cref="RoundService.MaxBands"/> rows; blank rows are ignored.</summary>
    public List<string?> BandFrom { get; set; } = [];
    public List<string?> BandRate { get; set; } = [];
}

/// <summary>Where a round is on its calendar, from its stored dates and today.</summary>
public enum RoundPhase
{
    BeforeRequests,
    Requests,
    Matching,
    AwaitingResults,
    Published,
}

/// <summary>Programme rounds: the office creates and edits them; everyone reads the rules of the round they act in.</summary>
public sealed class RoundService(MarketplaceDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    public const int MaxBands = 5;
    public const long MaxYen = 10_000_000_000_000;

    private DateOnly Today => DisplayFormatter.TodayInJapan(clock);

    /// <summary>
    /// The round's phase on a day. The result date wins over the matching period, which the round form lets end on
    /// the same day: the pairings are public from the result date. Before this, a round whose matching ended on its
    /// result date published nothing that day.
    /// </summary>
    public static RoundPhase PhaseOn(DispatchRound r, DateOnly today) =>
        today < r.RequestOpensOn ? RoundPhase.BeforeRequests
        : today >= r.ResultDate ? RoundPhase.Published
        : today <= r.RequestClosesOn ? RoundPhase.Requests
        : today <= r.MatchingEndsOn ? RoundPhase.Matching
        : RoundPhase.AwaitingResults;

    public RoundPhase Phase(DispatchRound r) => PhaseOn(r, Today);

    public static IncentiveRules RulesOf(DispatchRound r) =>
        new(r.TaxCapPerYearYen, r.ReadinessSubsidyYen, r.Bands.Select(b => new RateBand(b.FromIndex, b.RatePercent)).ToList());

    public Task<List<DispatchRound>> ListAsync(CancellationToken ct = default) =>
        db.DispatchRounds.AsNoTracking().Include(r => r.Bands).OrderByDescending(r => r.FiscalYear).ToListAsync(ct);

    public Task<DispatchRound?> FindAsync(int id, CancellationToken ct = default) =>
        db.DispatchRounds.Include(r => r.Bands).FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>The round whose request window is open today, if any.</summary>
    public async Task<DispatchRound?> OpenForRequestsAsync(CancellationToken ct = default)
    {
        var today = Today;
        return await db.DispatchRounds.AsNoTracking().Include(r => r.Bands)
            .Where(r => r.RequestOpensOn <= today && today <= r.RequestClosesOn)
            .OrderByDescending(r => r.FiscalYear).FirstOrDefaultAsync(ct);
    }

    /// <summary>Why a government may not request in this round, or null if it may.</summary>
    public string? IneligibilityOf(DispatchRound round, Organization org)
    {
        if (!round.EligibleKinds.Contains(OrganizationKinds.Code(org.Kind)))
            return t["Dispatch_NotEligibleKind", org.NameJa, t[$"OrgKind_{org.Kind}"]];
        if (round.MaxPopulation is { } max)
        {
            if (org.Population is null) return t["Dispatch_PopulationUnknown", org.NameJa];
            if (org.Population > max) return t["Dispatch_PopulationOver", org.NameJa, org.Population.Value.ToString("N0"), max.ToString("N0")];
        }
        return null;
    }

    public RoundInput InputOf(DispatchRound r) => new()
    {
        FiscalYear = r.FiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Name = r.Name,
        RequestOpensOn = Iso(r.RequestOpensOn),
        RequestClosesOn = Iso(r.RequestClosesOn),
        MatchingEndsOn = Iso(r.MatchingEndsOn),
        ResultDate = Iso(r.ResultDate),
        DispatchStartsOn = Iso(r.DispatchStartsOn),
        MinTermMonths = r.MinTermMonths.ToString(System.Globalization.CultureInfo.InvariantCulture),
        MaxTermMonths = r.MaxTermMonths.ToString(System.Globalization.CultureInfo.InvariantCulture),
        MaxTotalMonths = r.MaxTotalMonths.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AllowFullTime = r.AllowFullTime,
        AllowPartTime = r.AllowPartTime,
        EligibleKinds = [.. r.EligibleKinds],
        MaxPopulation = r.MaxPopulation?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        BudgetYen = r.BudgetYen.ToString(System.Globalization.CultureInfo.InvariantCulture),
        TaxCapPerYearYen = r.TaxCapPerYearYen.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ReadinessSubsidyYen = r.ReadinessSubsidyYen.ToString(System.Globalization.CultureInfo.InvariantCulture),
        BandFrom = r.Bands.OrderBy(b => b.FromIndex).Select(b => (string?)b.FromIndex.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        BandRate = r.Bands.OrderBy(b => b.FromIndex).Select(b => (string?)b.RatePercent.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
    };

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates a round (id null) or changes one; nothing is saved unless every field is valid.</summary>
    public async Task<ServiceResult> SaveAsync(int? id, RoundInput input, string? token, CancellationToken ct = default)
    {
        DispatchRound? round = null;
        if (id is not null)
        {
            round = await FindAsync(id.Value, ct);
            if (round is null) return ServiceResult.NotFound;
        }
        var errors = new Dictionary<string, string>();
        var n = new NumberFields(t, errors);
        var year = n.Int(nameof(input.FiscalYear), input.FiscalYear, "Round_FiscalYear", 2000, 2100, required: true);
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors.TryAdd(nameof(input.Name), t["Val_Required", t["Round_Name"]]);
        else if (name.Length > 200) errors.TryAdd(nameof(input.Name), t["Val_TooLong", t["Round_Name"], 200, name.Length]);

        var opens = n.Date(nameof(input.RequestOpensOn), input.RequestOpensOn, "Round_RequestOpensOn", true);
        var closes = n.Date(nameof(input.RequestClosesOn), input.RequestClosesOn, "Round_RequestClosesOn", true);
        var matchingEnds = n.Date(nameof(input.MatchingEndsOn), input.MatchingEndsOn, "Round_MatchingEndsOn", true);
        var result = n.Date(nameof(input.ResultDate), input.ResultDate, "Round_ResultDate", true);
        var starts = n.Date(nameof(input.DispatchStartsOn), input.DispatchStartsOn, "Round_DispatchStartsOn", true);
        void Order(DateOnly? before, DateOnly? after, string field, string beforeLabel, string afterLabel)
        {
            if (before is { } b && after is { } a && a < b) errors.TryAdd(field, t["Round_DateOrder", t[afterLabel], t[beforeLabel]]);
        }
        Order(opens, closes, nameof(input.RequestClosesOn), "Round_RequestOpensOn", "Round_RequestClosesOn");
        Order(closes, matchingEnds, nameof(input.MatchingEndsOn), "Round_RequestClosesOn", "Round_MatchingEndsOn");
        Order(matchingEnds, result, nameof(input.ResultDate), "Round_MatchingEndsOn", "Round_ResultDate");
        Order(result, starts, nameof(input.DispatchStartsOn), "Round_ResultDate", "Round_DispatchStartsOn");
        if (year is { } fy && starts is { } s && IncentiveCalculator.FiscalYearOf(s) != fy)
        {
            errors.TryAdd(nameof(input.DispatchStartsOn), t["Round_StartOutsideYear", fy, DisplayFormatter.Wareki(IncentiveCalculator.FiscalYearStart(fy)), DisplayFormatter.Wareki(IncentiveCalculator.FiscalYearEnd(fy))]);
        }

        var minTerm = n.Int(nameof(input.MinTermMonths), input.MinTermMonths, "Round_MinTermMonths", 1, 120, true);
        var maxTerm = n.Int(nameof(input.MaxTermMonths), input.MaxTermMonths, "Round_MaxTermMonths", 1, 120, true);
        var maxTotal = n.Int(nameof(input.MaxTotalMonths), input.MaxTotalMonths, "Round_MaxTotalMonths", 1, 240, true);
        if (minTerm is { } mn && maxTerm is { } mx && mx < mn) errors.TryAdd(nameof(input.MaxTermMonths), t["Round_MaxBelowMin"]);
        if (maxTerm is { } mx2 && maxTotal is { } tot && tot < mx2) errors.TryAdd(nameof(input.MaxTotalMonths), t["Round_TotalBelowMax"]);
        if (!input.AllowFullTime && !input.AllowPartTime) errors.TryAdd(nameof(input.AllowFullTime), t["Round_NoWorkPattern"]);

        var kinds = input.EligibleKinds.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct().ToList();
        if (kinds.Count == 0) errors.TryAdd(nameof(input.EligibleKinds), t["Val_Choose", t["Round_EligibleKinds"]]);
        else if (kinds.Any(k => OrganizationKinds.Parse(k) is null)) errors.TryAdd(nameof(input.EligibleKinds), t["Val_UnknownCode", t["Round_EligibleKinds"]]);
        var maxPopulation = n.Int(nameof(input.MaxPopulation), input.MaxPopulation, "Round_MaxPopulation", 1, 100_000_000);

        var budget = n.Yen(nameof(input.BudgetYen), input.BudgetYen, "Round_Budget", MaxYen, true);
        var cap = n.Yen(nameof(input.TaxCapPerYearYen), input.TaxCapPerYearYen, "Round_TaxCap", MaxYen, true);
        var subsidy = n.Yen(nameof(input.ReadinessSubsidyYen), input.ReadinessSubsidyYen, "Round_ReadinessSubsidy", MaxYen, true);

        var bands = new List<IncentiveBand>();
        for (var i = 0; i < Math.Max(input.BandFrom.Count, input.BandRate.Count) && i < MaxBands; i++)
        {
            var fromText = input.BandFrom.ElementAtOrDefault(i);
            var rateText = input.BandRate.ElementAtOrDefault(i);
            if (string.IsNullOrWhiteSpace(fromText) && string.IsNullOrWhiteSpace(rateText)) continue;
            var from = n.Dec($"BandFrom[{i}]", fromText, "Round_BandFrom", 0, 5, true);
            var rate = n.Int($"BandRate[{i}]", rateText, "Round_BandRate", 0, 100, true);
            if (from is { } f && rate is { } r)
            {
                if (bands.Any(b => b.FromIndex == f)) errors.TryAdd($"BandFrom[{i}]", t["Round_BandDuplicate", f]);
                else bands.Add(new IncentiveBand { FromIndex = f, RatePercent = r });
            }
        }
        if (bands.Count == 0 && !errors.Keys.Any(k => k.StartsWith("Band", StringComparison.Ordinal)))
            errors.TryAdd("BandFrom[0]", t["Round_BandRequired"]);

        if (year is { } y && await db.DispatchRounds.AnyAsync(r => r.FiscalYear == y && r.Id != (id ?? 0), ct))
            errors.TryAdd(nameof(input.FiscalYear), t["Round_YearTaken", y]);
        if (round is not null && budget is { } newBudget)
        {
            var committed = await db.Dispatches.Where(d => d.RoundId == round.Id).SumAsync(d => (long?)d.CommittedYen, ct) ?? 0;
            if (newBudget < committed) errors.TryAdd(nameof(input.BudgetYen), t["Round_BudgetBelowCommitted", committed.ToString("N0")]);
        }
        if (errors.Count > 0) return ServiceResult.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        if (round is null)
        {
            round = new DispatchRound { CreatedAt = now };
            db.DispatchRounds.Add(round);
        }
        else
        {
            db.ExpectConcurrencyToken(round, token);
            db.IncentiveBands.RemoveRange(round.Bands);
            round.Bands.Clear();
        }
        round.FiscalYear = year!.Value;
        round.Name = name;
        round.RequestOpensOn = opens!.Value;
        round.RequestClosesOn = closes!.Value;
        round.MatchingEndsOn = matchingEnds!.Value;
        round.ResultDate = result!.Value;
        round.DispatchStartsOn = starts!.Value;
        round.MinTermMonths = minTerm!.Value;
        round.MaxTermMonths = maxTerm!.Value;
        round.MaxTotalMonths = maxTotal!.Value;
        round.AllowFullTime = input.AllowFullTime;
        round.AllowPartTime = input.AllowPartTime;
        round.EligibleKinds = kinds;
        round.MaxPopulation = maxPopulation;
        round.BudgetYen = budget!.Value;
        round.TaxCapPerYearYen = cap!.Value;
        round.ReadinessSubsidyYen = subsidy!.Value;
        round.Bands.AddRange(bands);
        round.UpdatedAt = now;
        try
        {
            return await db.SaveOrRefuseStaleAsync(t, () => round.Id, ct);
        }
        catch (DbUpdateException)
        {
            // Not a stale record: the unique index on the fiscal year refused a second round of the same year saved meanwhile.
            db.ChangeTracker.Clear();
            return ServiceResult.Invalid(new Dictionary<string, string> { [nameof(input.FiscalYear)] = t["Round_YearTaken", year.Value] });
        }
    }

    /// <summary>Budget figures of a round: committed by approved dispatches, paid out, and what is left to commit.</summary>
    public async Task<(long Budget, long Committed, long Paid, long Left)> BudgetAsync(DispatchRound round, CancellationToken ct = default)
    {
        var committed = await db.Dispatches.Where(d => d.RoundId == round.Id).SumAsync(d => (long?)d.CommittedYen, ct) ?? 0;
        var paid = await db.IncentivePayments.Where(p => db.IncentiveClaims.Any(c => c.Id == p.ClaimId && c.Dispatch!.RoundId == round.Id))
            .SumAsync(p => (long?)p.AmountYen, ct) ?? 0;
        return (round.BudgetYen, committed, paid, round.BudgetYen - committed);
    }
}
