using Marketplace.Matching.Codes;

namespace Marketplace.Matching.Tests.Codes;

public class CodeTests
{
    [Theory]
    [InlineData("130001")] // 東京都
    [InlineData("131016")] // 千代田区
    [InlineData("011002")] // 札幌市
    [InlineData("270008")] // 大阪府
    public void Check_KnownCodes_AreValid(string code)
    {
        Assert.Equal(CodeCheck.Valid, LocalGovernmentCode.Check(code));
    }

    [Theory]
    [InlineData("130002", CodeCheck.WrongCheckDigit)]
    [InlineData("131015", CodeCheck.WrongCheckDigit)]
    [InlineData("13000", CodeCheck.NotSixDigits)]
    [InlineData("１３０００１", CodeCheck.NotSixDigits)]
    [InlineData("480006", CodeCheck.UnknownPrefecture)]
    public void Check_BadCodes_SaysWhy(string code, CodeCheck expected)
    {
        Assert.Equal(expected, LocalGovernmentCode.Check(code));
    }

    [Fact]
    public void ForPrefecture_Tokyo_Is130001()
    {
        Assert.Equal("130001", LocalGovernmentCode.ForPrefecture("13"));
        Assert.True(LocalGovernmentCode.IsPrefectureBody("130001"));
        Assert.False(LocalGovernmentCode.IsPrefectureBody("131016"));
    }

    [Theory]
    [InlineData("7000012050002", true)]  // 国税庁
    [InlineData("1180301018771", true)]  // トヨタ自動車
    [InlineData("2180301018771", false)]
    [InlineData("118030101877", false)]
    public void CorporateNumber_IsValid_ChecksDigit(string number, bool valid)
    {
        Assert.Equal(valid, CorporateNumber.IsValid(number));
    }
}
