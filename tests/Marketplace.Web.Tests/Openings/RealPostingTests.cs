using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Openings;

/// <summary>The real postings of domain.md appear with every term, pay and remote detail and their day rates.</summary>
[Collection(WebCollection.Name)]
public class RealPostingTests(MarketplaceFactory factory)
{
    private async Task<string> PageOfAsync(string title, string culture = "ja")
    {
        var id = await factory.WithDbAsync(db => db.Openings.Where(o => o.Title == title).Select(o => o.Id).SingleAsync());
        return await factory.NewClient().GetStringAsync($"/openings/{id}?culture={culture}");
    }

    [Fact]
    public async Task Osaka_DetailPage_ShowsEveryDetail()
    {
        var html = await PageOfAsync("スマートシティ戦略部副理事（CIO補佐官）");
        foreach (var expected in new[]
                 {
                     "大阪府", "次長級", "年額 11,400,000円", "地域手当、期末手当", "47,500円", "任期付職員",
                     "初回の任期 1年、通算3年まで更新可", "週5日", "テレワーク不可", "令和",
                 })
        {
            Assert.Contains(expected, html);
        }
    }

    [Fact]
    public async Task Ozu_DetailPage_ShowsEveryDetail()
    {
        var html = await PageOfAsync("CDO補佐官（デジタル変革推進）");
        foreach (var expected in new[]
                 {
                     "大洲市", "月額 273,800円", "34,225円", "特別職非常勤職員・委嘱", "<dd class=\"commuting\">支給なし</dd>",
                     "初回の任期 6か月、更新回数の上限なし", "週2日", "月1日", "<dd class=\"remote\">テレワーク可</dd>",
                     "DX推進本部会議への参画", "情報セキュリティポリシーの見直し", "官民共創の推進",
                 })
        {
            Assert.Contains(expected, html);
        }
    }

    [Fact]
    public async Task Ozu_InEnglish_ShowsEnglishLabelsAndTheSameFigures()
    {
        var html = await PageOfAsync("CDO補佐官（デジタル変革推進）", "en");
        Assert.Contains("¥34,225", html);
        Assert.Contains("First term 6 months, renewable without limit", html);
        Assert.Contains("Not paid", html);
    }
}
