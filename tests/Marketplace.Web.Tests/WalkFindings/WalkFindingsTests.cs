using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Seeding;
using Marketplace.Web.Tests.Applications;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.WalkFindings;

/// <summary>The defects found when each kind of user walked through the product (issue 13), one test each.</summary>
[Collection(WebCollection.Name)]
public partial class WalkFindingsTests(MarketplaceFactory factory)
{
    private const string Password = "test-pass-2026x";

    private static string UniqueEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.jp";

    private Task<int> OzuOpeningAsync() =>
        factory.WithDbAsync(db => db.Openings.Where(o => o.Title == "CDO補佐官（デジタル変革推進）").Select(o => o.Id).SingleAsync());

    private async Task<int> ApplyAsync(string expertEmail, int profileId, int openingId)
    {
        var expert = await factory.SignedInAsync(expertEmail);
        var applied = await ApplicationFlowTests.ApplyAsync(expert, openingId);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        return await factory.WithDbAsync(db => db.Applications.Where(a => a.OpeningId == openingId && a.ExpertProfileId == profileId).Select(a => a.Id).SingleAsync());
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"[^>]*>(?:(?!</form>).)*name=\"toStage\"", RegexOptions.Singleline)]
    private static partial Regex MoveFormAction();

    [Fact]
    public async Task ConfirmEmail_StaffRequest_SaysApprovalIsAwaitedNotThatTheyCanSignIn()
    {
        var email = UniqueEmail("confirm-staff");
        var client = factory.NewClient();
        var requested = await client.PostFormAsync("/account/register-staff",
        [
            new("Input.OrganizationCode", "382078"), new("Input.DisplayName", "確認 職員"), new("Input.Email", email),
            new("Input.Password", Password), new("Input.ConfirmPassword", Password),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        var mail = await factory.LatestMailToAsync(email);
        Assert.NotNull(mail);

        var html = await client.GetStringAsync(WebClientExtensions.FirstLinkPath(mail));
        Assert.Contains("国の事務局が承認", html);
        Assert.DoesNotContain("ログインできます。", html);
    }

    [Fact]
    public async Task StageMove_WithoutReason_ReasonMarkedRequiredAndThePageKeepsItsUrl()
    {
        var (email, profileId) = await factory.CreateExpertAsync("段階 理由");
        var id = await ApplyAsync(email, profileId, await OzuOpeningAsync());
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);

        var page = await ozu.GetStringAsync($"/manage/applications/{id}");
        Assert.Matches("<label for=\"reason\">理由 <span class=\"badge\">必須</span></label>", page);
        Assert.Contains("<textarea id=\"reason\" name=\"reason\" aria-required=\"true\"", page);
        var action = WebUtility.HtmlDecode(MoveFormAction().Match(page).Groups[1].Value);
        Assert.Equal($"/manage/applications/{id}", action);

        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.Applications.SingleAsync(a => a.Id == id)));
        var failed = await ozu.PostFormAsync(action, [new("toStage", Stages.Interviewed), new("reason", " "), new("token", token)], "/manage/openings");
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        var html = await failed.Content.ReadAsStringAsync();
        Assert.Contains("理由を入力してください。", html);
        Assert.Equal($"/manage/applications/{id}", WebUtility.HtmlDecode(MoveFormAction().Match(html).Groups[1].Value));
        Assert.Equal(Stages.Applied, await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Stage).SingleAsync()));

        // The old address with ?handler=Move still works for bookmarks and scripts.
        var moved = await ozu.PostFormAsync($"/manage/applications/{id}?handler=Move", [new("toStage", Stages.Interviewed), new("reason", "通過"), new("token", token)], "/manage/openings");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
    }

    [GeneratedRegex("<li class=\"result\" data-expert-id=\"(\\d+)\">\\s*<h2[^>]*><a href=\"([^\"]+)\">")]
    private static partial Regex RecommendedExpertLink();

    [Fact]
    public async Task StaffRecommendations_EachNameLinksToAProfileTheStaffMaySee_RankNotScore()
    {
        var opening = await OzuOpeningAsync();
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var html = await ozu.GetStringAsync($"/manage/openings/{opening}/recommendations");

        var links = RecommendedExpertLink().Matches(html).Select(m => (Id: int.Parse(m.Groups[1].Value), Url: WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        Assert.Equal(Regex.Matches(html, "data-expert-id=").Count, links.Count);
        Assert.NotEmpty(links);
        Assert.DoesNotContain("スコア", html);
        Assert.Contains("推薦順位 1位", html);
        foreach (var (expertId, url) in links.Take(4))
        {
            var response = await ozu.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, url);
            var profile = await response.Content.ReadAsStringAsync();
            var (name, phone) = await factory.WithDbAsync(db => db.ExpertProfiles.Where(e => e.Id == expertId).Select(e => new ValueTuple<string, string?>(e.FullName, e.Phone)).SingleAsync());
            Assert.Contains(WebUtility.HtmlEncode(name), profile);
            var applied = await factory.WithDbAsync(db => db.Applications.AnyAsync(a => a.OpeningId == opening && a.ExpertProfileId == expertId));
            // Contact details only once the expert applied to this government.
            if (!applied && phone is { Length: > 0 }) Assert.DoesNotContain(phone, profile);
            // Every read of a profile is on the government's audit record (helper review, stop 32: it was not).
            Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == Marketplace.Web.Features.Security.AuditActions.ExpertProfileRead
                && e.SubjectId == expertId.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Detail == $"opening {opening}")), url);
        }

        // A profile the staff may not see (hidden, never applied here) is not found, not shown.
        var (_, hiddenId) = await factory.CreateExpertAsync("非公開 花子", p => p.Visibility = ProfileVisibility.HiddenUntilApplied);
        Assert.Equal(HttpStatusCode.NotFound, (await ozu.GetAsync($"/manage/openings/{opening}/experts/{hiddenId}")).StatusCode);
        // Nor another government's opening.
        var osakaOpening = await factory.WithDbAsync(db => db.Openings.Where(o => o.Title == "スマートシティ戦略部副理事（CIO補佐官）").Select(o => o.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await ozu.GetAsync($"/manage/openings/{osakaOpening}/experts/{links[0].Id}")).StatusCode);
    }

    [Fact]
    public async Task StaffApplicationView_ShowsCertificationsDaysAndOnsiteLimit_WithWarekiDates()
    {
        var (email, profileId) = await factory.CreateExpertAsync("資格 一郎", p =>
        {
            p.Certifications = ["ipa_st", "pmp"];
            p.AvailableDaysPerWeek = 2.5;
            p.MaxOnsiteDaysPerMonth = 3;
            p.Career = [new CareerEntry { Organization = "松山市役所", Role = "情報政策課長", From = new DateOnly(2015, 4, 1), To = new DateOnly(2020, 3, 1), PublicSector = true }];
        });
        var id = await ApplyAsync(email, profileId, await OzuOpeningAsync());
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var html = await ozu.GetStringAsync($"/manage/applications/{id}");
        Assert.Contains("ITストラテジスト", html);
        Assert.Contains("PMP", html);
        Assert.Contains("週2.5日", html);
        Assert.Contains("月3日", html);
        Assert.Contains("2015年4月（平成27年4月）〜2020年3月（令和2年3月）", html);
        Assert.DoesNotContain("2015-04", html);
    }

    private async Task<string> NewExpertWithoutProfileAsync()
    {
        var email = UniqueEmail("new-expert");
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "新規 次郎", CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, DemoDataSeeder.Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Expert);
        return email;
    }

    [GeneratedRegex("<dt>登庁できる日数の上限（月あたり）</dt>\\s*<dd>([^<]*)</dd>")]
    private static partial Regex OnsiteLimitShown();

    [GeneratedRegex("<dt>副業の可否（現在の勤務先）</dt>\\s*<dd>([^<]*)</dd>")]
    private static partial Regex SideJobShown();

    [Fact]
    public async Task NewProfile_OnsiteLimitAndSideJob_NotShownAsFactsBeforeTheExpertSaysSo()
    {
        var expert = await factory.SignedInAsync(await NewExpertWithoutProfileAsync());
        var profile = await expert.GetStringAsync("/profile");
        Assert.Equal("未入力", OnsiteLimitShown().Match(profile).Groups[1].Value.Trim());
        Assert.Equal("未入力", SideJobShown().Match(profile).Groups[1].Value.Trim());

        var form = await expert.GetStringAsync("/profile/edit");
        Assert.DoesNotMatch("name=\"Input.SideJob\" value=\"[A-Za-z]+\" checked", form);
        var onsiteInput = Regex.Match(form, "<input[^>]*id=\"Input_MaxOnsiteDaysPerMonth\"[^>]*>").Value;
        Assert.NotEmpty(onsiteInput);
        Assert.DoesNotMatch("value=\"[^\"]+\"", onsiteInput);

        // Nor does the demo data claim "no employer" for experts who have one.
        Assert.False(await factory.WithDbAsync(db => db.ExpertProfiles.AnyAsync(e => e.SideJob == SideJobPermission.NotApplicable && e.Career.Any(c => c.To == null && !c.PublicSector))));
    }

    [Fact]
    public async Task OnsitePerWeek_UsesTheFortyEightWeekBasis_FilterAndPageAgree()
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var title = $"登庁基準確認 {Guid.NewGuid():N}";
        var form = new OpeningFormBuilder().With("Title", title).With("DaysPerWeek", "2").With("OnsiteDays", "1").With("OnsitePeriod", "Week").Build();
        var created = await osaka.PostFormAsync("/manage/openings/new", form, "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        Assert.Equal(HttpStatusCode.Redirect, (await osaka.PostFormAsync($"/manage/openings/{id}?handler=Publish", [new("token", await factory.TokenOfAsync(id))], "/manage/openings/new")).StatusCode);

        // 48 working weeks a year: one day a week is 4 days a month, as the seeded postings count it.
        Assert.Equal(4.0, await factory.WithDbAsync(db => db.Openings.Where(o => o.Id == id).Select(o => o.OnsiteDaysPerMonth).SingleAsync()));
        Assert.Contains("週1日（月あたり約4日）", await factory.NewClient().GetStringAsync($"/openings/{id}"));
        var found = await factory.NewClient().GetStringAsync($"/openings?q={Uri.EscapeDataString(title)}&max_onsite_days=4");
        Assert.Contains(id, WebClientExtensions.OpeningIds(found));
    }

    [Fact]
    public async Task EvaluationPage_ColumnHeaders_AreDistinctInEachTable()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("見出し確認用業務"));
        var me = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.MaibaraStaff).Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/manage/calls/{callId}/committee", [new("members", me), new("chair", me)], "/manage/calls")).StatusCode);
        var html = await staff.GetStringAsync($"/manage/calls/{callId}/evaluation");
        var tables = Regex.Matches(html, "<thead>(.*?)</thead>", RegexOptions.Singleline);
        Assert.NotEmpty(tables);
        foreach (Match table in tables)
        {
            var headers = Regex.Matches(table.Groups[1].Value, "<th[^>]*>(.*?)</th>", RegexOptions.Singleline).Select(h => h.Groups[1].Value.Trim()).ToList();
            Assert.Equal(headers.Count, headers.Distinct().Count());
        }
    }

    [Fact]
    public async Task StaffMessage_Sent_PageConfirmsIt()
    {
        var (email, profileId) = await factory.CreateExpertAsync("伝言 三郎");
        var id = await ApplyAsync(email, profileId, await OzuOpeningAsync());
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var sent = await ozu.PostFormAsync($"/manage/applications/{id}?handler=Message", [new("body", "面接の日程をご相談します。")], "/manage/openings");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = await ozu.GetStringAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains("メッセージを送信しました。", page);
    }

    [Fact]
    public async Task PersonalDataExport_IncludesInvitationsAndNotificationSettings()
    {
        var (email, profileId) = await factory.CreateExpertAsync("招待 四郎", p => p.Visibility = ProfileVisibility.VisibleToStaff);
        var opening = await OzuOpeningAsync();
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var invited = await ozu.PostFormAsync($"/manage/openings/{opening}/recommendations?handler=Invite", [new("expertId", profileId.ToString()), new("message", "ぜひご応募ください。")], "/manage/openings");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var expert = await factory.SignedInAsync(email);
        var settingsPage = await expert.GetStringAsync("/account/notifications");
        var settingsToken = WebUtility.HtmlDecode(Regex.Match(settingsPage, "name=\"token\" value=\"([^\"]*)\"").Groups[1].Value);
        var saved = await expert.PostFormAsync("/account/notifications", [new("digest", "Weekly"), new("token", settingsToken)], "/account/notifications");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var json = await expert.GetStringAsync("/account/data?handler=Download");
        using var doc = JsonDocument.Parse(json);
        var invitation = Assert.Single(doc.RootElement.GetProperty("invitations").EnumerateArray());
        Assert.Equal("ぜひご応募ください。", invitation.GetProperty("message").GetString());
        Assert.Equal(opening, invitation.GetProperty("opening").GetProperty("id").GetInt32());
        Assert.Equal("Weekly", doc.RootElement.GetProperty("notificationSettings").GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Api_UnknownAddressOrOpening_AnswersProblemJson()
    {
        foreach (var url in new[] { "/api/no-such-thing", "/api/openings/999999" })
        {
            var response = await factory.NewClient().GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(404, doc.RootElement.GetProperty("status").GetInt32());
        }
        // Pages still answer the HTML error page.
        var page = await factory.NewClient().GetAsync("/no-such-page");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AdminMatching_Japanese_NoEnglishLabels()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var training = scope.ServiceProvider.GetRequiredService<Marketplace.Web.Features.Matching.MatchingTraining>();
            var run = await training.QueueAsync(null);
            await training.RunAsync(run.Id);
        }
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var html = await office.GetStringAsync("/admin/matching");
        Assert.Contains("採用：", html);
        // Version ids (rules-20261130T092833Z) are identifiers, not words.
        var main = Regex.Replace(Regex.Match(html, "<main.*?</main>", RegexOptions.Singleline).Value, "(rules|model)-\\d{8}T\\d{6}Z", "");
        var text = Regex.Replace(Regex.Replace(main, "<[^>]+>", " "), "&[a-z#0-9]+;", " ");
        // Ranker names and metrics (NDCG, BM25, LightGBM) are proper names; ordinary English words are not.
        var words = Regex.Matches(text, "[A-Za-z]{3,}").Select(m => m.Value)
            .Where(w => w is not ("NDCG" or "BM" or "LightGBM" or "FastTree" or "CIO" or "CDO" or "ML" or "NET")).Distinct().ToList();
        Assert.True(words.Count == 0, "English on the Japanese page: " + string.Join(", ", words));
    }

    [Fact]
    public async Task English_OneDay_IsSingular()
    {
        var client = factory.NewClient();
        var opening = await OzuOpeningAsync();
        var html = await client.GetStringAsync($"/openings/{opening}?culture=en");
        Assert.Contains("<html lang=\"en\">", html);
        Assert.DoesNotMatch("\\b1 days\\b", html);
        Assert.Matches("\\b1 day\\b", html);
    }
}
