using System.Net;
using System.Text;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Marketplace.Web.Tests.Openings;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Applications;

/// <summary>An expert applies, withdraws and follows stages; staff move applicants on; both sides message.</summary>
[Collection(WebCollection.Name)]
public class ApplicationFlowTests(MarketplaceFactory factory)
{
    private Task<int> OzuOpeningAsync() =>
        factory.WithDbAsync(db => db.Openings.Where(o => o.Title == "CDO補佐官（デジタル変革推進）").Select(o => o.Id).SingleAsync());

    internal static async Task<HttpResponseMessage> ApplyAsync(HttpClient expert, int openingId, string motivation = "大洲市のDXに貢献したいと考えています。") =>
        await expert.PostFormAsync($"/openings/{openingId}/apply", [new("motivation", motivation)], "/applications");

    private async Task<int> ApplicationIdAsync(int openingId, int profileId) =>
        await factory.WithDbAsync(db => db.Applications.Where(a => a.OpeningId == openingId && a.ExpertProfileId == profileId).Select(a => a.Id).SingleAsync());

    private Task<string> TokenAsync(int applicationId) =>
        factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.Applications.SingleAsync(a => a.Id == applicationId)));

    [Fact]
    public async Task Apply_ThenStaffMovesAndExpertWithdraws_StagesVisibleToBoth()
    {
        var (email, profileId) = await factory.CreateExpertAsync("応募 花子");
        var expert = await factory.SignedInAsync(email);
        var opening = await OzuOpeningAsync();

        var form = await expert.GetStringAsync($"/openings/{opening}/apply");
        Assert.Contains("志望動機", form);
        var applied = await ApplyAsync(expert, opening);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var id = await ApplicationIdAsync(opening, profileId);
        Assert.Equal($"/applications/{id}", WebClientExtensions.LocationPath(applied));
        Assert.Contains("応募状況を見る", await expert.GetStringAsync($"/openings/{opening}"));
        Assert.Contains("CDO補佐官（デジタル変革推進）", await expert.GetStringAsync("/applications"));

        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        Assert.Contains("応募 花子", await ozu.GetStringAsync($"/manage/openings/{opening}/applicants"));
        var move = await ozu.PostFormAsync($"/manage/applications/{id}?handler=Move",
            [new("toStage", Stages.Interviewed), new("reason", "書類選考を通過"), new("token", await TokenAsync(id))], "/manage/openings");
        Assert.Equal(HttpStatusCode.Redirect, move.StatusCode);

        var page = await expert.GetStringAsync($"/applications/{id}");
        Assert.Contains("<span class=\"badge stage\" id=\"stage\">面接</span>", page);
        Assert.Contains("書類選考を通過", page);

        var message = await ozu.PostFormAsync($"/manage/applications/{id}?handler=Message", [new("body", "面接日程の候補をお送りします。")], "/manage/openings");
        Assert.Equal(HttpStatusCode.Redirect, message.StatusCode);
        Assert.Contains("面接日程の候補をお送りします。", await expert.GetStringAsync($"/applications/{id}"));
        Assert.Equal(HttpStatusCode.Redirect, (await expert.PostFormAsync($"/applications/{id}?handler=Message", [new("body", "承知しました。")], "/applications")).StatusCode);
        Assert.Contains("承知しました。", await ozu.GetStringAsync($"/manage/applications/{id}"));

        var withdraw = await expert.PostFormAsync($"/applications/{id}?handler=Withdraw", [new("token", await TokenAsync(id)), new("confirm", "true")], "/applications");
        Assert.Equal(HttpStatusCode.Redirect, withdraw.StatusCode);
        var history = await factory.WithDbAsync(db => db.ApplicationStageChanges.Where(h => h.ApplicationId == id).OrderBy(h => h.Id).ToListAsync());
        Assert.Equal([Stages.Applied, Stages.Interviewed, Stages.Withdrawn], history.Select(h => h.ToStage));
        Assert.True(history[2].ByExpert);
        Assert.NotNull(history[1].ChangedByUserId);
        Assert.Equal("書類選考を通過", history[1].Reason);
        Assert.Contains("応募辞退", await ozu.GetStringAsync($"/manage/applications/{id}"));
    }

    [Fact]
    public async Task Message_TooLong_RefusedAndKeptInTheBox_OnBothSides()
    {
        var (email, profileId) = await factory.CreateExpertAsync();
        var expert = await factory.SignedInAsync(email);
        var opening = await OzuOpeningAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await ApplyAsync(expert, opening)).StatusCode);
        var id = await ApplicationIdAsync(opening, profileId);
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var tooLong = "面接の日程について" + new string('あ', 4_000);

        foreach (var (client, url, home) in new[] { (expert, $"/applications/{id}", "/applications"), (ozu, $"/manage/applications/{id}", "/manage/openings") })
        {
            var refused = await client.PostFormAsync(url + "?handler=Message", [new("body", tooLong)], home);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("4000文字以内", html);
            // What was typed comes back in the box, not an empty one.
            Assert.Contains($"maxlength=\"4000\" aria-describedby=\"message-error\">{tooLong}</textarea>", html);
        }
        Assert.Equal(0, await factory.WithDbAsync(db => db.ApplicationMessages.CountAsync(m => m.ApplicationId == id)));
    }

    [Fact]
    public async Task Apply_Twice_RefusedWithMessage()
    {
        var (email, profileId) = await factory.CreateExpertAsync();
        var expert = await factory.SignedInAsync(email);
        var opening = await OzuOpeningAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await ApplyAsync(expert, opening)).StatusCode);
        var second = await ApplyAsync(expert, opening);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("この募集にはすでに応募しています。", await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Applications.CountAsync(a => a.ExpertProfileId == profileId)));
    }

    [Fact]
    public async Task Apply_ConcurrentDoubleSubmit_CreatesOneApplication()
    {
        var (email, profileId) = await factory.CreateExpertAsync();
        var expert = await factory.SignedInAsync(email);
        var opening = await OzuOpeningAsync();
        var token = await expert.TokenAsync("/applications");
        var posts = Enumerable.Range(0, 8).Select(_ => expert.PostAsync($"/openings/{opening}/apply",
            new FormUrlEncodedContent([new("motivation", "同時送信"), new("__RequestVerificationToken", token)])));
        var responses = await Task.WhenAll(posts);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Applications.CountAsync(a => a.ExpertProfileId == profileId && a.OpeningId == opening)));
    }

    [Theory]
    [InlineData("deadline", "応募締切日を過ぎているため、応募できません。")]
    [InlineData("closed", "この募集は締め切られたか、取り消されたため、応募できません。")]
    [InlineData("certified", "この募集は認定CIOに限られています。")]
    public async Task Apply_OpeningNotTakingApplications_RefusedAndNothingSaved(string why, string message)
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var opening = await OpeningAccessTests.CreateDraftAsync(osaka, "応募拒否の確認 " + why);
        await osaka.PostFormAsync($"/manage/openings/{opening}?handler=Publish", [new("token", await factory.TokenOfAsync(opening))], "/manage/openings/new");
        await factory.WithDbAsync(async db =>
        {
            var o = await db.Openings.SingleAsync(x => x.Id == opening);
            if (why == "deadline") o.ApplicationDeadline = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2));
            if (why == "closed") o.Status = OpeningStatus.Closed;
            if (why == "certified") o.CertifiedCioOnly = true;
            return await db.SaveChangesAsync();
        });
        var (email, profileId) = await factory.CreateExpertAsync();
        var expert = await factory.SignedInAsync(email);
        var response = await ApplyAsync(expert, opening);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDbAsync(db => db.Applications.AnyAsync(a => a.ExpertProfileId == profileId)));
    }

    [Fact]
    public async Task StaffMove_NotAllowedOrWithoutReason_RefusedAndUnchanged()
    {
        var (email, profileId) = await factory.CreateExpertAsync();
        var opening = await OzuOpeningAsync();
        await ApplyAsync(await factory.SignedInAsync(email), opening);
        var id = await ApplicationIdAsync(opening, profileId);
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);

        var skip = await ozu.PostFormAsync($"/manage/applications/{id}?handler=Move", [new("toStage", Stages.Hired), new("reason", "いきなり採用"), new("token", await TokenAsync(id))], "/manage/openings");
        Assert.Contains("「応募」から「採用」へは移せません。", await skip.Content.ReadAsStringAsync());
        var noReason = await ozu.PostFormAsync($"/manage/applications/{id}?handler=Move", [new("toStage", Stages.Interviewed), new("reason", " "), new("token", await TokenAsync(id))], "/manage/openings");
        Assert.Contains("理由を入力してください。", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(Stages.Applied, await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Stage).SingleAsync()));
    }

    [Fact]
    public async Task StaffMove_StaleToken_ConflictMessage()
    {
        var (email, profileId) = await factory.CreateExpertAsync();
        var opening = await OzuOpeningAsync();
        await ApplyAsync(await factory.SignedInAsync(email), opening);
        var id = await ApplicationIdAsync(opening, profileId);
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var stale = await TokenAsync(id);
        Assert.Equal(HttpStatusCode.Redirect, (await ozu.PostFormAsync($"/manage/applications/{id}?handler=Move", [new("toStage", Stages.Interviewed), new("reason", "一人目"), new("token", stale)], "/manage/openings")).StatusCode);
        var second = await ozu.PostFormAsync($"/manage/applications/{id}?handler=Move", [new("toStage", Stages.ScreenedOut), new("reason", "二人目"), new("token", stale)], "/manage/openings");
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(Stages.Interviewed, await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Stage).SingleAsync()));
    }

    [Fact]
    public async Task Export_ShiftJis_DecodesWithCodePage932()
    {
        var (email, profileId) = await factory.CreateExpertAsync("髙橋 美咲");
        var opening = await OzuOpeningAsync();
        await ApplyAsync(await factory.SignedInAsync(email), opening, "=HYPERLINK(\"http://example.invalid\")");
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);

        var sjis = await ozu.GetAsync($"/manage/openings/{opening}/applicants?handler=Csv&encoding=sjis");
        Assert.Equal(HttpStatusCode.OK, sjis.StatusCode);
        Assert.Equal("shift_jis", sjis.Content.Headers.ContentType!.CharSet);
        var bytes = await sjis.Content.ReadAsByteArrayAsync();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = Encoding.GetEncoding(932).GetString(bytes);
        Assert.StartsWith("応募ID,氏名,メールアドレス", text);
        Assert.Contains("髙橋 美咲", text);
        Assert.Contains(email, text);
        Assert.Contains("'=HYPERLINK", text);
        Assert.NotEqual(0xEF, bytes[0]);

        var utf8 = await (await ozu.GetAsync($"/manage/openings/{opening}/applicants?handler=Csv")).Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, utf8[..3]);
        Assert.Contains("髙橋 美咲", Encoding.UTF8.GetString(utf8));
    }

    [Fact]
    public async Task ConflictOfInterest_AffiliatedApplicant_FlaggedToThatGovernmentOnly()
    {
        var (email, profileId) = await factory.CreateExpertAsync("利害 一郎", p =>
        {
            p.VendorAffiliationName = "株式会社テスト情報システム";
            p.VendorCorporateNumber = "7000012050002";
        });
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var added = await ozu.PostFormAsync("/manage/vendor-contracts",
            [new("Input.VendorName", "株式会社テスト情報システム"), new("Input.CorporateNumber", "７０００－０１２０－５０００２"), new("Input.Relation", "Bidding"), new("Input.Description", "住民情報システム更改")], "/manage/openings");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        // On the audit record: the exclusion from recommendations reacts to these records, so probing with them shows.
        var ozuOrg = await factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == "382078").Select(o => o.Id).SingleAsync());
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == Marketplace.Web.Features.Security.AuditActions.VendorContractAdded
            && e.SubjectId == "7000012050002" && e.OrganizationId == ozuOrg)));

        var opening = await OzuOpeningAsync();
        await ApplyAsync(await factory.SignedInAsync(email), opening);
        var id = await ApplicationIdAsync(opening, profileId);
        var list = await ozu.GetStringAsync($"/manage/openings/{opening}/applicants");
        Assert.Contains("利害関係の注意", list);
        Assert.Contains("住民情報システム更改", list);
        Assert.Contains("入札・提案しています", await ozu.GetStringAsync($"/manage/applications/{id}"));

        // The same expert applying to 大阪府 is not flagged there: the record is 大洲市's.
        var osakaOpening = await factory.WithDbAsync(db => db.Openings.Where(o => o.Title == "スマートシティ戦略部副理事（CIO補佐官）").Select(o => o.Id).SingleAsync());
        await ApplyAsync(await factory.SignedInAsync(email), osakaOpening);
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        Assert.DoesNotContain("利害関係の注意", await osaka.GetStringAsync($"/manage/openings/{osakaOpening}/applicants"));
    }

    [Fact]
    public async Task VendorContract_WrongCorporateNumber_RefusedAndNothingSaved()
    {
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var count = await factory.WithDbAsync(db => db.VendorContracts.CountAsync());
        var response = await ozu.PostFormAsync("/manage/vendor-contracts",
            [new("Input.VendorName", "誤り株式会社"), new("Input.CorporateNumber", "7000012050003"), new("Input.Relation", "HoldsContract")], "/manage/openings");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("法人番号は13桁の数字で", await response.Content.ReadAsStringAsync());
        Assert.Equal(count, await factory.WithDbAsync(db => db.VendorContracts.CountAsync()));
    }

    [Fact]
    public async Task DemoData_OzuApplicants_IncludeTheFlaggedVendorEmployee()
    {
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var html = await ozu.GetStringAsync($"/manage/openings/{await OzuOpeningAsync()}/applicants");
        Assert.Contains("株式会社デモ自治体DXパートナーズ", html);
        Assert.Contains("基幹系システム運用保守業務", html);
    }
}
