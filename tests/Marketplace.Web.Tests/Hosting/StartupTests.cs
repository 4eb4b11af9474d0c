using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Hosting;

[Collection(WebCollection.Name)]
public class StartupTests(MarketplaceFactory factory)
{
    [Fact]
    public async Task Health_AfterStart_Returns200()
    {
        var response = await factory.NewClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HomePage_Default_IsJapaneseWithLatestOpenings()
    {
        var html = await factory.NewClient().GetStringAsync("/");
        Assert.Contains("<html lang=\"ja\">", html);
        Assert.Contains("自治体CIO人材マーケットプレイス", html);
        Assert.Contains("新着の募集", html);
    }

    [Fact]
    public async Task HomePage_EnglishChosen_IsEnglish()
    {
        var html = await factory.NewClient().GetStringAsync("/?culture=en");
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("Latest openings", html);
    }

    [Fact]
    public async Task Seed_Demo_HasPrefecturesRealPostingsAndExperts()
    {
        var (prefectures, orgs, titles, experts) = await factory.WithDbAsync(async db => (
            await db.Prefectures.CountAsync(),
            await db.Organizations.CountAsync(o => o.Kind == OrganizationKind.Prefecture),
            await db.Openings.Select(o => o.Title).ToListAsync(),
            await db.ExpertProfiles.CountAsync()));
        Assert.Equal(47, prefectures);
        Assert.Equal(47, orgs);
        Assert.Contains("スマートシティ戦略部副理事（CIO補佐官）", titles);
        Assert.Contains("CDO補佐官（デジタル変革推進）", titles);
        Assert.True(experts >= 200);
    }

    [Fact]
    public async Task SignIn_DemoStaff_Redirects()
    {
        var client = factory.NewClient();
        var response = await client.SignInAsync(WebClientExtensions.OsakaStaff);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var manage = await client.GetAsync("/manage/openings");
        Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
        Assert.Contains("大阪府", await manage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignOut_LayoutForm_EndsTheSession()
    {
        var client = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var html = await client.GetStringAsync("/openings");
        var form = System.Text.RegularExpressions.Regex.Match(html, "<form method=\"post\" action=\"/account/logout\"[^>]*>(.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(form.Success);
        var token = System.Text.RegularExpressions.Regex.Match(form.Groups[1].Value, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(token.Success, "the sign-out form carries no antiforgery token");
        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token.Groups[1].Value))]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/manage/openings")).StatusCode);
    }
}
