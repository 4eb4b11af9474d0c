using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Accessibility;

/// <summary>A local government's staff pages: openings, forms with errors, confirmation and correction, past results.</summary>
public sealed class StaffPageAccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : AccessibilityTestBase(fixture, output)
{
    [ChromiumFact]
    public async Task StaffPages_NoWcag2AaViolations()
    {
        var ozu = await IdOfAsync("CDO補佐官（デジタル変革推進）");
        var application = await App.WithDbAsync(db => db.Applications.Where(a => a.OpeningId == ozu).Select(a => a.Id).FirstAsync());
        await AssertAccessibleAsync(WebClientExtensions.OzuStaff,
            "/manage/openings", "/manage/openings/new", $"/manage/openings/{ozu}", $"/manage/openings/{ozu}/edit",
            $"/manage/openings/{ozu}/applicants", $"/manage/applications/{application}", "/manage/vendor-contracts", "/manage/vendor-contracts?relation=Bidding", "/manage/staff/invite", "/dashboard", "/dashboard?culture=en",
            $"/manage/openings/{ozu}/recommendations");
    }

    [ChromiumFact]
    public async Task FormWithErrors_NoWcag2AaViolations()
    {
        await AssertFormWithErrorsAccessibleAsync(WebClientExtensions.OzuStaff, "/manage/openings/new", "#Input_PayAmount", "-1");
    }

    /// <summary>A confirmation step and a correction of a published opening, made in the browser, and the change log it leaves.</summary>
    [ChromiumFact]
    public async Task ConfirmStepAndCorrection_NoWcag2AaViolations()
    {
        var ozu = await IdOfAsync("CDO補佐官（デジタル変革推進）");
        var page = await PageAsync(WebClientExtensions.OzuStaff);
        var violations = new List<string>();
        async Task Check(string what) => violations.AddRange(await ViolationsOnAsync(page, what));

        await page.GotoAsync($"{App.BaseUrl}/manage/openings/{ozu}");
        await page.ClickAsync("form[action*='handler=Close'] button");
        await page.WaitForLoadStateAsync();
        Assert.Contains("id=\"confirm-title\"", await page.ContentAsync());
        await Check("close confirmation");

        await page.GotoAsync($"{App.BaseUrl}/manage/openings/{ozu}/edit");
        await page.FillAsync("#Input_PayAmount", "16万");
        await page.FillAsync("#Input_CorrectionReason", "報酬額の記載誤りを訂正します");
        await page.ClickAsync("form[method=post] button.primary >> nth=-1");
        await page.WaitForLoadStateAsync();
        await page.GotoAsync($"{App.BaseUrl}/openings/{ozu}");
        Assert.Contains("報酬額の記載誤りを訂正します", await page.ContentAsync());
        await Check("change log");
        AssertNone(violations);
    }

    /// <summary>Recording past results in the browser: the form with errors, the confirmation, then the public pages it leaves.</summary>
    [ChromiumFact]
    public async Task PastResults_FormsConfirmationAndPublicPages_NoWcag2AaViolations()
    {
        var page = await PageAsync(WebClientExtensions.OzuStaff);
        var violations = new List<string>();
        async Task Check(string what) => violations.AddRange(await ViolationsOnAsync(page, what));

        await page.GotoAsync($"{App.BaseUrl}/past-results/calls/new");
        await page.FillAsync("#Input_Title", "大洲市DX推進支援業務（事後登録・画面確認）");
        await page.FillAsync("#Input_AwardedOn", "2099-01-01");
        await page.ClickAsync("form[method=post] button.primary");
        Assert.Contains("error-summary", await page.ContentAsync());
        await Check("past call with errors");
        foreach (var (field, value) in new[] { ("PublishedOn", "2024-01-15"), ("SubmissionDeadline", "2024-02-15"), ("AwardedOn", "2024-03-01"), ("ContractStart", "2024-04-01"),
            ("ContractEnd", "2025-03-31"), ("Ceiling", "990万円"), ("ContractAmount", "968万円"), ("WinnerName", "株式会社画面確認"), ("Roles", "DX推進アドバイザー") })
        {
            await page.FillAsync($"#Input_{field}", value);
        }
        await page.CheckAsync("#Input_TaxBasis_included");
        await page.ClickAsync("form[method=post] button.primary");
        Assert.Contains("confirm-facts", await page.ContentAsync());
        await Check("past call confirmation");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "past-call-confirm.png"), FullPage = true });
        await page.ClickAsync("#record-button");
        await page.WaitForURLAsync("**/calls/*");
        await Check("recorded call page");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "past-call-page.png"), FullPage = true });
        AssertNone(violations);

        await AssertAccessibleAsync(WebClientExtensions.OzuStaff, "/past-results", "/past-results/appointments/new", "/past-results?culture=en");
        await AssertAccessibleAsync(WebClientExtensions.Office, "/past-results", "/past-results/calls/new");
        await AssertAccessibleAsync(null, "/openings?status=awarded", "/calls?state=awarded");
    }
}
