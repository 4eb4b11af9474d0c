using Marketplace.Matching.Pay;

namespace Marketplace.Matching.Tests.Pay;

public class ComparablePayTests
{
    [Fact]
    public void Compute_OsakaAnnualFullTime_DividesByWorkingDaysOfAYear()
    {
        // 11,400,000 a year, 5 days a week: 11,400,000 / (5 × 48) = 47,500.
        var f = ComparablePay.Compute(new PostedPay(11_400_000, PostedPayUnit.Year, 5, 12));
        Assert.Equal(47_500, f.DayRateYen);
        Assert.Equal(11_400_000, f.AnnualEquivalentYen);
    }

    [Fact]
    public void Compute_OzuMonthlyTwoDaysAWeek_UsesThePostedLoad()
    {
        // 273,800 a month at 2 days a week: 273,800 × 12 / (2 × 48) = 34,225.
        var f = ComparablePay.Compute(new PostedPay(273_800, PostedPayUnit.Month, 2, 6));
        Assert.Equal(34_225, f.DayRateYen);
        Assert.Equal(273_800 * 12, f.AnnualEquivalentYen);
    }

    [Fact]
    public void Compute_Hourly_MultipliesByHoursPerDay()
    {
        var f = ComparablePay.Compute(new PostedPay(4_000, PostedPayUnit.Hour, 1, 12));
        Assert.Equal(31_000, f.DayRateYen);
        Assert.Equal(31_000 * 48, f.AnnualEquivalentYen);
    }

    [Fact]
    public void Compute_ContractTotalTaxIncluded_TakesTaxOutAndSpreadsOverTheTerm()
    {
        // 36,300,000 incl. tax = 33,000,000 excl.; 36 months at 1 day a week = 3 × 48 days.
        var f = ComparablePay.Compute(new PostedPay(36_300_000, PostedPayUnit.ContractTotal, 1, 36, TaxIncluded: true));
        Assert.Equal(229_167, f.DayRateYen);
        Assert.Equal(11_000_000, f.AnnualEquivalentYen);
    }

    [Fact]
    public void Compute_NegativeAmount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ComparablePay.Compute(new PostedPay(-1, PostedPayUnit.Day, 5, 12)));
    }
}
