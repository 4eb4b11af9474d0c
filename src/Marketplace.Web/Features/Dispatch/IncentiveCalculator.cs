namespace Marketplace.Web.Features.Dispatch;

/// <summary>A band of the fiscal-capacity index: hosts whose index is at least <paramref name="FromIndex"/> get <paramref name="RatePercent"/>.</summary>
public sealed record RateBand(double FromIndex, int RatePercent);

/// <summary>A round's incentive rules, as stored with the round.</summary>
public sealed record IncentiveRules(long TaxCapPerYearYen, long ReadinessSubsidyYen, IReadOnlyList<RateBand> Bands);

/// <summary>The special-allocation-tax measure for one host and one fiscal year, with the figures behind it.</summary>
public sealed record TaxMeasureLine(int FiscalYear, int Months, long EligibleCostsYen, int RatePercent, long BeforeCapYen, long CapYen, long GrantedYen)
{
    public bool Capped => BeforeCapYen > CapYen;
}

/// <summary>
/// The programme's incentive rules. All money is integer yen and every division is rounded down to the yen
/// (円未満切り捨て), one step at a time in the order: share of costs → rate → cap (see each method).
/// Part years are counted by months (月割り): every month of the dispatch that starts in a fiscal year counts
/// in full for that year, so a dispatch from 1 October to 31 March is 6 months of that year's cap.
/// </summary>
public static class IncentiveCalculator
{
    public static int FiscalYearOf(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    public static DateOnly FiscalYearStart(int fiscalYear) => new(fiscalYear, 4, 1);

    public static DateOnly FiscalYearEnd(int fiscalYear) => new(fiscalYear + 1, 3, 31);

    /// <summary>
    /// Dispatch months (月割り) of [<paramref name="start"/>, <paramref name="end"/>] that fall in the fiscal year:
    /// the k-th dispatch month begins on start + k months; a begun month counts in full for the year it begins in.
    /// </summary>
    public static int MonthsInFiscalYear(DateOnly start, DateOnly end, int fiscalYear)
    {
        if (end < start) return 0;
        var from = FiscalYearStart(fiscalYear);
        var to = FiscalYearEnd(fiscalYear);
        var months = 0;
        for (var k = 0; ; k++)
        {
            var monthStart = start.AddMonths(k);
            if (monthStart > end || monthStart > to) break;
            if (monthStart >= from) months++;
        }
        return months;
    }

    /// <summary>The fiscal years a dispatch touches, first to last.</summary>
    public static IEnumerable<int> FiscalYears(DateOnly start, DateOnly end)
    {
        if (end < start) yield break;
        for (var y = FiscalYearOf(start); y <= FiscalYearOf(end); y++) yield return y;
    }

    /// <summary>Whole months from start to end inclusive (1 April to 31 March is 12), a begun month counting in full.</summary>
    public static int TermMonths(DateOnly start, DateOnly end)
    {
        if (end < start) return 0;
        var months = 0;
        while (start.AddMonths(months) <= end) months++;
        return months;
    }

    /// <summary>The last day of a term of <paramref name="months"/> months starting on <paramref name="start"/>.</summary>
    public static DateOnly EndOfTerm(DateOnly start, int months) => start.AddMonths(months).AddDays(-1);

    /// <summary>
    /// The rate for a host's fiscal-capacity index: the band with the highest lower bound not above the index.
    /// A host whose index is unknown, or below every band, gets the lowest rate of the round (the conservative reading).
    /// </summary>
    public static int RateFor(IncentiveRules rules, double? fiscalCapacityIndex)
    {
        if (rules.Bands.Count == 0) return 0;
        var lowestRate = rules.Bands.Min(b => b.RatePercent);
        if (fiscalCapacityIndex is not { } index) return lowestRate;
        var band = rules.Bands.Where(b => b.FromIndex <= index).OrderByDescending(b => b.FromIndex).FirstOrDefault();
        return band?.RatePercent ?? lowestRate;
    }

    /// <summary>
    /// This host's cap for one fiscal year: the cap per dispatch per year × months / 12, divided equally among
    /// the hosts of a joint dispatch, rounded down once.
    /// </summary>
    public static long CapFor(IncentiveRules rules, int months, int hostCount) =>
        rules.TaxCapPerYearYen * months / (12L * Math.Max(1, hostCount));

    /// <summary>
    /// The special-allocation-tax measure for one host and fiscal year: eligible costs × rate (rounded down),
    /// then limited to the host's cap for that year.
    /// </summary>
    public static TaxMeasureLine TaxMeasure(IncentiveRules rules, double? fiscalCapacityIndex, int fiscalYear, int months, int hostCount, long eligibleCostsYen)
    {
        var costs = Math.Max(0, eligibleCostsYen);
        var rate = RateFor(rules, fiscalCapacityIndex);
        var beforeCap = costs * rate / 100;
        var cap = CapFor(rules, months, hostCount);
        return new TaxMeasureLine(fiscalYear, months, costs, rate, beforeCap, cap, Math.Min(beforeCap, cap));
    }

    /// <summary>
    /// The expected tax measure of one host over a whole dispatch, from the request's estimate of eligible costs per
    /// 12 months: each fiscal year's costs are estimate × months / (12 × hosts), rounded down, then
    /// <see cref="TaxMeasure"/> applies.
    /// </summary>
    public static IReadOnlyList<TaxMeasureLine> ExpectedTaxMeasure(IncentiveRules rules, double? fiscalCapacityIndex, DateOnly start, DateOnly end, int hostCount, long expectedAnnualCostYen)
    {
        var hosts = Math.Max(1, hostCount);
        return FiscalYears(start, end)
            .Select(y => (Year: y, Months: MonthsInFiscalYear(start, end, y)))
            .Where(x => x.Months > 0)
            .Select(x => TaxMeasure(rules, fiscalCapacityIndex, x.Year, x.Months, hosts, Math.Max(0, expectedAnnualCostYen) * x.Months / (12L * hosts)))
            .ToList();
    }

    /// <summary>
    /// The amount to commit against the budget when a dispatch is approved: every host's expected tax measure,
    /// plus the readiness subsidy for each host (readiness is a condition of dispatch, so every host qualifies).
    /// </summary>
    public static long ExpectedTotal(IncentiveRules rules, IReadOnlyList<double?> hostFiscalCapacityIndexes, DateOnly start, DateOnly end, long expectedAnnualCostYen)
    {
        var hosts = hostFiscalCapacityIndexes.Count;
        var tax = hostFiscalCapacityIndexes.Sum(index => ExpectedTaxMeasure(rules, index, start, end, hosts, expectedAnnualCostYen).Sum(l => l.GrantedYen));
        return tax + rules.ReadinessSubsidyYen * hosts;
    }
}
