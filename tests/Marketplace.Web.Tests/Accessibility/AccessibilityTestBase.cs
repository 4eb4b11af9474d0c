using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Accessibility;

/// <summary>
/// JIS X 8341-3 / WCAG 2.0 AA: pages opened in Debian's Chromium, as each kind of user and in both languages, have no
/// axe violations of the WCAG 2.0 A and AA rules (labels, contrast, headings, landmarks, lang...). The checks are
/// split into classes by area, each with its own app and browser, so that they run side by side.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
public abstract class AccessibilityTestBase(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    protected KestrelMarketplaceFactory App => fixture.App;

    protected ITestOutputHelper Output => output;

    /// <summary>A new Japanese-language page, signed in as <paramref name="email"/> when given.</summary>
    protected Task<IPage> PageAsync(string? email = null) => BrowserSession.PageAsync(fixture.Browser!, App.BaseUrl, email, output);

    /// <summary>The violations on the page as it is now, each named with <paramref name="what"/>.</summary>
    protected static Task<List<string>> ViolationsOnAsync(IPage page, string what) => BrowserSession.Wcag2AaViolationsAsync(page, what);

    /// <summary>Opens <paramref name="path"/> (which must answer 200, or 404 for the missing-page check) and checks it.</summary>
    protected async Task<List<string>> ViolationsAtAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(App.BaseUrl + path);
        Assert.True(response!.Ok || path == "/no-such-page" && response.Status == 404, $"{path} answered {response.Status}");
        return await ViolationsOnAsync(page, path);
    }

    protected void AssertNone(List<string> violations)
    {
        foreach (var v in violations) output.WriteLine(v);
        Assert.Empty(violations);
    }

    /// <summary>Every path, opened one after another by one person (anonymous when <paramref name="email"/> is null).</summary>
    protected async Task AssertAccessibleAsync(string? email, params string[] paths)
    {
        var page = await PageAsync(email);
        var violations = new List<string>();
        foreach (var path in paths) violations.AddRange(await ViolationsAtAsync(page, path));
        AssertNone(violations);
    }

    /// <summary>A form sent with one wrong value: the error summary shows and the page is still accessible.</summary>
    protected async Task AssertFormWithErrorsAccessibleAsync(string email, string path, string field, string value)
    {
        var page = await PageAsync(email);
        await page.GotoAsync(App.BaseUrl + path);
        await page.FillAsync(field, value);
        await page.ClickAsync("form[method=post] button.primary >> nth=-1");
        await page.WaitForLoadStateAsync();
        Assert.Contains("入力内容を確認してください", await page.ContentAsync());
        AssertNone(await ViolationsOnAsync(page, $"{path} with errors"));
    }

    protected Task<int> IdOfAsync(string title) => App.WithDbAsync(db => db.Openings.Where(o => o.Title == title).Select(o => o.Id).SingleAsync());
}
