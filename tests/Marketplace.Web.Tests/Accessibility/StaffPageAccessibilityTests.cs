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

    /// <summary>Bulk import in the browser: a file with errors, a preview, the saved result (screenshots in the temp folder).</summary>
    [ChromiumFact]
    public async Task Import_ErrorsPreviewAndSaved_NoWcag2AaViolations()
    {
        var page = await PageAsync(WebClientExtensions.Office);
        var violations = new List<string>();
        async Task Check(string what) => violations.AddRange(await ViolationsOnAsync(page, what));
        var tag = Guid.NewGuid().ToString("N")[..6];
        var folder = Directory.CreateTempSubdirectory("import-a11y").FullName;
        const string header = "OrganizationCode,Title,PublishedOn,SubmissionDeadline,AwardedOn,ContractStart,ContractEnd,Ceiling,TaxBasis,ContractAmount,WinnerName,WinnerCorporateNumber\r\n";
        var bad = Path.Combine(folder, "errors.csv");
        await File.WriteAllTextAsync(bad, header + $"382078,画面確認{tag},2024-01-10,2024-02-10,2099-03-01,2024-04-01,2025-03-31,たくさん,excluded,450万円,,\r\n999999,画面確認2{tag},2024-01-10,2024-02-10,2024-03-01,2024-04-01,2025-03-31,500万円,excluded,450万円,株式会社,\r\n");
        var good = Path.Combine(folder, "past-calls.csv");
        await File.WriteAllTextAsync(good, header + $"382078,大洲市DX支援（画面確認{tag}）,2024-01-10,2024年2月10日,2024-03-01,2024-04-01,2025-03-31,\"990万円\",included,968万円,株式会社画面確認,\r\n"
            + $"382078,大洲市セキュリティ支援（画面確認{tag}）,2024-05-10,2024-06-10,2024-07-01,2024-08-01,2025-03-31,\"約500万円\",excluded,\"4,950,000円\",株式会社画面確認,\r\n");

        await page.GotoAsync($"{App.BaseUrl}/import");
        await Check("import form");
        await page.CheckAsync("#kind-PastCalls");
        await page.SetInputFilesAsync("#file", bad);
        await page.ClickAsync("#import-check");
        Assert.Contains("import-problems", await page.ContentAsync());
        await Check("import with errors");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "import-errors.png"), FullPage = true });

        await page.CheckAsync("#kind-PastCalls");
        await page.SetInputFilesAsync("#file", good);
        await page.ClickAsync("#import-check");
        Assert.Contains("import-preview", await page.ContentAsync());
        await Check("import preview");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "import-preview.png"), FullPage = true });
        await page.ClickAsync("#import-confirm");
        await page.WaitForSelectorAsync("#import-saved");
        await Check("import saved");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "import-saved.png"), FullPage = true });
        AssertNone(violations);

        await AssertAccessibleAsync(WebClientExtensions.OzuStaff, "/import", "/import?culture=en");
    }
}
