using Marketplace.Web.Features.Calls;
using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Calls;

/// <summary>
/// Calls for proposals move the app's clock past deadlines, so they run on an app of their own and every
/// test makes its own call with deadlines relative to the current (moved) time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProposalCollection : ICollectionFixture<MarketplaceFactory>
{
    public const string Name = "proposals";
}

[Collection(ProposalCollection.Name)]
public class ProposalFlowTests(MarketplaceFactory factory)
{
    [Fact]
    public async Task FullRun_PublishAskAnswerSubmitSealScoreConfirmAward_ResultPublic()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var staff2 = await factory.SignedInAsync(ProposalHelpers.MaibaraStaff2);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var vendor2 = await factory.SignedInAsync(ProposalHelpers.Vendor2);
        var anonymous = factory.NewClient();

        var callId = await factory.CreateCallAsync(staff, factory.CallForm("全体の流れ確認用CIO支援業務"));
        var listed = await anonymous.GetStringAsync("/calls?state=open&q=%E5%85%A8%E4%BD%93%E3%81%AE%E6%B5%81%E3%82%8C");
        Assert.Contains($"data-call-id=\"{callId}\"", listed);

        // A vendor asks; staff answer; the answer is public without the asker's name.
        var ask = await vendor.PostFormAsync($"/vendor/calls/{callId}/questions", [new("body", "常駐は月単位の平均でよいですか。")], "/vendor");
        Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        var questionId = await factory.WithDbAsync(db => db.CallQuestions.Where(q => q.CallId == callId).Select(q => q.Id).SingleAsync());
        Assert.DoesNotContain("常駐は月単位", await anonymous.GetStringAsync($"/calls/{callId}"));
        var answer = await staff.PostFormAsync($"/manage/calls/{callId}/questions?handler=Answer", [new("questionId", questionId.ToString()), new("answer", "月単位の平均で週1日以上なら差し支えありません。")], "/manage/calls");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var publicPage = await anonymous.GetStringAsync($"/calls/{callId}");
        Assert.Contains("常駐は月単位の平均でよいですか。", publicPage);
        Assert.Contains("月単位の平均で週1日以上なら差し支えありません。", publicPage);
        Assert.DoesNotContain("デモ自治体DXパートナーズ", publicPage);
        Assert.Contains("月単位の平均で週1日以上", await vendor.GetStringAsync($"/vendor/calls/{callId}/questions"));
        // Staff were told of the question, the asking vendor of the published answer.
        Assert.Contains(await MailAsync(WebClientExtensions.MaibaraStaff, NotificationKinds.CallQuestion), m => m.Subject.Contains("全体の流れ確認用CIO支援業務") && m.TextBody.Contains($"/manage/calls/{callId}/questions"));
        Assert.Contains(await MailAsync(WebClientExtensions.Vendor, NotificationKinds.CallAnswer), m => m.TextBody.Contains($"/calls/{callId}#qa"));

        // Two vendors submit.
        Assert.Equal(HttpStatusCode.Redirect, (await vendor.SubmitProposalAsync(callId, "30,000,000", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await vendor2.SubmitProposalAsync(callId, "３２，０００，０００円", "excluded", await factory.DistinctStaffingAsync(callId, ProposalHelpers.Vendor2))).StatusCode);

        // Sealed: staff see neither the proposals nor their number before the deadline.
        var sealedList = await staff.GetStringAsync($"/manage/calls/{callId}/proposals");
        Assert.Contains("id=\"sealed\"", sealedList);
        Assert.DoesNotContain("デモ自治体DXパートナーズ", sealedList);
        Assert.DoesNotContain("びわ湖デジタル", sealedList);
        var proposalIds = await factory.WithDbAsync(db => db.Proposals.Where(p => p.CallId == callId).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        Assert.Equal(2, proposalIds.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/manage/calls/{callId}/proposals/{proposalIds[0]}")).StatusCode);

        // A committee of two; staff2 chairs.
        var userIds = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.MaibaraStaff || u.Email == ProposalHelpers.MaibaraStaff2).ToDictionaryAsync(u => u.Email!, u => u.Id));
        var committee = await staff.PostFormAsync($"/manage/calls/{callId}/committee",
            [new("members", userIds[WebClientExtensions.MaibaraStaff]), new("members", userIds[ProposalHelpers.MaibaraStaff2]), new("chair", userIds[ProposalHelpers.MaibaraStaff2])], "/manage/calls");
        Assert.Equal(HttpStatusCode.Redirect, committee.StatusCode);
        Assert.Contains("id=\"sealed\"", await staff.GetStringAsync($"/manage/calls/{callId}/sheet"));

        await RunProposalDeadlinesAsync();
        Assert.DoesNotContain(await MailAsync(WebClientExtensions.MaibaraStaff, NotificationKinds.CallProposalsOpened), m => m.Subject.Contains("全体の流れ確認用CIO支援業務"));
        factory.PassDeadline();
        Assert.Contains("デモ自治体DXパートナーズ", await staff.GetStringAsync($"/manage/calls/{callId}/proposals"));
        // Once past the deadline the staff hear that two proposals are open, once.
        await RunProposalDeadlinesAsync();
        await RunProposalDeadlinesAsync();
        Assert.Single(await MailAsync(ProposalHelpers.MaibaraStaff2, NotificationKinds.CallProposalsOpened), m => m.Subject.Contains("全体の流れ確認用CIO支援業務") && m.Subject.Contains("提案 2 件"));
        // Editing after the deadline is refused.
        var late = await vendor.SubmitProposalAsync(callId, "1,000,000", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor));
        Assert.Contains("提出期限", await late.Content.ReadAsStringAsync());

        var criteria = await factory.WithDbAsync(db => db.EvaluationCriteria.Where(c => c.CallId == callId).OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync());
        // Member 1: vendor 5/4, vendor2 4/4. Chair: vendor 4/4, vendor2 5/5.
        await ScoreAsync(staff, callId, proposalIds, criteria, [[5, 4], [4, 4]]);
        await ScoreAsync(staff2, callId, proposalIds, criteria, [[4, 4], [5, 5]]);

        // Non-chair members see no ranking before confirmation; the chair does.
        Assert.DoesNotContain("id=\"ranking\"", await staff.GetStringAsync($"/manage/calls/{callId}/evaluation"));
        var chairView = await staff2.GetStringAsync($"/manage/calls/{callId}/evaluation");
        Assert.Contains("id=\"ranking\"", chairView);
        // Each criterion earns 40 × score ÷ 5, averaged over the two members.
        // vendor  criterion1: (40·5/5 + 40·4/5)/2 = 36; criterion2: (32 + 32)/2 = 32; technical 68; price 20 × 30M/30M = 20; total 88.00
        // vendor2 criterion1: (32 + 40)/2 = 36; criterion2: (32 + 40)/2 = 36; technical 72; price 20 × 30M/32M = 18.75; total 90.75
        Assert.Contains("90.75", chairView);
        Assert.Contains("88.00", chairView);

        Assert.Contains("委員長", (await (await staff.PostFormAsync($"/manage/calls/{callId}/evaluation?handler=Confirm", [], "/manage/calls")).Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await staff2.PostFormAsync($"/manage/calls/{callId}/evaluation?handler=Confirm", [], "/manage/calls")).StatusCode);

        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == callId)));
        // Only the chair records the award.
        var notChair = await staff.PostFormAsync($"/manage/calls/{callId}/evaluation?handler=Award", [new("proposalId", proposalIds[1].ToString()), new("amount", "32,000,000"), new("token", token)], "/manage/calls");
        Assert.Contains("委員長だけです", await notChair.Content.ReadAsStringAsync());
        Assert.Equal(CallStatus.Published, await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Id == callId).Select(c => c.Status).SingleAsync()));
        var award = await staff2.PostFormAsync($"/manage/calls/{callId}/evaluation?handler=Award", [new("proposalId", proposalIds[1].ToString()), new("amount", "32,000,000"), new("token", token)], "/manage/calls");
        Assert.Equal(HttpStatusCode.Redirect, award.StatusCode);

        var result = await anonymous.GetStringAsync($"/calls/{callId}");
        Assert.Contains("<dd id=\"winner\">株式会社びわ湖デジタルコンサルティング</dd>", result);
        Assert.Contains("2者", result);
        Assert.Contains("90.75", result);
        Assert.Contains("88.00", result);
        Assert.DoesNotContain("デモ自治体DXパートナーズ", result);

        var own = await vendor.GetStringAsync($"/vendor/calls/{callId}/result");
        Assert.Contains("選定されませんでした", own);
        Assert.Contains("88.00", own);
        Assert.DoesNotContain("90.75", own);
        Assert.Contains("90.75", await vendor2.GetStringAsync($"/vendor/calls/{callId}/result"));
        Assert.Contains(await MailAsync(ProposalHelpers.Vendor2, NotificationKinds.CallResult), m => m.Subject == "【自治体CIO人材マーケットプレイス】「全体の流れ確認用CIO支援業務」で貴社の提案が選定されました");
        Assert.Contains(await MailAsync(WebClientExtensions.Vendor, NotificationKinds.CallResult), m => m.Subject == "【自治体CIO人材マーケットプレイス】「全体の流れ確認用CIO支援業務」の審査結果");
        // The award is recorded as the government's contract, which the conflict-of-interest checks use.
        Assert.True(await factory.WithDbAsync(db => db.VendorContracts.AnyAsync(c => c.CorporateNumber == "6160001012345" && c.Description == "全体の流れ確認用CIO支援業務")));
    }

    private Task<List<OutboxMessage>> MailAsync(string to, string kind) =>
        factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == to && m.Kind == kind).ToListAsync());

    private async Task RunProposalDeadlinesAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProposalNotifications>().RunDeadlinesAsync();
    }

    private static async Task ScoreAsync(HttpClient member, int callId, List<int> proposals, List<int> criteria, int[][] scores)
    {
        var fields = new List<KeyValuePair<string, string>> { new("submit", "1") };
        for (var p = 0; p < proposals.Count; p++)
        {
            for (var c = 0; c < criteria.Count; c++)
            {
                fields.Add(new($"scores[p{proposals[p]}c{criteria[c]}]", scores[p][c].ToString()));
            }
        }
        var response = await member.PostFormAsync($"/manage/calls/{callId}/sheet", fields, "/manage/calls");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Sheet_IncompleteSubmit_RefusedAndNothingSaved()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("採点漏れ確認用業務"));
        await vendor.SubmitProposalAsync(callId, "30000000", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor));
        var me = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.MaibaraStaff).Select(u => u.Id).SingleAsync());
        await staff.PostFormAsync($"/manage/calls/{callId}/committee", [new("members", me), new("chair", me)], "/manage/calls");
        factory.PassDeadline();
        var proposal = await factory.WithDbAsync(db => db.Proposals.Where(p => p.CallId == callId).Select(p => p.Id).SingleAsync());
        var criterion = await factory.WithDbAsync(db => db.EvaluationCriteria.Where(c => c.CallId == callId).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync());
        var response = await staff.PostFormAsync($"/manage/calls/{callId}/sheet", [new("submit", "1"), new($"scores[p{proposal}c{criterion}]", "6")], "/manage/calls");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("0から5までの整数", html);
        Assert.Contains("を採点してください", html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.EvaluationScores.CountAsync(s => s.ProposalId == proposal)));
        var confirm = await staff.PostFormAsync($"/manage/calls/{callId}/evaluation?handler=Confirm", [], "/manage/calls");
        Assert.Contains("採点票を提出していない委員", await confirm.Content.ReadAsStringAsync());
        Assert.Null(await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Id == callId).Select(c => c.ConfirmedAt).SingleAsync()));
    }

    [Fact]
    public async Task DemoData_MaibaraCall_ShowsCeilingBothBasesRolesAndAnswer()
    {
        var id = await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Title == "米原市CIO支援業務委託 公募型プロポーザル").Select(c => c.Id).SingleAsync());
        var html = await factory.NewClient().GetStringAsync($"/calls/{id}");
        Assert.Contains("33,000,000円（税抜）／税込 36,300,000円", html);
        Assert.Contains("36か月、複数年契約", html);
        Assert.Contains("平均週1日以上", html);
        Assert.Contains("週2回半日ずつ", html);
        Assert.Contains("実務管理者", html);
        Assert.Contains("自社社員に限る", html);
        Assert.Contains("令和", html);
        Assert.Contains("価格点 = 15 × 最低提案価格 ÷ 当該提案価格", html);
        Assert.Contains("月単位の平均で週1日以上であれば", html);
        Assert.Contains("米原市", await factory.NewClient().GetStringAsync("/calls?prefecture=25"));
        Assert.DoesNotContain("米原市CIO支援", await factory.NewClient().GetStringAsync("/calls?prefecture=27"));
        var english = await factory.NewClient().GetStringAsync($"/calls/{id}?culture=en");
        Assert.Contains("¥33,000,000 (tax excluded) / ¥36,300,000 tax included", english);
    }
}
