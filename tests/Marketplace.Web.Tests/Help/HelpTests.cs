using System.Net;
using Marketplace.Matching.Pay;
using Marketplace.Web.Features.Help;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Help;

/// <summary>The help pages for each group in both languages, robots.txt and the favicon.</summary>
[Collection(WebCollection.Name)]
public sealed class HelpTests(MarketplaceFactory factory)
{
    public static TheoryData<string, string, string> Topics => new()
    {
        { "post-opening", "募集の作成と公開のしかた", "How to post an opening" },
        { "apply", "募集への応募のしかた", "How to apply for an opening" },
        { "answer-call", "公募型プロポーザルへの参加のしかた", "How to answer a call for proposals" },
        { "request-dispatch", "認定CIOの派遣の申請のしかた", "How to request a certified CIO" },
        { "comparable-pay", "報酬の比較のしかた", "How pay is made comparable" },
    };

    [Theory]
    [MemberData(nameof(Topics))]
    public async Task HelpTopic_RendersInJapaneseAndEnglish_WithItsSteps(string slug, string ja, string en)
    {
        var client = factory.NewClient();
        var japanese = await client.GetStringAsync($"/help/{slug}");
        var english = await client.GetStringAsync($"/help/{slug}?culture=en");
        Assert.Contains($"<h1>{ja}</h1>", japanese);
        Assert.Contains($"<h1>{en}</h1>", english);
        Assert.Contains("lang=\"ja\"", japanese);
        Assert.Contains("lang=\"en\"", english);
        foreach (var html in new[] { japanese, english })
        {
            Assert.Contains("<article class=\"help-body\">", html);
            Assert.DoesNotContain("{{", html);
            Assert.True(html.Contains("<ol class=\"step-indicator\">") || slug == "comparable-pay", $"{slug} shows no steps");
        }
        Assert.Contains("ヘルプの一覧に戻る", japanese);
        Assert.Contains("Back to help", english);
    }

    [Fact]
    public async Task ComparablePayHelp_ShowsTheFormulasAndExamplesComputedByTheSiteFormula()
    {
        var client = factory.NewClient();
        var ja = await client.GetStringAsync("/help/comparable-pay");
        var en = await client.GetStringAsync("/help/comparable-pay?culture=en");
        var osaka = ComparablePay.Compute(new PostedPay(11_400_000, PostedPayUnit.Year, 5, 12));
        var ozu = ComparablePay.Compute(new PostedPay(273_800, PostedPayUnit.Month, 2, 12));
        Assert.Equal(47_500, osaka.DayRateYen);
        Assert.Equal(34_225, ozu.DayRateYen);
        Assert.Contains("日額 47,500円", ja);
        Assert.Contains("日額 34,225円", ja);
        Assert.Contains("day rate ¥47,500", en);
        Assert.Contains($"年額換算 {ozu.AnnualEquivalentYen:N0}円", ja);
        Assert.Contains("年額 ÷ (週の勤務日数 × 48)", ja);
        Assert.Contains("hourly pay × 7.75", en);
        Assert.Contains("<table>", ja);
    }

    [Fact]
    public void HelpPlaceholders_UnknownOne_IsRefusedNotShown() =>
        Assert.Throws<FormatException>(() => HelpLibrary.Render("{{salary}}", english: false));

    [Fact]
    public async Task HelpIndex_ListsEveryGroup_AndEveryPageLinksIt()
    {
        var client = factory.NewClient();
        var index = await client.GetStringAsync("/help");
        foreach (var topic in HelpTopics.All) Assert.Contains($"href=\"/help/{topic.Slug}\"", index);
        foreach (var group in new[] { "地方公共団体の職員の方", "専門人材の方", "事業者の方", "派遣を受けたい地方公共団体の方" }) Assert.Contains(group, index);
        // The header links the help index and the footer each page, on any page.
        var openings = await client.GetStringAsync("/openings");
        Assert.Contains("href=\"/help\"", openings);
        foreach (var topic in HelpTopics.All) Assert.Contains($"href=\"/help/{topic.Slug}\"", openings);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/help/no-such-topic")).StatusCode);
    }

    [Fact]
    public async Task RobotsTxt_KeepsPrivatePathsOut_AndLetsPublicPagesIn()
    {
        var response = await factory.NewClient().GetAsync("/robots.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var rules = (await response.Content.ReadAsStringAsync()).Split('\n').Select(l => l.Trim()).ToList();
        var disallowed = rules.Where(l => l.StartsWith("Disallow:")).Select(l => l["Disallow:".Length..].Trim()).ToList();
        foreach (var path in new[] { "/manage", "/admin", "/account", "/api" }) Assert.Contains(path, disallowed);
        foreach (var path in new[] { "/openings", "/openings/1", "/calls/1", "/dispatch-results", "/help/apply", "/" })
            Assert.DoesNotContain(disallowed, d => d.Length > 0 && path.StartsWith(d));
    }

    [Fact]
    public async Task Favicon_SvgAndIcoFallback_LinkedAndServed()
    {
        var client = factory.NewClient();
        var html = await client.GetStringAsync("/");
        // The layout may link the fingerprinted copies (favicon.<hash>.svg); each link must answer with its type.
        var svgHref = System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"icon\" href=\"(/favicon[^\"]*\\.svg)\" type=\"image/svg\\+xml\"");
        var icoHref = System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"icon\" href=\"(/favicon[^\"]*\\.ico)\"");
        Assert.True(svgHref.Success && icoHref.Success, "the layout links no SVG favicon with an .ico fallback");
        var svg = await client.GetAsync(svgHref.Groups[1].Value);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());
        Assert.Equal(await client.GetByteArrayAsync("/favicon.ico"), await client.GetByteArrayAsync(icoHref.Groups[1].Value));
        var ico = await client.GetByteArrayAsync("/favicon.ico");
        Assert.Equal(new byte[] { 0, 0, 1, 0, 1, 0 }, ico[..6]); // an icon file with one image
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, ico[22..26]); // a 32x32 PNG inside
    }
}
