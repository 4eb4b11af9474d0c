using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Dispatch;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests;

/// <summary>A test that needs Debian's Chromium; skipped, with the reason shown, when it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath)) Skip = $"Chromium is not installed at {ChromiumPath} (Debian package 'chromium'; .ci/run installs it).";
    }
}

/// <summary>The app on a real Kestrel port, for a real browser.</summary>
public sealed class KestrelMarketplaceFactory : MarketplaceFactory
{
    public KestrelMarketplaceFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Urls", "http://127.0.0.1:0");
    }

    public string BaseUrl
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        }
    }
}

/// <summary>
/// JIS X 8341-3 / WCAG 2.0 AA: every main page, as each kind of user and in both languages, has no axe
/// violations of the WCAG 2.0 A and AA rules (labels, contrast, headings, landmarks, lang...), and the
/// skip link is the first thing the keyboard reaches.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
public sealed class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private KestrelMarketplaceFactory App => fixture.App;
    private IBrowser? SharedBrowser => fixture.Browser;

    private Task<IPage> PageAsync(string? email = null) => BrowserSession.PageAsync(SharedBrowser!, App.BaseUrl, email, output);

    private async Task<List<string>> ViolationsAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(App.BaseUrl + path);
        Assert.True(response!.Ok || path == "/no-such-page" && response.Status == 404, $"{path} answered {response.Status}");
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] },
        });
        return result.Violations.Select(v =>
            $"{path}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
    }

    private async Task AssertAccessibleAsync(string? email, params string[] paths)
    {
        var page = await PageAsync(email);
        var violations = new List<string>();
        foreach (var path in paths) violations.AddRange(await ViolationsAsync(page, path));
        foreach (var v in violations) output.WriteLine(v);
        Assert.Empty(violations);
    }

    private Task<int> IdOfAsync(string title) => App.WithDbAsync(db => db.Openings.Where(o => o.Title == title).Select(o => o.Id).SingleAsync());

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
        var page = await PageAsync(WebClientExtensions.OzuStaff);
        await page.GotoAsync(App.BaseUrl + "/manage/openings/new");
        await page.FillAsync("#Input_PayAmount", "-1");
        await page.ClickAsync("form[method=post] button.primary >> nth=-1");
        await page.WaitForLoadStateAsync();
        Assert.Contains("入力内容を確認してください", await page.ContentAsync());
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
        foreach (var v in result.Violations) output.WriteLine($"{v.Id}: {v.Help}");
        Assert.Empty(result.Violations);
    }

    /// <summary>Bulk import in the browser: a file with errors, a preview, the saved result (screenshots in the temp folder).</summary>
    [ChromiumFact]
    public async Task Import_ErrorsPreviewAndSaved_NoWcag2AaViolations()
    {
        var page = await PageAsync(WebClientExtensions.Office);
        var violations = new List<string>();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var folder = Directory.CreateTempSubdirectory("import-a11y").FullName;
        const string header = "OrganizationCode,Title,PublishedOn,SubmissionDeadline,AwardedOn,ContractStart,ContractEnd,Ceiling,TaxBasis,ContractAmount,WinnerName,WinnerCorporateNumber\r\n";
        var bad = Path.Combine(folder, "errors.csv");
        await File.WriteAllTextAsync(bad, header + $"382078,画面確認{tag},2024-01-10,2024-02-10,2099-03-01,2024-04-01,2025-03-31,たくさん,excluded,450万円,,\r\n999999,画面確認2{tag},2024-01-10,2024-02-10,2024-03-01,2024-04-01,2025-03-31,500万円,excluded,450万円,株式会社,\r\n");
        var good = Path.Combine(folder, "past-calls.csv");
        await File.WriteAllTextAsync(good, header + $"382078,大洲市DX支援（画面確認{tag}）,2024-01-10,2024年2月10日,2024-03-01,2024-04-01,2025-03-31,\"990万円\",included,968万円,株式会社画面確認,\r\n"
            + $"382078,大洲市セキュリティ支援（画面確認{tag}）,2024-05-10,2024-06-10,2024-07-01,2024-08-01,2025-03-31,\"約500万円\",excluded,\"4,950,000円\",株式会社画面確認,\r\n");

        await page.GotoAsync($"{App.BaseUrl}/import");
        violations.AddRange(await AxeAsync(page, "import form"));
        await page.CheckAsync("#kind-PastCalls");
        await page.SetInputFilesAsync("#file", bad);
        await page.ClickAsync("#import-check");
        Assert.Contains("import-problems", await page.ContentAsync());
        violations.AddRange(await AxeAsync(page, "import with errors"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "import-errors.png"), FullPage = true });

        await page.CheckAsync("#kind-PastCalls");
        await page.SetInputFilesAsync("#file", good);
        await page.ClickAsync("#import-check");
        Assert.Contains("import-preview", await page.ContentAsync());
        violations.AddRange(await AxeAsync(page, "import preview"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "import-preview.png"), FullPage = true });
        await page.ClickAsync("#import-confirm");
        await page.WaitForSelectorAsync("#import-saved");
        violations.AddRange(await AxeAsync(page, "import saved"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "import-saved.png"), FullPage = true });
        foreach (var v in violations) output.WriteLine(v);
        Assert.Empty(violations);

        await AssertAccessibleAsync(WebClientExtensions.OzuStaff, "/import", "/import?culture=en");
    }

    /// <summary>Recording past results in the browser: the form with errors, the confirmation, then the public pages it leaves.</summary>
    [ChromiumFact]
    public async Task PastResults_FormsConfirmationAndPublicPages_NoWcag2AaViolations()
    {
        var page = await PageAsync(WebClientExtensions.OzuStaff);
        var violations = new List<string>();
        async Task Check(string what)
        {
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
            violations.AddRange(result.Violations.Select(v => $"{what}: {v.Id} {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}"));
        }

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
        foreach (var v in violations) output.WriteLine(v);
        Assert.Empty(violations);

        await AssertAccessibleAsync(WebClientExtensions.OzuStaff, "/past-results", "/past-results/appointments/new", "/past-results?culture=en");
        await AssertAccessibleAsync(WebClientExtensions.Office, "/past-results", "/past-results/calls/new");
        await AssertAccessibleAsync(null, "/openings?status=awarded", "/calls?state=awarded");
    }

    /// <summary>A confirmation step and a correction of a published opening, made in the browser, and the change log it leaves.</summary>
    [ChromiumFact]
    public async Task ConfirmStepAndCorrection_NoWcag2AaViolations()
    {
        var ozu = await IdOfAsync("CDO補佐官（デジタル変革推進）");
        var page = await PageAsync(WebClientExtensions.OzuStaff);
        var violations = new List<string>();
        async Task Check(string what)
        {
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
            violations.AddRange(result.Violations.Select(v => $"{what}: {v.Id} {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}"));
        }

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
        foreach (var v in violations) output.WriteLine(v);
        Assert.Empty(violations);
    }

    [ChromiumFact]
    public async Task OfficeAndExpertPages_NoWcag2AaViolations()
    {
        await AssertAccessibleAsync(WebClientExtensions.Office, "/admin/organizations", "/admin/organizations/import", "/admin/staff-requests", "/admin/staff-requests?email=confirmed", "/admin/matching", "/admin/outbox", "/dashboard");
        await AssertAccessibleAsync(WebClientExtensions.Expert, "/applications", "/applications?stage=applied", "/account/data", "/recommendations", "/recommendations?remote=true", "/profile", "/profile/edit", "/recommendations?culture=en", "/dashboard",
            "/account/notifications", "/account/notifications?culture=en");
    }

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
    public async Task SearchAndSavedSearchPages_NoWcag2AaViolations()
    {
        await SaveSearchForAsync(App, WebClientExtensions.Expert, "大洲市の補佐官", "?q=%E8%A3%9C%E4%BD%90&prefecture=38");
        await SaveSearchForAsync(App, WebClientExtensions.Vendor, "滋賀県の公募", "?prefecture=25&kind=call");
        await AssertAccessibleAsync(null, "/openings?status=closed", "/openings?status=awarded&kind=call");
        await AssertAccessibleAsync(WebClientExtensions.Expert, "/openings?prefecture=38", "/saved-searches", "/saved-searches?culture=en");
        await AssertAccessibleAsync(WebClientExtensions.Vendor, "/openings?kind=call", "/saved-searches");
    }

    private Task<int> MaibaraCallAsync() =>
        App.WithDbAsync(db => db.ProposalCalls.Where(c => c.Title == "米原市CIO支援業務委託 公募型プロポーザル").Select(c => c.Id).SingleAsync());

    [ChromiumFact]
    public async Task CallPages_PublicVendorAndStaff_NoWcag2AaViolations()
    {
        var call = await MaibaraCallAsync();
        await AssertAccessibleAsync(null, "/calls", "/calls?state=open&prefecture=25", $"/calls/{call}", $"/calls/{call}?culture=en");
        await AssertAccessibleAsync(WebClientExtensions.Vendor, "/vendor", "/dashboard", "/vendor/staff", $"/vendor/calls/{call}/proposal", $"/vendor/calls/{call}/questions", $"/calls/{call}");
        await AssertAccessibleAsync(WebClientExtensions.MaibaraStaff, "/manage/calls", "/manage/calls/new", $"/manage/calls/{call}", $"/manage/calls/{call}/questions",
            $"/manage/calls/{call}/proposals", $"/manage/calls/{call}/committee", $"/manage/calls/{call}/evaluation");
    }

    /// <summary>The evaluation pages after the deadline: a proposal, a committee whose chair has scored, the ranking and sheets.</summary>
    [ChromiumFact]
    public async Task EvaluationPages_AfterDeadline_NoWcag2AaViolations()
    {
        var call = await MaibaraCallAsync();
        var (proposal, member) = await App.WithDbAsync(async db =>
        {
            var vendorId = await db.Users.Where(u => u.Email == WebClientExtensions.Vendor).Select(u => u.VendorCompanyId!.Value).SingleAsync();
            var staff = await db.VendorStaffMembers.Where(m => m.VendorCompanyId == vendorId).OrderBy(m => m.Id).ToListAsync();
            var roles = await db.CallRoles.Where(r => r.CallId == call).OrderBy(r => r.SortOrder).ToListAsync();
            var p = new Marketplace.Data.Entities.Proposal
            {
                CallId = call, VendorCompanyId = vendorId, PriceYen = 30_000_000, PriceOnCallBasisYen = 30_000_000, Approach = "伴走型で支援します。",
                SubmittedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                Staffing = roles.Select(r => new Marketplace.Data.Entities.ProposalStaffing { CallRoleId = r.Id, VendorStaffMemberId = staff[0].Id }).ToList(),
            };
            db.Proposals.Add(p);
            var chair = await db.Users.Where(u => u.Email == WebClientExtensions.MaibaraStaff).Select(u => u.Id).SingleAsync();
            var m = new Marketplace.Data.Entities.CommitteeMember { CallId = call, UserId = chair, IsChair = true };
            db.CommitteeMembers.Add(m);
            await db.SaveChangesAsync();
            var criterion = await db.EvaluationCriteria.Where(c => c.CallId == call).Select(c => c.Id).FirstAsync();
            db.EvaluationScores.Add(new Marketplace.Data.Entities.EvaluationScore { CommitteeMemberId = m.Id, ProposalId = p.Id, CriterionId = criterion, Score = 4, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return (p.Id, m.Id);
        });
        // The app is shared by the class: the clock goes back once the sealed pages were seen.
        App.Clock.Advance(TimeSpan.FromDays(45));
        try
        {
            await AssertAccessibleAsync(WebClientExtensions.MaibaraStaff, $"/manage/calls/{call}/proposals", $"/manage/calls/{call}/proposals/{proposal}",
                $"/manage/calls/{call}/sheet", $"/manage/calls/{call}/sheets/{member}", $"/manage/calls/{call}/evaluation");
            await AssertAccessibleAsync(WebClientExtensions.Vendor, $"/vendor/calls/{call}/proposal");
        }
        finally
        {
            App.Clock.Advance(TimeSpan.FromDays(-45));
        }
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
    public async Task CasePages_NoWcag2AaViolations()
    {
        var rfi = await App.WithDbAsync(db => db.Cases.Where(c => c.Title.StartsWith("県が主導した共同RFI")).Select(c => c.Id).SingleAsync());
        var draft = await new Cases.CaseBuilder("382078", "大洲市の下書き事例") { Status = CaseStatus.Draft }.SaveAsync(App);
        var expertId = await App.WithDbAsync(db => db.ExpertProfiles.Where(p => p.User!.Email == WebClientExtensions.Expert).Select(p => p.Id).SingleAsync());
        var named = await new Cases.CaseBuilder("384224", "内子町の事例（実績）")
        {
            People = [new CasePerson { Role = "CIO補佐官", ExpertProfileId = expertId, ExpertConsentedAt = DateTime.UtcNow }],
        }.SaveAsync(App);
        var advice = await App.WithDbAsync(async db =>
        {
            var ozu = await db.Organizations.SingleAsync(o => o.Code == "382078");
            var r = new AdviceRequest { CaseId = rfi, RequesterOrganizationId = ozu.Id, RequesterUserId = "x", Kind = "call", Question = "共同調達の進め方を教えてください。", CreatedAt = DateTime.UtcNow };
            db.AdviceRequests.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        await AssertAccessibleAsync(null, "/cases", "/cases?obstacle=vendor_dependence&kind=prefecture", "/cases?q=zzzz", $"/cases/{rfi}", $"/cases/{rfi}?culture=en",
            $"/cases/experts/{expertId}");
        await AssertAccessibleAsync(WebClientExtensions.OzuStaff, $"/cases/{rfi}", "/manage/cases", "/manage/cases/new", $"/manage/cases/{draft}",
            "/cases/advice", $"/cases/advice/{advice}");
        await AssertAccessibleAsync(WebClientExtensions.Office, "/admin/cases", "/admin/cases/new", $"/admin/cases/{draft}");
        await AssertAccessibleAsync(WebClientExtensions.Expert, "/cases/track-record", "/profile", "/dashboard");

        // A public opening with its related cases; an expert with a host's evaluation shown.
        var ozuOpening = await IdOfAsync("CDO補佐官（デジタル変革推進）");
        var (certified, certifiedUser, certifiedProfile) = await App.CertifiedExpertAsync(name: "評価 表示");
        var maibara = await App.OrgAsync("252140");
        var approved = await App.ApproveAsync(await App.AcceptedProposalAsync(maibara.Id, certifiedUser, certifiedProfile));
        Assert.True(approved.Succeeded, approved.FirstError);
        await App.WithDbAsync(async db =>
        {
            var d = await db.Dispatches.SingleAsync(x => x.Id == approved.Id);
            (d.Status, d.HostRating, d.HostEvaluation, d.HostEvaluatedAt, d.EvaluationShownAt) =
                (DispatchStatus.Completed, 5, "庁内の合意形成を粘り強く進めた。", DateTime.UtcNow, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        await AssertAccessibleAsync(null, $"/openings/{ozuOpening}", $"/openings/{ozuOpening}?culture=en");
        // The profile shows the track record as staff see it, the evaluation included.
        await AssertAccessibleAsync(certified, "/cases/track-record", "/cases/track-record?culture=en", "/profile");
    }

    [ChromiumFact]
    public async Task DispatchRoundFormWithErrors_NoWcag2AaViolations()
    {
        var page = await PageAsync(WebClientExtensions.Office);
        await page.GotoAsync(App.BaseUrl + "/admin/dispatch/rounds/new");
        await page.FillAsync("#Input_BandRate_0_", "120");
        await page.ClickAsync("form[method=post] button.primary >> nth=-1");
        await page.WaitForLoadStateAsync();
        Assert.Contains("入力内容を確認してください", await page.ContentAsync());
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
        foreach (var v in result.Violations) output.WriteLine($"{v.Id}: {v.Help}");
        Assert.Empty(result.Violations);
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
        var violations = new List<string>(await AxeAsync(page, "second step"));
        await page.FillAsync("#Code", "12345");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForLoadStateAsync();
        Assert.Contains("コードは6桁の数字で入力してください", await page.ContentAsync());
        violations.AddRange(await AxeAsync(page, "second step with an error"));
        violations.AddRange(await ViolationsAsync(page, "/account/two-factor/sign-in?recovery=true"));

        // The enable page with a wrong code, and the office's reset confirmation (not confirmed).
        var expert = await PageAsync(WebClientExtensions.Expert);
        await expert.GotoAsync(App.BaseUrl + "/account/two-factor/enable");
        await expert.FillAsync("#Code", "1");
        await expert.ClickAsync("main button[type=submit]");
        await expert.WaitForLoadStateAsync();
        Assert.Contains("コードは6桁の数字で入力してください", await expert.ContentAsync());
        violations.AddRange(await AxeAsync(expert, "enable with an error"));
        var office = await PageAsync(WebClientExtensions.Office);
        await office.GotoAsync(App.BaseUrl + "/admin/two-factor?q=" + Uri.EscapeDataString(WebClientExtensions.OsakaStaff));
        await office.ClickAsync("main table button.link-button");
        await office.WaitForSelectorAsync("#confirm-form");
        violations.AddRange(await AxeAsync(office, "office reset confirmation"));
        foreach (var v in violations) output.WriteLine(v);
        Assert.Empty(violations);

        await AssertAccessibleAsync(WebClientExtensions.Office, "/account/two-factor", "/admin/two-factor", "/admin/two-factor?q=demo", "/admin/two-factor?q=demo&culture=en");
        await AssertAccessibleAsync(WebClientExtensions.Expert, "/account/two-factor", "/account/two-factor/enable", "/account/two-factor/enable?culture=en", "/account/password",
            "/account/two-factor/passkeys/add", "/account/two-factor/passkeys/add?culture=en");
    }

    private static async Task<List<string>> AxeAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
        return result.Violations.Select(v => $"{what}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
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
