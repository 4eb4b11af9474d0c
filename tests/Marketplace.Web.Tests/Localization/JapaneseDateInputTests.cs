using Marketplace.Web.Features.Openings;
using Marketplace.Web.Localization;

namespace Marketplace.Web.Tests.Localization;

/// <summary>Dates and deadlines typed as notices write them (helper review, stop 32: the era and 17時 were refused).</summary>
public class JapaneseDateInputTests
{
    [Theory]
    [InlineData("2027-04-01", 2027, 4, 1)]
    [InlineData("２０２７年４月１日", 2027, 4, 1)]
    [InlineData("令和9年4月1日", 2027, 4, 1)]
    [InlineData("令和９年４月１日", 2027, 4, 1)]
    [InlineData("令和元年5月1日", 2019, 5, 1)]
    [InlineData("平成31年4月30日", 2019, 4, 30)]
    [InlineData("令和 9年 4月 1日", 2027, 4, 1)]
    public void TryParseDate_AsNoticesWriteIt(string text, int year, int month, int day)
    {
        Assert.True(OpeningService.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("令和9年2月30日")]
    [InlineData("昭和50年1月1日")]
    [InlineData("来月")]
    public void TryParseDate_NotADate_Refused(string text) => Assert.False(OpeningService.TryParseDate(text, out _));

    [Theory]
    [InlineData("2027年1月25日 17時00分", 17, 0)]
    [InlineData("2027年1月25日17時00分", 17, 0)]
    [InlineData("2027年1月25日17時", 17, 0)]
    [InlineData("2027年1月25日 9時30分", 9, 30)]
    [InlineData("令和9年1月25日 17時", 17, 0)]
    [InlineData("2027-01-25T17:00", 17, 0)]
    public void JapanTime_DeadlinesAsNoticesWriteThem(string text, int hour, int minute)
    {
        Assert.True(JapanTime.TryParse(text, out var utc));
        Assert.Equal(new DateTime(2027, 1, 25, hour, minute, 0), DisplayFormatter.ToJst(utc));
    }
}
