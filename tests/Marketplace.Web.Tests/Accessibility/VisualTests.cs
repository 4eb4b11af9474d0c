using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Accessibility;

/// <summary>
/// What a person sees: one page of each kind opened in Chromium has the stylesheet applied (computed styles equal
/// the design tokens), no request of the page failed, and a full-page screenshot is saved under the test output
/// (<c>bin/.../screenshots</c>, and in <c>MARKETPLACE_SCREENSHOTS</c> when set, as <c>.ci/run</c> does).
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
public sealed class VisualTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>Where staff land after signing in: their dashboard of what waits for them.</summary>
    public const string StaffLandingPath = "/dashboard";

    /// <summary>The design system's blue-900 (header) and the body text colour, as computed styles report them.</summary>
    private const string HeaderBackground = "rgb(0, 23, 193)";
    private const string BodyText = "rgb(26, 26, 26)";

    private string BaseUrl => fixture.App.BaseUrl;

    /// <summary>A page that records every failed request and every subresource answered with an error.</summary>
    private async Task<(IPage Page, List<string> Failures)> OpenAsync(string? email)
    {
        var page = await BrowserSession.PageAsync(fixture.Browser!, BaseUrl, email, output);
        var failures = new List<string>();
        page.RequestFailed += (_, r) => failures.Add($"{r.Method} {r.Url} failed: {r.Failure}");
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && r.Request.ResourceType != "document") failures.Add($"{r.Request.Method} {r.Url} answered {r.Status}");
        };
        return (page, failures);
    }

    /// <summary>Asserts the stylesheet applied and nothing failed, then saves the full-page screenshot.</summary>
    private async Task AssertStyledAsync(IPage page, List<string> failures, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var style = await page.EvaluateAsync<string[]>(@"() => {
            const h = getComputedStyle(document.querySelector('header.site-header'));
            const b = getComputedStyle(document.body);
            const m = getComputedStyle(document.querySelector('main'));
            return [h.backgroundColor, b.color, getComputedStyle(document.documentElement).getPropertyValue('--color-primitive-blue-900').trim(), m.maxWidth];
        }");
        var file = await ScreenshotAsync(page, name);
        output.WriteLine($"{name}: {page.Url} -> {file}");
        foreach (var f in failures) output.WriteLine(f);
        Assert.Equal(HeaderBackground, style[0]);
        Assert.Equal(BodyText, style[1]);
        Assert.Equal("#0017c1", style[2]);
        Assert.NotEqual("none", style[3]);
        Assert.Empty(failures);
    }

    private static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var folders = new List<string> { Path.Combine(AppContext.BaseDirectory, "screenshots") };
        if (Environment.GetEnvironmentVariable("MARKETPLACE_SCREENSHOTS") is { Length: > 0 } extra) folders.Add(extra);
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Type = ScreenshotType.Png });
        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, name + ".png"), bytes);
        }
        return Path.Combine(folders[^1], name + ".png");
    }

    private async Task VisitAsync(string? email, string path, string name)
    {
        var (page, failures) = await OpenAsync(email);
        var response = await page.GotoAsync(BaseUrl + path);
        Assert.True(response!.Ok, $"{path} answered {response.Status}");
        await AssertStyledAsync(page, failures, name);
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public Task PublicSearch_Styled() => VisitAsync(null, "/openings", "public-search");

    [ChromiumFact]
    public async Task OpeningPage_Styled()
    {
        var id = await fixture.App.WithDbAsync(db => db.Openings.Where(o => o.Title == "スマートシティ戦略部副理事（CIO補佐官）").Select(o => o.Id).SingleAsync());
        await VisitAsync(null, $"/openings/{id}", "opening");
    }

    [ChromiumFact]
    public async Task CallPage_Styled()
    {
        var id = await fixture.App.WithDbAsync(db => db.ProposalCalls.Where(c => c.Title == "米原市CIO支援業務委託 公募型プロポーザル").Select(c => c.Id).SingleAsync());
        await VisitAsync(null, $"/calls/{id}", "call");
    }

    [ChromiumFact]
    public Task StaffDashboard_Styled() => VisitAsync(WebClientExtensions.OsakaStaff, StaffLandingPath, "staff-dashboard");

    [ChromiumFact]
    public async Task FormWithErrors_Styled()
    {
        var (page, failures) = await OpenAsync(WebClientExtensions.OsakaStaff);
        await page.GotoAsync(BaseUrl + "/manage/openings/new");
        await page.ClickAsync("form[method=post] button.primary >> nth=-1");
        await page.WaitForLoadStateAsync();
        Assert.Contains("入力内容を確認してください", await page.ContentAsync());
        await AssertStyledAsync(page, failures, "form-with-errors");
        // The error summary and the fields' messages wear the design system's error colour.
        var colours = await page.EvaluateAsync<string[]>(
            "() => [getComputedStyle(document.querySelector('.error-summary')).borderTopColor, getComputedStyle(document.querySelector('.field-error')).color]");
        Assert.Equal(["rgb(206, 0, 0)", "rgb(206, 0, 0)"], colours);
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task SavedSearches_Styled()
    {
        await Accessibility.PublicPageAccessibilityTests.SaveSearchForAsync(fixture.App, WebClientExtensions.Vendor, "滋賀県の公募", "?prefecture=25&kind=call");
        await VisitAsync(WebClientExtensions.Vendor, "/saved-searches", "saved-searches");
    }

    [ChromiumFact]
    public Task DispatchDashboard_Styled() => VisitAsync(WebClientExtensions.Office, "/admin/dispatch/dashboard", "dispatch-dashboard");

    [ChromiumFact]
    public async Task CasePage_Styled()
    {
        var id = await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Title.StartsWith("県が主導した共同RFI")).Select(c => c.Id).SingleAsync());
        await VisitAsync(WebClientExtensions.OzuStaff, $"/cases/{id}", "case");
    }

    [ChromiumFact]
    public Task TwoFactorEnable_Styled() => VisitAsync(WebClientExtensions.Expert, "/account/two-factor/enable", "two-factor-enable");

    [ChromiumFact]
    public Task TwoFactorReset_Styled() => VisitAsync(WebClientExtensions.Office, "/admin/two-factor?q=demo", "two-factor-office-reset");

    [ChromiumFact]
    public async Task TwoFactorSignIn_Styled()
    {
        var (page, failures) = await OpenAsync(null);
        await page.GotoAsync(BaseUrl + "/account/login");
        await page.FillAsync("#Input_Email", WebClientExtensions.OzuStaff);
        await page.FillAsync("#Input_Password", Marketplace.Web.Features.Seeding.DemoDataSeeder.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/account/two-factor/sign-in"));
        await AssertStyledAsync(page, failures, "two-factor-sign-in");
        await page.Context.CloseAsync();
    }
}
