using Marketplace.Matching.Pay;
using Marketplace.Matching.Text;

namespace Marketplace.Matching.Tests.Text;

public class JapaneseAmountTests
{
    [Theory]
    [InlineData("27万3,800円", 273_800, false)]
    [InlineData("3万", 30_000, false)]
    [InlineData("1,140万円", 11_400_000, false)]
    [InlineData("２７万", 270_000, false)]
    [InlineData("約1,140万円", 11_400_000, true)]
    [InlineData("1,140万円程度", 11_400_000, true)]
    [InlineData("1億2,000万円", 120_000_000, false)]
    [InlineData("33,000千円", 33_000_000, false)]
    [InlineData("1.5万円", 15_000, false)]
    [InlineData("３３，０００，０００", 33_000_000, false)]
    [InlineData("およそ 30 万円", 300_000, true)]
    [InlineData("３千万円", 30_000_000, false)]
    [InlineData("1億2千万円", 120_000_000, false)]
    [InlineData("約1.5千万円", 15_000_000, true)]
    public void TryParse_AsPeopleWriteIt_ReadsTheNumber(string input, long expected, bool approx)
    {
        Assert.True(JapaneseAmount.TryParse(input, out var a));
        Assert.Equal(expected, a.Value);
        Assert.Equal(approx, a.Approximate);
    }

    [Theory]
    [InlineData("万")]
    [InlineData("3万万")]
    [InlineData("1.23456円")]
    [InlineData("三万")]
    [InlineData("約")]
    public void TryParse_NotAnAmount_Fails(string input) => Assert.False(JapaneseAmount.TryParse(input, out _));

    [Theory]
    [InlineData("月額２７万３８００円", PostedPayUnit.Month, "27万3800円")]
    [InlineData("年額1,140万円", PostedPayUnit.Year, "1,140万円")]
    [InlineData("報酬：年額 約1,140万円", PostedPayUnit.Year, "約1,140万円")]
    [InlineData("時給3,000円", PostedPayUnit.Hour, "3,000円")]
    [InlineData("時間額 3,000円", PostedPayUnit.Hour, "3,000円")]
    [InlineData("日額 ３万円", PostedPayUnit.Day, "3万円")]
    [InlineData("契約総額33,000,000円", PostedPayUnit.ContractTotal, "33,000,000円")]
    public void LeadingUnit_AsNoticesWriteIt_TheUnitAndTheAmountAfterIt(string input, PostedPayUnit unit, string rest)
    {
        Assert.Equal(unit, JapaneseAmount.LeadingUnit(input, out var after));
        Assert.Equal(rest, after);
        Assert.True(JapaneseAmount.TryParse(after, out _));
    }

    [Theory]
    [InlineData("27万3,800円")]
    [InlineData("約1,140万円")]
    [InlineData("")]
    [InlineData(null)]
    public void LeadingUnit_None_LeavesTheTextAsItIs(string? input)
    {
        Assert.Null(JapaneseAmount.LeadingUnit(input, out var after));
        Assert.Equal(input, after);
    }

    [Theory]
    [InlineData("99999999999999999999", true)]
    [InlineData("１０００００００００００００００００００円", true)]
    [InlineData("9,999,999,999,999,999", false)]
    [InlineData("三万", false)]
    public void IsTooLarge_OnlyForAnAmountBeyondTheReader(string input, bool tooLarge)
    {
        Assert.Equal(tooLarge, JapaneseAmount.IsTooLarge(input));
        if (tooLarge) Assert.False(JapaneseAmount.TryParse(input, out _));
    }

    [Fact]
    public void TryParseYen_ManUnitsAcceptedButApproximateRefused()
    {
        Assert.True(JapaneseText.TryParseYen("27万3,800円", out var v));
        Assert.Equal(273_800, v);
        Assert.False(JapaneseText.TryParseYen("約27万円", out _));
    }

    [Theory]
    [InlineData("6", 6, false)]
    [InlineData("約6か月", 6, true)]
    [InlineData("６ヶ月程度", 6, true)]
    [InlineData("1年", 12, false)]
    [InlineData("2年6か月", 30, false)]
    [InlineData("1.5年", 18, false)]
    [InlineData("3年間", 36, false)]
    public void TryParseMonths_TermsAsWritten_ReadsMonths(string input, long expected, bool approx)
    {
        Assert.True(JapaneseAmount.TryParseMonths(input, out var m));
        Assert.Equal(expected, m.Value);
        Assert.Equal(approx, m.Approximate);
    }

    [Theory]
    [InlineData("1.3年")]
    [InlineData("6か月3")]
    [InlineData("-2")]
    public void TryParseMonths_NotATerm_Fails(string input) => Assert.False(JapaneseAmount.TryParseMonths(input, out _));

    [Fact]
    public void ComputeRange_UnstatedPartTimeLoad_SpansOneToThreeDays()
    {
        // 大洲市 273,800円/month at 1–3 days: 273,800×12/(3×48) = 22,817; /(1×48) = 68,450.
        var r = ComparablePay.ComputeRange(new PostedPay(273_800, PostedPayUnit.Month, 2, 6), ComparablePay.PlausibleWorkload("part_time_appointee"));
        Assert.Equal(22_817, r.LowYen);
        Assert.Equal(68_450, r.HighYen);
    }

    [Fact]
    public void CallEquivalent_Maibara_SpansOnsiteDayToFullWeek()
    {
        // 33,000,000円 excl. tax over 36 months = 11,000,000 a year; 1 day a week: /48 = 229,167; 5 days: /240 = 45,833.
        var r = ComparablePay.CallEquivalent(33_000_000, false, 36, 1);
        Assert.Equal(45_833, r.LowYen);
        Assert.Equal(229_167, r.HighYen);
    }
}
