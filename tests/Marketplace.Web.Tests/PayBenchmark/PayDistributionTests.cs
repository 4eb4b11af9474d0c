using Marketplace.Web.Features.PayBenchmark;

namespace Marketplace.Web.Tests.PayBenchmark;

/// <summary>The benchmark's figures against percentiles worked out by hand on a small fixture.</summary>
public class PayDistributionTests
{
    private const string Advisor = "cio_advisor", PartTime = "part_time_appointee";

    // Group A (CIO補佐官, part-time, 2–3 days): 30,000 40,000 50,000 60,000 100,000 (n = 5).
    // Group B (CIO補佐官, part-time, ≤ 1 day):  20,000 25,000 30,000 35,000 (n = 4, too small to show).
    // Group C (CDO, fixed-term, 4–5 days):      70,000 80,000 90,000 (n = 3, too small to show).
    private static PayDistribution Fixture() => new(
    [
        P(Advisor, PartTime, WorkloadBands.TwoToThree, 60_000), P(Advisor, PartTime, WorkloadBands.TwoToThree, 30_000),
        P(Advisor, PartTime, WorkloadBands.TwoToThree, 100_000), P(Advisor, PartTime, WorkloadBands.TwoToThree, 50_000),
        P(Advisor, PartTime, WorkloadBands.TwoToThree, 40_000),
        P(Advisor, PartTime, WorkloadBands.UpToOne, 20_000), P(Advisor, PartTime, WorkloadBands.UpToOne, 35_000),
        P(Advisor, PartTime, WorkloadBands.UpToOne, 25_000), P(Advisor, PartTime, WorkloadBands.UpToOne, 30_000),
        P("cdo", "fixed_term_staff", WorkloadBands.FourToFive, 70_000), P("cdo", "fixed_term_staff", WorkloadBands.FourToFive, 80_000),
        P("cdo", "fixed_term_staff", WorkloadBands.FourToFive, 90_000),
    ], 1, DateTime.UnixEpoch);

    private static PayPoint P(string role, string engagement, string band, long rate) => new(role, engagement, band, rate);

    [Fact]
    public void Percentiles_OfFiveRates_MatchHandComputation()
    {
        var a = Fixture().Find(new GroupKey(Advisor, PartTime, WorkloadBands.TwoToThree))!;
        // Sorted: [30,000, 40,000, 50,000, 60,000, 100,000]; position h = (n − 1)·p = 4p, from 0.
        Assert.Equal(5, a.Count);
        Assert.Equal(30_000, a.Min);
        Assert.Equal(34_000, a.P10);    // h = 0.4: 30,000 + 0.4 × (40,000 − 30,000)
        Assert.Equal(40_000, a.P25);    // h = 1.0: the 2nd rate
        Assert.Equal(50_000, a.Median); // h = 2.0: the 3rd rate
        Assert.Equal(60_000, a.P75);    // h = 3.0: the 4th rate
        Assert.Equal(84_000, a.P90);    // h = 3.6: 60,000 + 0.6 × (100,000 − 60,000)
        Assert.Equal(100_000, a.Max);
    }

    [Fact]
    public void Percentiles_OfCoarserGroup_CountEveryBand()
    {
        var any = Fixture().Find(new GroupKey(Advisor, PartTime, null))!;
        // Sorted: [20,000, 25,000, 30,000, 30,000, 35,000, 40,000, 50,000, 60,000, 100,000]; h = 8p.
        Assert.Equal(9, any.Count);
        Assert.Equal(24_000, any.P10);    // h = 0.8: 20,000 + 0.8 × 5,000
        Assert.Equal(30_000, any.P25);    // h = 2.0
        Assert.Equal(35_000, any.Median); // h = 4.0
        Assert.Equal(50_000, any.P75);    // h = 6.0
        Assert.Equal(68_000, any.P90);    // h = 7.2: 60,000 + 0.2 × 40,000
        // Every posting is in the group of all postings.
        Assert.Equal(12, Fixture().Find(new GroupKey(null, null, null))!.Count);
    }

    [Fact]
    public void Percentile_Interpolation_RoundsToTheYen()
    {
        var g = new PayGroup(new GroupKey(null, null, null), [10_000, 10_001, 10_002, 10_003, 10_010]);
        // h = 4 × 0.9 = 3.6: 10,003 + 0.6 × 7 = 10,007.2 → 10,007; h = 4 × 0.1 = 0.4: 10,000 + 0.4 × 1 = 10,000.4 → 10,000.
        Assert.Equal(10_007, g.P90);
        Assert.Equal(10_000, g.P10);
    }

    [Theory]
    [InlineData(34_225, 20, 1)]   // 1 of 5 below: 1/5 = 20 %
    [InlineData(40_000, 30, 1)]   // 1 below, 1 equal: (1 + 0.5)/5 = 30 %
    [InlineData(25_000, 0, 0)]    // below all
    [InlineData(200_000, 100, 5)] // above all
    [InlineData(100_000, 90, 4)]  // 4 below, 1 equal: 4.5/5 = 90 %
    public void RankOf_CountsBelowAndHalfOfEqual(long rate, int percentile, int below)
    {
        var a = Fixture().Find(new GroupKey(Advisor, PartTime, WorkloadBands.TwoToThree))!;
        Assert.Equal(percentile, a.RankOf(rate));
        Assert.Equal(below, a.CountBelow(rate));
    }

    [Fact]
    public void SmallGroups_AreNeverShown()
    {
        var d = Fixture();
        Assert.False(PayDistribution.Shown(d.Find(new GroupKey(Advisor, PartTime, WorkloadBands.UpToOne))));
        Assert.False(PayDistribution.Shown(d.Find(new GroupKey("cdo", null, null))));
        var shown = d.ShownGroups(new GroupKey(null, null, null)).Select(g => g.Key).ToList();
        Assert.DoesNotContain(shown, k => k.RoleCode == "cdo" || k.Band == WorkloadBands.UpToOne || k.Band == WorkloadBands.FourToFive);
        Assert.Contains(new GroupKey(Advisor, PartTime, WorkloadBands.TwoToThree), shown);
        Assert.All(d.ShownGroups(new GroupKey(null, null, null)), g => Assert.True(g.Count >= PayDistribution.MinimumGroupSize));
        // Each posting is in 8 groups. ≤ 1 day: the 4 groups with that band hold 4 each (the other 4 are shared with
        // group A, 9 and more). CDO: 7 groups of 3 (all but the group of everything, 12).
        Assert.Equal(4 + 7, d.HiddenGroupCount(new GroupKey(null, null, null)));
    }

    [Fact]
    public void ComparableGroup_FallsBackToRoleAndForm_ThenToNothing()
    {
        var d = Fixture();
        Assert.Equal(new GroupKey(Advisor, PartTime, WorkloadBands.TwoToThree), d.ComparableGroup(Advisor, PartTime, WorkloadBands.TwoToThree)!.Key);
        // Only 4 at ≤ 1 day: compared with all 9 of the same role and form.
        Assert.Equal(new GroupKey(Advisor, PartTime, null), d.ComparableGroup(Advisor, PartTime, WorkloadBands.UpToOne)!.Key);
        Assert.Null(d.ComparableGroup("cdo", "fixed_term_staff", WorkloadBands.FourToFive));
    }

    [Fact]
    public void WorkloadBands_SplitAtOneAndThreeDays_UnstatedApart()
    {
        Assert.Equal(WorkloadBands.UpToOne, WorkloadBands.Of(0.5, false));
        Assert.Equal(WorkloadBands.UpToOne, WorkloadBands.Of(1, false));
        Assert.Equal(WorkloadBands.TwoToThree, WorkloadBands.Of(1.5, false));
        Assert.Equal(WorkloadBands.TwoToThree, WorkloadBands.Of(3, false));
        Assert.Equal(WorkloadBands.FourToFive, WorkloadBands.Of(3.5, false));
        Assert.Equal(WorkloadBands.NotStated, WorkloadBands.Of(2, true));
    }

    [Fact]
    public void CallDayRate_SpreadsTheAmountAtTheMiddleLoad()
    {
        // 米原市: 33,000,000 excluding tax over 36 months, one day a week on site: loads 1 to 5 person-days, middle 3.
        // 3 days × 48 weeks = 144 days a year; 33,000,000 / (144 × 3 years) = 76,388.9 → 76,389.
        Assert.Equal(76_389, PayBenchmarkService.CallDayRate(33_000_000, false, 36, 1));
        // Tax included: 33,000,000 / 1.1 = 30,000,000; / 432 = 69,444.4 → 69,444.
        Assert.Equal(69_444, PayBenchmarkService.CallDayRate(33_000_000, true, 36, 1));
    }
}
