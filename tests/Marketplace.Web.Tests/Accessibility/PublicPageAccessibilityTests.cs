using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Accessibility;

/// <summary>Public pages, search and saved searches, and the keyboard path to the content.</summary>
public sealed class PublicPageAccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : AccessibilityTestBase(fixture, output)
{
    /// <summary>A saved search of the person, so their list shows a row with its forms.</summary>
    internal static Task<int> SaveSearchForAsync(MarketplaceFactory app, string email, string name, string query) => app.WithDbAsync(async db =>
    {
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        db.SavedSearches.Add(new Marketplace.Data.Entities.SavedSearch
        {
            UserId = userId, Name = name, Query = query, AlertsSince = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        });
        return await db.SaveChangesAsync();
    });

    [ChromiumFact]
    public async Task PublicPages_NoWcag2AaViolations()
    {
        var osaka = await IdOfAsync("スマートシティ戦略部副理事（CIO補佐官）");
        var notice = await App.WithDbAsync(db => db.Openings.Where(o => o.Id == osaka).Select(o => o.NoticeId).SingleAsync());
        await AssertAccessibleAsync(null,
            "/", "/openings", "/openings?q=%E8%A3%9C%E4%BD%90&sort=day_rate&min_day_rate=abc", $"/openings/{osaka}", $"/notices/{notice}",
            "/account/login", "/account/register", "/account/register-staff", "/openings?culture=en", $"/openings/{osaka}?culture=en", "/no-such-page",
            "/help", "/help/comparable-pay", "/help/request-dispatch?culture=en");
    }

    [ChromiumFact]
    public async Task PayBenchmark_NoWcag2AaViolations()
    {
        // The chart (SVG with its figures in words), the table with a hidden small group, the English page, the drill-downs.
        await AssertAccessibleAsync(null, "/pay-benchmark", "/pay-benchmark?culture=en", "/pay-benchmark?role=cio_advisor&by=band",
            "/pay-benchmark?engagement=outsourced&by=role", "/pay-benchmark?role=cdo&engagement=fixed_term_staff&band=upto1");
    }

    [ChromiumFact]
    public async Task SearchAndSavedSearchPages_NoWcag2AaViolations()
    {
        await SaveSearchForAsync(App, WebClientExtensions.Expert, "大洲市の補佐官", "?q=%E8%A3%9C%E4%BD%90&prefecture=38");
        await SaveSearchForAsync(App, WebClientExtensions.Vendor, "滋賀県の公募", "?prefecture=25&kind=call");
        await AssertAccessibleAsync(null, "/openings?status=closed", "/openings?status=awarded&kind=call");
        await AssertAccessibleAsync(WebClientExtensions.Expert, "/openings?prefecture=38", "/saved-searches", "/saved-searches?culture=en");
        await AssertAccessibleAsync(WebClientExtensions.Vendor, "/openings?kind=call", "/saved-searches");
    }

    [ChromiumFact]
    public async Task AxeCheck_ReportsViolationsOfAPageThatHasThem()
    {
        // The check itself can fail: an unlabelled field, an image without a text alternative and grey on white.
        var page = await PageAsync();
        await page.SetContentAsync("""
            <!doctype html><html lang="ja"><head><title>違反の例</title></head><body><main><h1>違反の例</h1>
            <input type="text" id="unlabelled"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
            <p style="color:#cccccc;background:#ffffff">薄い文字</p></main></body></html>
            """);
        var violations = string.Join("\n", await ViolationsOnAsync(page, "example"));
        Assert.Contains("example: label (critical)", violations);
        Assert.Contains("#unlabelled", violations);
        Assert.Contains("example: image-alt (critical)", violations);
        Assert.Contains("example: color-contrast (serious)", violations);
    }

    [ChromiumFact]
    public async Task Keyboard_FirstTab_ReachesSkipLinkWhichMovesToMain()
    {
        var page = await PageAsync();
        await page.GotoAsync(App.BaseUrl + "/openings");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await page.EvaluateAsync<string>("document.activeElement.className"));
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#main", page.Url);
    }
}
