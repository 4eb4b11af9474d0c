using Marketplace.Data.Entities;
using Marketplace.Web.Features.Coverage;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Coverage;

/// <summary>
/// The coverage maps in Chromium: the 47 prefecture shapes are drawn, and every shape's number (its data attribute
/// and its title) is the number in the table beside it, for each measure the office can choose and on the public
/// results. Own app: a published dispatch is added and the clock moved past the round's result date.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
public sealed class CoverageMapTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Ehime = "38";

    /// <summary>An accepted pairing for a request hosted in Ehime (大洲市), once per app.</summary>
    private async Task EnsurePublishedDispatchAsync()
    {
        var app = fixture.App;
        await app.WithDbAsync(async db =>
        {
            if (await db.DispatchProposals.AnyAsync()) return 0;
            var round = await db.DispatchRounds.SingleAsync();
            var ozu = await db.Organizations.Where(o => o.PrefectureCode == Ehime && o.NameJa == "大洲市").Select(o => o.Id).SingleAsync();
            var expert = await db.ExpertProfiles.Where(p => p.CertifiedCio).Select(p => p.Id).FirstAsync();
            var request = new DispatchRequest
            {
                RoundId = round.Id, LeadOrganizationId = ozu, Status = DispatchRequestStatus.Matched, RoleCode = "cio_advisor", Needs = "DX推進",
                DaysPerWeek = 2, TermMonths = 12, CreatedAt = DateTime.UtcNow,
                Hosts = [new DispatchRequestHost { OrganizationId = ozu, IsLead = true, ConfirmedAt = DateTime.UtcNow }],
            };
            db.DispatchRequests.Add(request);
            await db.SaveChangesAsync();
            db.DispatchProposals.Add(new DispatchProposal
            {
                RequestId = request.Id, ExpertProfileId = expert, Status = DispatchProposalStatus.Accepted, RankAtProposal = 1,
                ProposedAt = DateTime.UtcNow, CioAcceptedAt = DateTime.UtcNow, HostAcceptedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return 1;
        });
        var result = await app.WithDbAsync(db => db.DispatchRounds.Select(r => r.ResultDate).SingleAsync());
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(9));
        if (today <= result) app.Clock.Advance(TimeSpan.FromDays(result.DayNumber - today.DayNumber + 1));
    }

    /// <summary>Each prefecture shape as (code, data-count, title), and the table's number for each prefecture code.</summary>
    private static async Task<(List<(string Code, int Count, string Title)> Shapes, Dictionary<string, int> Table)> ReadAsync(IPage page, string map, string table, string measure)
    {
        var shapes = await page.EvaluateAsync<string[][]>($@"() => [...document.querySelectorAll('#{map} svg path[data-prefecture]')]
            .map(p => [p.dataset.prefecture, p.dataset.count, p.querySelector('title').textContent, p.getAttribute('class'), String(p.getBBox().width > 0)])");
        Assert.All(shapes, s => Assert.Equal("true", s[4])); // every shape is drawn with an area
        var rows = await page.EvaluateAsync<string[][]>($@"() => [...document.querySelectorAll('#{table} tbody tr')]
            .map(r => [r.dataset.prefecture, r.querySelector('td[data-measure={measure}]').textContent.trim()])");
        return (shapes.Select(s => (s[0], int.Parse(s[1]), s[2])).ToList(), rows.ToDictionary(r => r[0], r => int.Parse(r[1])));
    }

    [ChromiumFact]
    public async Task OfficeDashboardMap_47Shapes_EachNumberMatchesTheTable_ForEveryMeasure()
    {
        await EnsurePublishedDispatchAsync();
        var page = await BrowserSession.PageAsync(fixture.Browser!, fixture.App.BaseUrl, WebClientExtensions.Office, output);
        var shaded = 0;
        foreach (var measure in new[] { "dispatches", "requests", "openings", "cios" })
        {
            await page.GotoAsync($"{fixture.App.BaseUrl}/admin/dispatch/dashboard?map={measure}");
            Assert.Equal(measure, await page.InputValueAsync("#map"));
            var label = (await page.InnerTextAsync("#map option:checked")).Trim();
            Assert.Contains(label, await page.InnerTextAsync("#coverage-map figcaption"));
            var (shapes, table) = await ReadAsync(page, "coverage-map", "coverage-table", measure);
            Assert.Equal(47, shapes.Select(s => s.Code).Distinct().Count());
            Assert.Equal(47, table.Count);
            foreach (var (code, count, title) in shapes)
            {
                Assert.True(table[code] == count, $"{measure}: prefecture {code} shows {count} on the map and {table[code]} in the table");
                Assert.EndsWith($": {count}", title);
                if (count > 0) shaded++;
            }
            if (measure == "requests") Assert.True(table[Ehime] >= 1, "the added request is not counted in Ehime");
            await File.WriteAllBytesAsync(Path.Combine(ScreenshotFolder(), $"map-{measure}.png"),
                await page.Locator("#coverage-map").ScreenshotAsync());
        }
        Assert.True(shaded > 0, "no prefecture is shaded for any measure");
        // The shade follows the count: a zero is never filled like a counted prefecture.
        var classes = await page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('#coverage-map path')].map(p => [p.dataset.count, p.getAttribute('class')])");
        Assert.All(classes, c => Assert.Equal(c[0] == "0", c[1] == "shade-0"));
        var legend = await page.InnerTextAsync("#coverage-map .map-legend");
        Assert.StartsWith("0", legend.Trim());
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task PublicResultsMap_ShowsPublishedDispatches_AndMatchesTheTable()
    {
        await EnsurePublishedDispatchAsync();
        var page = await BrowserSession.PageAsync(fixture.Browser!, fixture.App.BaseUrl, null, output);
        await page.GotoAsync($"{fixture.App.BaseUrl}/dispatch-results");
        var (shapes, table) = await ReadAsync(page, "results-map", "results-coverage-table", "dispatches");
        Assert.Equal(47, shapes.Count);
        Assert.Equal(1, table[Ehime]);
        foreach (var (code, count, title) in shapes)
        {
            Assert.Equal(table.GetValueOrDefault(code), count);
            Assert.EndsWith($": {count}", title);
        }
        Assert.Equal(new[] { Ehime }, shapes.Where(s => s.Count > 0).Select(s => s.Code));
        Assert.Contains("愛媛県: 1", shapes.Single(s => s.Code == Ehime).Title);
        await File.WriteAllBytesAsync(Path.Combine(ScreenshotFolder(), "dispatch-results.png"), await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true }));
        await page.Context.CloseAsync();
    }

    [Fact]
    public void MapData_47Prefectures_OkinawaInsetInsideTheViewBox()
    {
        var map = new JapanMap(Path.Combine(AppContext.BaseDirectory, "seed", "japan-map.json"));
        Assert.Equal(47, map.Prefectures.Count);
        Assert.Equal(Enumerable.Range(1, 47).Select(i => i.ToString("00")), map.Prefectures.Select(p => p.Code));
        Assert.All(map.Prefectures, p => Assert.StartsWith("M", p.PathData));
        var box = map.ViewBox.Split(' ').Select(double.Parse).ToArray();
        var frame = map.InsetFrame;
        Assert.True(frame.X >= box[0] && frame.Y >= box[1] && frame.X + frame.Width <= box[0] + box[2] && frame.Y + frame.Height <= box[1] + box[3]);
        Assert.Contains("CC BY 4.0", map.Licence);
    }

    [Fact]
    public void Shading_ZeroAlone_FourStepsUpToTheLargest_LegendCoversEveryCount()
    {
        var shading = new MapShading(7);
        Assert.Equal(0, shading.Shade(0));
        Assert.Equal(1, shading.Shade(1));
        Assert.Equal(4, shading.Shade(7));
        var legend = shading.Legend();
        for (var count = 0; count <= 7; count++)
            Assert.Single(legend, l => l.From <= count && count <= l.To && l.Shade == shading.Shade(count));
        Assert.Equal([(0, 0, 0), (4, 1, 1)], new MapShading(1).Legend()); // one is the largest: darkest
    }

    private static string ScreenshotFolder()
    {
        var folder = Environment.GetEnvironmentVariable("MARKETPLACE_SCREENSHOTS") is { Length: > 0 } extra ? extra : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
