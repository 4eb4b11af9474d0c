using Marketplace.Matching.Text;

namespace Marketplace.Matching.Tests.Text;

public class JapaneseTextTests
{
    [Theory]
    [InlineData("１１，４００，０００", 11_400_000)]
    [InlineData("273,800円", 273_800)]
    [InlineData(" ２７３８００ 円", 273_800)]
    [InlineData("¥5000", 5_000)]
    [InlineData("-100", -100)]
    public void TryParseYen_FullWidthAndSeparators_Parses(string input, long expected)
    {
        Assert.True(JapaneseText.TryParseYen(input, out var v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12.5")]
    [InlineData("1e9")]
    [InlineData("99999999999999999999")]
    public void TryParseYen_NotAWholeAmount_Fails(string input)
    {
        Assert.False(JapaneseText.TryParseYen(input, out _));
    }

    [Fact]
    public void Normalize_FullWidthLatin_FoldsToLowerAscii()
    {
        Assert.Equal("dx推進", JapaneseText.Normalize("ＤＸ推進"));
        Assert.Equal("ｶﾀｶﾅ".Normalize(System.Text.NormalizationForm.FormKC), JapaneseText.Normalize("ｶﾀｶﾅ"));
        Assert.Equal("カタカナ", JapaneseText.Normalize("ｶﾀｶﾅ"));
    }

    [Fact]
    public void SearchTerms_FullWidthSpace_Splits()
    {
        Assert.Equal(["cio", "補佐"], JapaneseText.SearchTerms("ＣＩＯ　補佐"));
    }

    [Fact]
    public void TryParseDecimal_FullWidth_Parses()
    {
        Assert.True(JapaneseText.TryParseDecimal("２．５", out var v));
        Assert.Equal(2.5, v);
    }
}
