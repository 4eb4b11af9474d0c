using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Marketplace.Web.Tests.Openings;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Dashboard;

/// <summary>
/// Each group lands on its dashboard after sign-in, and the dashboard counts only the signed-in party's own data.
/// </summary>
[Collection(PeopleCollection.Name)]
public partial class DashboardTests(MarketplaceFactory factory)
{
    [Theory]
    [InlineData(WebClientExtensions.OsakaStaff, "staff-dashboard")]
    [InlineData(WebClientExtensions.Expert, "expert-dashboard")]
    [InlineData(WebClientExtensions.Vendor, "vendor-dashboard")]
    [InlineData(WebClientExtensions.Office, "office-dashboard")]
    public async Task SignIn_WithoutReturnUrl_LandsOnOwnDashboard(string email, string section)
    {
        var client = factory.NewClient();
        var response = await client.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(response));

        var html = await client.GetStringAsync("/dashboard");
        Assert.Contains($"id=\"{section}\"", html);
        foreach (var other in new[] { "staff-dashboard", "expert-dashboard", "vendor-dashboard", "office-dashboard" }.Where(s => s != section))
        {
            Assert.DoesNotContain($"id=\"{other}\"", html);
        }
    }

    [Fact]
    public async Task SignIn_WithReturnUrl_GoesThere()
    {
        var client = factory.NewClient();
        // The return address survives the second step.
        var password = await client.PasswordStepAsync(WebClientExtensions.MaibaraStaff, returnUrl: "/manage/calls");
        Assert.Equal("/account/two-factor/sign-in?returnUrl=%2Fmanage%2Fcalls", password.Headers.Location!.OriginalString);
        var response = await client.SignInAsync(WebClientExtensions.MaibaraStaff, returnUrl: "/manage/calls");
        Assert.Equal("/manage/calls", WebClientExtensions.LocationPath(response));
    }

    [Fact]
    public async Task Dashboard_Anonymous_RedirectsToLogin()
    {
        var response = await factory.NewClient().GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(response));
    }

    [Fact]
    public async Task StaffDashboard_NewApplicant_CountedAsNewAndNotReviewed_OnlyForOwnGovernment()
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var title = "ダッシュボード確認用の募集 " + Guid.NewGuid().ToString("N")[..6];
        var id = await OpeningAccessTests.CreateDraftAsync(osaka, title);
        var publish = await osaka.PostFormAsync($"/manage/openings/{id}?handler=Publish", [new("token", await factory.TokenOfAsync(id))], "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);

        // An expert applies (written directly: the count, not the apply form, is under test).
        await factory.WithDbAsync(async db =>
        {
            var expert = await db.ExpertProfiles.OrderBy(e => e.Id).FirstAsync(e => !db.Applications.Any(a => a.OpeningId == id && a.ExpertProfileId == e.Id));
            db.Applications.Add(new Application { OpeningId = id, ExpertProfileId = expert.Id, Stage = Stages.Applied, Motivation = "x", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        var html = await osaka.GetStringAsync("/dashboard");
        var row = RowOf(html, $"data-opening-id=\"{id}\"");
        Assert.Contains("data-new=\"1\"", row);
        Assert.Contains("data-not-reviewed=\"1\"", row);
        Assert.Contains($"/manage/openings/{id}/applicants?stage=applied", html);

        var ozu = await (await factory.SignedInAsync(WebClientExtensions.OzuStaff)).GetStringAsync("/dashboard");
        Assert.DoesNotContain($"data-opening-id=\"{id}\"", ozu);
        Assert.DoesNotContain(title, ozu);
        Assert.DoesNotContain($"/manage/openings/{id}/", ozu);
    }

    [Fact]
    public async Task StaffDashboard_UnansweredQuestion_InTodoWithCount_NotForOtherGovernment()
    {
        var (callId, callTitle) = await factory.WithDbAsync(async db =>
        {
            var maibara = await db.Organizations.SingleAsync(o => o.Code == "252140");
            var call = await db.ProposalCalls.OrderBy(c => c.Id).FirstAsync(c => c.OrganizationId == maibara.Id && c.Status == CallStatus.Published);
            var vendor = await db.VendorCompanies.OrderBy(v => v.Id).FirstAsync();
            db.CallQuestions.Add(new CallQuestion { CallId = call.Id, VendorCompanyId = vendor.Id, Body = "ダッシュボード確認の質問", AskedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return (call.Id, call.Title);
        });
        var waiting = await factory.WithDbAsync(db => db.CallQuestions.CountAsync(q => q.CallId == callId && q.Answer == null));

        var html = await (await factory.SignedInAsync(WebClientExtensions.MaibaraStaff)).GetStringAsync("/dashboard");
        Assert.Contains($"data-questions-waiting=\"{waiting}\"", RowOf(html, $"data-call-id=\"{callId}\""));
        Assert.Contains($"href=\"/manage/calls/{callId}/questions\"", Todo(html));

        var osaka = await (await factory.SignedInAsync(WebClientExtensions.OsakaStaff)).GetStringAsync("/dashboard");
        Assert.DoesNotContain($"data-call-id=\"{callId}\"", osaka);
        Assert.DoesNotContain($"/manage/calls/{callId}/", osaka);
    }

    [Fact]
    public async Task ExpertDashboard_StageCounts_MatchOwnApplications()
    {
        var expected = await factory.WithDbAsync(db => db.Applications.Where(a => a.Expert!.User!.Email == WebClientExtensions.Expert)
            .GroupBy(a => a.Stage).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var html = await (await factory.SignedInAsync(WebClientExtensions.Expert)).GetStringAsync("/dashboard");
        foreach (var stage in Stages.All)
        {
            var m = Regex.Match(html, $"data-stage=\"{stage}\">[^<]*: (\\d+)</a>");
            Assert.True(m.Success, stage);
            Assert.Equal(expected.GetValueOrDefault(stage), int.Parse(m.Groups[1].Value));
        }
        Assert.Contains("id=\"certification-state\"", html);
    }

    [Fact]
    public async Task OfficeDashboard_PendingStaffRequest_CountedAndLinked()
    {
        var before = await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Status == AccountStatus.PendingApproval && u.OrganizationId != null));
        var client = factory.NewClient();
        var email = $"dash-{Guid.NewGuid():N}@city.example.jp";
        var register = await client.PostFormAsync("/account/register-staff",
        [
            new("Input.OrganizationCode", "382078"), new("Input.DisplayName", "ダッシュ 太郎"), new("Input.Email", email),
            new("Input.Password", "test-pass-2026x"), new("Input.ConfirmPassword", "test-pass-2026x"),
        ], "/account/register-staff");
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);

        var html = await (await factory.SignedInAsync(WebClientExtensions.Office)).GetStringAsync("/dashboard");
        var row = RowOf(html, "id=\"queue-staff\"");
        Assert.Contains($"<td>{before + 1}", row);
        Assert.Contains("href=\"/admin/staff-requests\"", row);
    }

    [Fact]
    public async Task VendorDashboard_ListsOnlyCallsTheCompanyTouched()
    {
        var (mine, untouched) = await factory.WithDbAsync(async db =>
        {
            var company = await db.Users.Where(u => u.Email == WebClientExtensions.Vendor).Select(u => u.VendorCompanyId!.Value).SingleAsync();
            var touched = await db.ProposalCalls.Where(c => db.Proposals.Any(p => p.CallId == c.Id && p.VendorCompanyId == company)
                || db.CallQuestions.Any(q => q.CallId == c.Id && q.VendorCompanyId == company)).Select(c => c.Id).ToListAsync();
            var other = await db.ProposalCalls.Where(c => !touched.Contains(c.Id)).Select(c => c.Id).ToListAsync();
            return (touched, other);
        });
        var html = await (await factory.SignedInAsync(WebClientExtensions.Vendor)).GetStringAsync("/dashboard");
        foreach (var id in mine.Take(DashboardLimit)) Assert.Contains($"data-call-id=\"{id}\"", html);
        foreach (var id in untouched) Assert.DoesNotContain($"data-call-id=\"{id}\"", html);
    }

    [Fact]
    public async Task Dashboard_English_ShowsEnglishHeadings()
    {
        var client = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var html = await client.GetStringAsync("/dashboard?culture=en");
        Assert.Contains("Your government", html);
        Assert.Contains("To do", html);
    }

    private const int DashboardLimit = Marketplace.Web.Features.Dashboard.DashboardService.MaxTiles;

    private static string RowOf(string html, string marker)
    {
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"No row with {marker}");
        var end = html.IndexOf("</tr>", at, StringComparison.Ordinal);
        return html[at..end];
    }

    private static string Todo(string html)
    {
        var at = html.IndexOf("id=\"todo\"", StringComparison.Ordinal);
        Assert.True(at >= 0, "No to-do list");
        return html[at..html.IndexOf("</ul>", at, StringComparison.Ordinal)];
    }
}
