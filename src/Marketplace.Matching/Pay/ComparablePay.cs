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
    /// Working weeks per month on the pay basis (48 / 12 = 4), for turning on-site days per week into per month:
    /// the search filter, the opening page and the day rate all count the same weeks.
    /// </summary>
    public const double WeeksPerMonth = WorkingWeeksPerYear / 12.0;
}
