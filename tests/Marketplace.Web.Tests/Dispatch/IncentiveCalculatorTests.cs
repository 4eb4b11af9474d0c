using Marketplace.Web.Features.Dispatch;

namespace Marketplace.Web.Tests.Dispatch;

/// <summary>Hand-computed incentive figures (all rounding is 円未満切り捨て, each step in turn).</summary>
public class IncentiveCalculatorTests
{
    // Cap 5,000,000 per dispatch per year; readiness subsidy 1,000,000; 80% below index 0.3, 70% from 0.3, 50% from 0.5.
    private static readonly IncentiveRules Rules = new(5_000_000, 1_000_000, [new(0.0, 80), new(0.3, 70), new(0.5, 50)]);

    [Theory]
    [InlineData(0.25, 80)]
    [InlineData(0.30, 70)] // a band's lower bound belongs to it
    [InlineData(0.49, 70)]
    [InlineData(0.50, 50)]
    [InlineData(1.20, 50)]
    public void RateFor_IndexInBand_GivesThatBandsRate(double index, int rate) =>
        Assert.Equal(rate, IncentiveCalculator.RateFor(Rules, index));

    [Fact]
    public void RateFor_UnknownOrBelowEveryBand_GivesLowestRate()
    {
        Assert.Equal(50, IncentiveCalculator.RateFor(Rules, null));
        var fromPointOne = Rules with { Bands = [new(0.1, 90), new(0.6, 40)] };
        Assert.Equal(40, IncentiveCalculator.RateFor(fromPointOne, 0.05));
    }

    [Fact]
    public void TaxMeasure_FullYearUnderCap_IsRateOfCosts()
    {
        // 6,000,000 × 80% = 4,800,000 ≤ cap 5,000,000
        var line = IncentiveCalculator.TaxMeasure(Rules, 0.25, 2026, 12, 1, 6_000_000);
        Assert.Equal(4_800_000, line.GrantedYen);
        Assert.False(line.Capped);
    }

    [Fact]
    public void TaxMeasure_FullYearOverCap_IsCapped()
    {
        // 7,000,000 × 80% = 5,600,000 > cap 5,000,000
        var line = IncentiveCalculator.TaxMeasure(Rules, 0.25, 2026, 12, 1, 7_000_000);
        Assert.Equal(5_600_000, line.BeforeCapYen);
        Assert.Equal(5_000_000, line.GrantedYen);
        Assert.True(line.Capped);
    }

    [Fact]
    public void TaxMeasure_HalfYear_CapIsProRatedByMonths()
    {
        // cap 5,000,000 × 6/12 = 2,500,000; 4,000,000 × 70% = 2,800,000 → 2,500,000
        var line = IncentiveCalculator.TaxMeasure(Rules, 0.4, 2026, 6, 1, 4_000_000);
        Assert.Equal(2_500_000, line.CapYen);
        Assert.Equal(2_500_000, line.GrantedYen);
    }

    [Fact]
    public void TaxMeasure_FractionsOfAYen_AreRoundedDown()
    {
        // 1,234,567 × 70% = 864,196.9 → 864,196; cap 5,000,000 × 7/12 = 2,916,666.67 → 2,916,666
        var line = IncentiveCalculator.TaxMeasure(Rules, 0.3, 2026, 7, 1, 1_234_567);
        Assert.Equal(864_196, line.GrantedYen);
        Assert.Equal(2_916_666, line.CapYen);
        // Two hosts share one cap: 5,000,000 × 7 / 24 = 1,458,333.33 → 1,458,333
        Assert.Equal(1_458_333, IncentiveCalculator.CapFor(Rules, 7, 2));
    }

    [Theory]
    [InlineData("2026-04-01", "2027-03-31", 2026, 12)]
    [InlineData("2026-10-01", "2027-09-30", 2026, 6)]
    [InlineData("2026-10-01", "2027-09-30", 2027, 6)]
    [InlineData("2026-04-15", "2027-04-14", 2026, 12)] // the 12th month begins 15 March 2027
    [InlineData("2026-04-15", "2027-04-14", 2027, 0)]
    [InlineData("2026-10-01", "2026-12-10", 2026, 3)] // ended early: a begun month counts in full
    [InlineData("2026-04-01", "2027-03-31", 2025, 0)]
    public void MonthsInFiscalYear_CountsBegunMonthsOfThatYear(string start, string end, int year, int months) =>
        Assert.Equal(months, IncentiveCalculator.MonthsInFiscalYear(DateOnly.Parse(start), DateOnly.Parse(end), year));

    [Fact]
    public void ExpectedTotal_DispatchAcrossTwoFiscalYears_SumsEachYearPlusSubsidy()
    {
        // FY2026: 6,000,000 × 6/12 = 3,000,000 × 80% = 2,400,000 (cap 2,500,000); FY2027 the same; + 1,000,000 subsidy
        var total = IncentiveCalculator.ExpectedTotal(Rules, [0.25], new DateOnly(2026, 10, 1), new DateOnly(2027, 9, 30), 6_000_000);
        Assert.Equal(5_800_000, total);
    }

    [Fact]
    public void ExpectedTotal_JointRequest_SplitsCostsAndCapAndPaysEachHostItsBandRate()
    {
        // Each host's share 8,000,000 × 12/24 = 4,000,000; cap per host 5,000,000 × 12/24 = 2,500,000.
        // Index 0.25: 80% → 3,200,000 → capped 2,500,000. Index 0.55: 50% → 2,000,000. + 2 × 1,000,000.
        var total = IncentiveCalculator.ExpectedTotal(Rules, [0.25, 0.55], new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31), 8_000_000);
        Assert.Equal(6_500_000, total);
    }

    [Fact]
    public void ExpectedTaxMeasure_RoundsEachYearDown()
    {
        // 1,000,001 a year, 1 June 2026 to 31 May 2027, 70%:
        // FY2026 10 months: 833,334.17 → 833,334 × 70% = 583,333.8 → 583,333
        // FY2027 2 months: 166,666.83 → 166,666 × 70% = 116,666.2 → 116,666
        var lines = IncentiveCalculator.ExpectedTaxMeasure(Rules, 0.4, new DateOnly(2026, 6, 1), new DateOnly(2027, 5, 31), 1, 1_000_001);
        Assert.Equal([(2026, 10, 583_333L), (2027, 2, 116_666L)], lines.Select(l => (l.FiscalYear, l.Months, l.GrantedYen)));
        Assert.Equal(1_699_999, IncentiveCalculator.ExpectedTotal(Rules, [0.4], new DateOnly(2026, 6, 1), new DateOnly(2027, 5, 31), 1_000_001));
    }

    [Theory]
    [InlineData("2026-04-01", 12, "2027-03-31")]
    [InlineData("2026-04-01", 6, "2026-09-30")]
    [InlineData("2026-10-01", 24, "2028-09-30")]
    public void EndOfTerm_AndTermMonths_AreInverse(string start, int months, string end)
    {
        Assert.Equal(DateOnly.Parse(end), IncentiveCalculator.EndOfTerm(DateOnly.Parse(start), months));
        Assert.Equal(months, IncentiveCalculator.TermMonths(DateOnly.Parse(start), DateOnly.Parse(end)));
    }
}
