namespace Marketplace.Matching.Pay;

/// <summary>The unit a posted amount is per; mirrors the taxonomy's <c>pay_unit</c> codes.</summary>
public enum PostedPayUnit
{
    Year,
    Month,
    Day,
    Hour,
    /// <summary>The whole contract value over the term (outsourced contracts).</summary>
    ContractTotal,
}

/// <summary>A posted amount with what is needed to compare it.</summary>
/// <param name="AmountYen">The amount as posted.</param>
/// <param name="Unit">What the amount is per.</param>
/// <param name="DaysPerWeek">Expected working days per week (0 &lt; d ≤ 5).</param>
/// <param name="TermMonths">The term the amount covers; used only for <see cref="PostedPayUnit.ContractTotal"/>.</param>
/// <param name="TaxIncluded">Consumption tax is in the amount (contracts only).</param>
public readonly record struct PostedPay(long AmountYen, PostedPayUnit Unit, double DaysPerWeek, int TermMonths, bool TaxIncluded = false);

/// <summary>The posted pay made comparable: what one working day pays, and what a year at the posted load pays.</summary>
public readonly record struct ComparableFigures(long DayRateYen, long AnnualEquivalentYen);

/// <summary>A range of working days a week assumed when a notice does not state the workload.</summary>
/// <param name="MinDaysPerWeek">The lightest plausible load.</param>
/// <param name="MaxDaysPerWeek">The heaviest plausible load.</param>
public readonly record struct Workload(double MinDaysPerWeek, double MaxDaysPerWeek)
{
    /// <summary>The single load used where one figure is needed (sorting, matching): the middle of the range.</summary>
    public double AssumedDaysPerWeek => (MinDaysPerWeek + MaxDaysPerWeek) / 2;

    public bool IsSingle => MinDaysPerWeek.Equals(MaxDaysPerWeek);
}

/// <summary>Day rates over a range of workloads: the heaviest load gives the lowest rate.</summary>
public readonly record struct DayRateRange(long LowYen, long HighYen, Workload Workload);

/// <summary>
/// The one place where posted pay is normalised. The web app shows these figures and the
/// ranker compares expectations with them, so both always agree.
/// </summary>
public static class ComparablePay
{
    /// <summary>Working weeks in a year once public holidays and year-end closure are taken out (52 − 4).</summary>
    public const int WorkingWeeksPerYear = 48;

    /// <summary>Hours in a working day (国家公務員・地方公務員の所定勤務時間 7時間45分).</summary>
    public const double HoursPerDay = 7.75;

    /// <summary>Consumption tax rate used to take tax out of tax-included contract amounts.</summary>
    public const double ConsumptionTaxRate = 0.10;

    public static ComparableFigures Compute(PostedPay pay)
    {
        if (pay.AmountYen < 0) throw new ArgumentOutOfRangeException(nameof(pay), "Amount must not be negative.");
        if (pay.DaysPerWeek is <= 0 or > 5) throw new ArgumentOutOfRangeException(nameof(pay), "Days per week must be in (0, 5].");

        var workingDaysPerYear = pay.DaysPerWeek * WorkingWeeksPerYear;
        double dayRate = pay.Unit switch
        {
            PostedPayUnit.Year => pay.AmountYen / workingDaysPerYear,
            PostedPayUnit.Month => pay.AmountYen * 12 / workingDaysPerYear,
            PostedPayUnit.Day => pay.AmountYen,
            PostedPayUnit.Hour => pay.AmountYen * HoursPerDay,
            PostedPayUnit.ContractTotal => ContractDayRate(pay, workingDaysPerYear),
            _ => throw new ArgumentOutOfRangeException(nameof(pay)),
        };
        var dayRateYen = (long)Math.Round(dayRate, MidpointRounding.AwayFromZero);
        var annual = (long)Math.Round(dayRate * workingDaysPerYear, MidpointRounding.AwayFromZero);
        return new ComparableFigures(dayRateYen, annual);
    }

    private static double ContractDayRate(PostedPay pay, double workingDaysPerYear)
    {
        if (pay.TermMonths <= 0) throw new ArgumentOutOfRangeException(nameof(pay), "A contract total needs a term.");
        var amount = pay.TaxIncluded ? pay.AmountYen / (1 + ConsumptionTaxRate) : pay.AmountYen;
        return amount / (workingDaysPerYear * pay.TermMonths / 12.0);
    }

    /// <summary>
    /// The workloads a notice of this engagement form plausibly means when it does not say: fixed-term
    /// staff (任期付職員) are full-time by law; part-time appointees work one to three days; fiscal-year
    /// appointees one to four; a contract's team anything from one to five person-days a week.
    /// </summary>
    public static Workload PlausibleWorkload(string engagementCode) => engagementCode switch
    {
        "fixed_term_staff" => new Workload(5, 5),
        "part_time_appointee" => new Workload(1, 3),
        "fiscal_year_appointee" => new Workload(1, 4),
        _ => new Workload(1, 5),
    };

    /// <summary>The day rate at each end of a workload range (for a posted amount whose load is not stated).</summary>
    public static DayRateRange ComputeRange(PostedPay pay, Workload workload)
    {
        var low = Compute(pay with { DaysPerWeek = workload.MaxDaysPerWeek }).DayRateYen;
        var high = Compute(pay with { DaysPerWeek = workload.MinDaysPerWeek }).DayRateYen;
        return new DayRateRange(low, high, workload);
    }

    /// <summary>
    /// A call for proposals made comparable: its ceiling spread over the contract, at a load between the
    /// required on-site presence (at least half a day a week) and five person-days a week.
    /// </summary>
    public static DayRateRange CallEquivalent(long ceilingYen, bool taxIncluded, int contractMonths, double requiredDaysPerWeek)
    {
        var min = Math.Clamp(requiredDaysPerWeek, 0.5, 5);
        return ComputeRange(new PostedPay(ceilingYen, PostedPayUnit.ContractTotal, 5, contractMonths, taxIncluded), new Workload(min, 5));
    }

    /// <summary>Average weeks per month (52 / 12), for turning on-site days per week into per month.</summary>
    public const double WeeksPerMonth = 52.0 / 12.0;
}
