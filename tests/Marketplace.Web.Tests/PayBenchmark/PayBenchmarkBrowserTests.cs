using System.Text.Json;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.PayBenchmark;

/// <summary>The opening form's pay benchmark sentence follows what staff type, without a post (wwwroot/js/pay-benchmark.js).</summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
public sealed class PayBenchmarkBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task OpeningForm_Typing_UpdatesThePosition()
    {
        var page = await BrowserSession.PageAsync(fixture.Browser!, fixture.App.BaseUrl, WebClientExtensions.OzuStaff, output);
        await page.GotoAsync(fixture.App.BaseUrl + "/manage/openings/new");
        var hint = page.Locator("#pay-benchmark");
        var before = await hint.TextContentAsync();
        Assert.Contains("入力すると", before);

        await page.SelectOptionAsync("#Input_RoleCode", "cio_advisor");
        await page.SelectOptionAsync("#Input_EngagementCode", "part_time_appointee");
        await page.SelectOptionAsync("#Input_PayUnit", "Month");
        await page.FillAsync("#Input_DaysPerWeek", "1");
        await page.FillAsync("#Input_PayAmount", "27万3,800円");

        // What the page shows is what the API says for the same fields (the demo data decides the figures).
        var query = "/api/pay-benchmark/position?role=cio_advisor&engagement=part_time_appointee&payUnit=Month&daysPerWeek=1&payAmount=" + Uri.EscapeDataString("27万3,800円");
        var expected = JsonDocument.Parse(await fixture.App.NewClient().GetStringAsync(query)).RootElement.GetProperty("text").GetString()!;
        Assert.NotEqual(before, expected);
        await Assertions.Expect(hint).ToHaveTextAsync(expected, new() { Timeout = 15_000 });

        // Ticking "pay not stated" takes the comparison away again.
        await page.CheckAsync("#Input_PayNotStated");
        await Assertions.Expect(hint).ToHaveTextAsync(before!, new() { Timeout = 15_000 });
    }
}
