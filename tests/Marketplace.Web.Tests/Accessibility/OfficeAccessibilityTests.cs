using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Accessibility;

/// <summary>The national office, experts, the dispatch programme and the second factor.</summary>
public sealed class OfficeAccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : AccessibilityTestBase(fixture, output)
{
    [ChromiumFact]
    public async Task OfficeAndExpertPages_NoWcag2AaViolations()
    {
        await AssertAccessibleAsync(WebClientExtensions.Office, "/admin/organizations", "/admin/organizations/import", "/admin/staff-requests", "/admin/staff-requests?email=confirmed", "/admin/matching", "/admin/outbox", "/dashboard");
        await AssertAccessibleAsync(WebClientExtensions.Expert, "/applications", "/applications?stage=applied", "/account/data", "/recommendations", "/recommendations?remote=true", "/profile", "/profile/edit", "/recommendations?culture=en", "/dashboard",
            "/account/notifications", "/account/notifications?culture=en");
    }

    [ChromiumFact]
    public async Task DispatchPages_NoWcag2AaViolations()
    {
        var round = await App.WithDbAsync(db => db.DispatchRounds.Select(r => r.Id).SingleAsync());
        var application = await App.WithDbAsync(db => db.CertificationApplications.Select(a => a.Id).FirstAsync());
        await AssertAccessibleAsync(WebClientExtensions.Office, "/admin/dispatch", "/admin/dispatch/rounds/new", $"/admin/dispatch/rounds/{round}",
            $"/admin/dispatch/rounds/{round}/edit", "/admin/dispatch/certifications", $"/admin/dispatch/certifications/{application}",
            "/admin/dispatch/claims", "/admin/dispatch/dashboard", "/admin/dispatch/dashboard?culture=en");
        await AssertAccessibleAsync(WebClientExtensions.OzuStaff, "/manage/dispatch", "/manage/dispatch/readiness", "/manage/dispatch/requests/new", "/manage/dispatch/claims");
        await AssertAccessibleAsync(WebClientExtensions.Expert, "/dispatch", "/dispatch/certification");
        await AssertAccessibleAsync(null, "/dispatch-results", "/dispatch-results?prefecture=38");
    }

    [ChromiumFact]
    public async Task DispatchRoundFormWithErrors_NoWcag2AaViolations()
    {
        await AssertFormWithErrorsAccessibleAsync(WebClientExtensions.Office, "/admin/dispatch/rounds/new", "#Input_BandRate_0_", "120");
    }

    [ChromiumFact]
    public async Task TwoFactorPages_NoWcag2AaViolations()
    {
        // The second sign-in step as it first shows, with an error, and with a recovery code instead.
        var page = await PageAsync();
        await page.GotoAsync(App.BaseUrl + "/account/login");
        await page.FillAsync("#Input_Email", WebClientExtensions.Office);
        await page.FillAsync("#Input_Password", Marketplace.Web.Features.Seeding.DemoDataSeeder.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/account/two-factor/sign-in"));
        var violations = new List<string>(await ViolationsOnAsync(page, "second step"));
        await page.FillAsync("#Code", "12345");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForLoadStateAsync();
        Assert.Contains("コードは6桁の数字で入力してください", await page.ContentAsync());
        violations.AddRange(await ViolationsOnAsync(page, "second step with an error"));
        violations.AddRange(await ViolationsAtAsync(page, "/account/two-factor/sign-in?recovery=true"));

        // The enable page with a wrong code, and the office's reset confirmation (not confirmed).
        var expert = await PageAsync(WebClientExtensions.Expert);
        await expert.GotoAsync(App.BaseUrl + "/account/two-factor/enable");
        await expert.FillAsync("#Code", "1");
        await expert.ClickAsync("main button[type=submit]");
        await expert.WaitForLoadStateAsync();
        Assert.Contains("コードは6桁の数字で入力してください", await expert.ContentAsync());
        violations.AddRange(await ViolationsOnAsync(expert, "enable with an error"));
        var office = await PageAsync(WebClientExtensions.Office);
        await office.GotoAsync(App.BaseUrl + "/admin/two-factor?q=" + Uri.EscapeDataString(WebClientExtensions.OsakaStaff));
        await office.ClickAsync("main table button.link-button");
        await office.WaitForSelectorAsync("#confirm-form");
        violations.AddRange(await ViolationsOnAsync(office, "office reset confirmation"));
        AssertNone(violations);

        await AssertAccessibleAsync(WebClientExtensions.Office, "/account/two-factor", "/admin/two-factor", "/admin/two-factor?q=demo", "/admin/two-factor?q=demo&culture=en");
        await AssertAccessibleAsync(WebClientExtensions.Expert, "/account/two-factor", "/account/two-factor/enable", "/account/two-factor/enable?culture=en", "/account/password",
            "/account/two-factor/passkeys/add", "/account/two-factor/passkeys/add?culture=en");
    }
}
