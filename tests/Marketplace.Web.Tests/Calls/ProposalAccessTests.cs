using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Calls;

/// <summary>
/// Every URL of calls, proposals, questions and evaluation tried as every other party: staff of another
/// government, another vendor, an expert, the national office and anonymously; and sealing and scoring
/// sheets within the calling government.
/// </summary>
[Collection(ProposalCollection.Name)]
public class ProposalAccessTests(MarketplaceFactory factory)
{
    private const string Approach = "秘密の提案内容：独自の内製化メソッド";

    private sealed record Scenario(int CallId, int ProposalId, int ProposalAttachmentId, int CallAttachmentId, int QuestionId, int MemberId);

    /// <summary>A published 米原市 call with the demo vendor's proposal (and PDF), a question, and a one-person committee.</summary>
    private async Task<Scenario> ScenarioAsync(string title)
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm(title), publish: false);
        await staff.PostMultipartAsync($"/manage/calls/{callId}?handler=Attach", "/manage/calls", "仕様書.pdf", ProposalHelpers.TinyPdf("仕様書"));
        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == callId)));
        await staff.PostFormAsync($"/manage/calls/{callId}?handler=Publish", [new("token", token)], "/manage/calls");
        Assert.Equal(HttpStatusCode.Redirect, (await vendor.SubmitProposalAsync(callId, "30000000", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor), Approach)).StatusCode);
        await vendor.PostMultipartAsync($"/vendor/calls/{callId}/proposal?handler=Attach", "/vendor", "提案書.pdf", ProposalHelpers.TinyPdf("提案書"));
        await vendor.PostFormAsync($"/vendor/calls/{callId}/questions", [new("body", "非公開の質問者からの質問")], "/vendor");
        var me = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.MaibaraStaff).Select(u => u.Id).SingleAsync());
        await staff.PostFormAsync($"/manage/calls/{callId}/committee", [new("members", me), new("chair", me)], "/manage/calls");
        return await factory.WithDbAsync(async db =>
        {
            var proposal = await db.Proposals.SingleAsync(p => p.CallId == callId);
            return new Scenario(callId, proposal.Id,
                await db.ProposalAttachments.Where(a => a.ProposalId == proposal.Id).Select(a => a.Id).SingleAsync(),
                await db.CallAttachments.Where(a => a.CallId == callId).Select(a => a.Id).SingleAsync(),
                await db.CallQuestions.Where(q => q.CallId == callId).Select(q => q.Id).SingleAsync(),
                await db.CommitteeMembers.Where(m => m.CallId == callId).Select(m => m.Id).SingleAsync());
        });
    }

    private static string[] StaffUrls(Scenario s) =>
    [
        $"/manage/calls/{s.CallId}", $"/manage/calls/{s.CallId}/edit", $"/manage/calls/{s.CallId}/attachments/{s.CallAttachmentId}",
        $"/manage/calls/{s.CallId}/questions", $"/manage/calls/{s.CallId}/proposals", $"/manage/calls/{s.CallId}/proposals/{s.ProposalId}",
        $"/manage/calls/{s.CallId}/proposals/{s.ProposalId}/attachments/{s.ProposalAttachmentId}", $"/manage/calls/{s.CallId}/committee",
        $"/manage/calls/{s.CallId}/evaluation", $"/manage/calls/{s.CallId}/sheet", $"/manage/calls/{s.CallId}/sheets/{s.MemberId}",
    ];

    private static string[] VendorUrls(Scenario s) =>
    [
        $"/vendor/calls/{s.CallId}/proposal/attachments/{s.ProposalAttachmentId}", $"/vendor/calls/{s.CallId}/result",
    ];

    private static string[] VendorPages(Scenario s) =>
        ["/vendor", "/vendor/staff", $"/vendor/calls/{s.CallId}/proposal", $"/vendor/calls/{s.CallId}/questions", .. VendorUrls(s)];

    [Fact]
    public async Task StaffPages_OtherGovernment_NotFoundEvenAfterDeadline()
    {
        var s = await ScenarioAsync("他団体アクセス確認用業務");
        factory.PassDeadline();
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        foreach (var url in StaffUrls(s))
        {
            var response = await osaka.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {response.StatusCode}");
            Assert.DoesNotContain(Approach, await response.Content.ReadAsStringAsync());
        }
        Assert.DoesNotContain("他団体アクセス確認用業務", await osaka.GetStringAsync("/manage/calls"));
    }

    [Fact]
    public async Task StaffActions_OtherGovernment_NotFoundAndNothingChanged()
    {
        var s = await ScenarioAsync("他団体操作確認用業務");
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var osakaUser = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.OsakaStaff).Select(u => u.Id).SingleAsync());
        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == s.CallId)));
        var posts = new (string Url, List<KeyValuePair<string, string>> Fields)[]
        {
            ($"/manage/calls/{s.CallId}/edit", factory.CallForm("乗っ取り")),
            ($"/manage/calls/{s.CallId}?handler=Cancel", [new("token", token)]),
            ($"/manage/calls/{s.CallId}?handler=RemoveAttachment", [new("attachmentId", s.CallAttachmentId.ToString())]),
            ($"/manage/calls/{s.CallId}/questions?handler=Answer", [new("questionId", s.QuestionId.ToString()), new("answer", "他団体の回答")]),
            ($"/manage/calls/{s.CallId}/committee", [new("members", osakaUser), new("chair", osakaUser)]),
            ($"/manage/calls/{s.CallId}/evaluation?handler=Confirm", []),
            ($"/manage/calls/{s.CallId}/evaluation?handler=Award", [new("proposalId", s.ProposalId.ToString()), new("amount", "1"), new("token", token)]),
            ($"/manage/calls/{s.CallId}/sheet", [new("submit", "1")]),
        };
        foreach (var (url, fields) in posts)
        {
            var response = await osaka.PostFormAsync(url, fields, "/manage/calls");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {response.StatusCode}");
        }
        var call = await factory.WithDbAsync(db => db.ProposalCalls.SingleAsync(c => c.Id == s.CallId));
        Assert.Equal(("他団体操作確認用業務", CallStatus.Published), (call.Title, call.Status));
        Assert.Null(await factory.WithDbAsync(db => db.CallQuestions.Where(q => q.Id == s.QuestionId).Select(q => q.Answer).SingleAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.CallAttachments.CountAsync(a => a.CallId == s.CallId)));
        Assert.False(await factory.WithDbAsync(db => db.CommitteeMembers.AnyAsync(m => m.CallId == s.CallId && m.UserId == osakaUser)));
    }

    [Fact]
    public async Task SameGovernment_BeforeDeadline_ProposalsSealedEvenToTheCommittee()
    {
        var s = await ScenarioAsync("封かん確認用業務");
        foreach (var email in new[] { WebClientExtensions.MaibaraStaff, ProposalHelpers.MaibaraStaff2 })
        {
            var staff = await factory.SignedInAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/manage/calls/{s.CallId}/proposals/{s.ProposalId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/manage/calls/{s.CallId}/proposals/{s.ProposalId}/attachments/{s.ProposalAttachmentId}")).StatusCode);
            foreach (var url in new[] { $"/manage/calls/{s.CallId}/proposals", $"/manage/calls/{s.CallId}/evaluation" })
            {
                var html = await staff.GetStringAsync(url);
                Assert.DoesNotContain(Approach, html);
                Assert.DoesNotContain("デモ自治体DXパートナーズ", html);
                Assert.DoesNotContain("1者", html);
            }
        }
    }

    [Fact]
    public async Task SameGovernment_NonMember_SeesNoSheetsOrRankingUntilConfirmed()
    {
        var s = await ScenarioAsync("採点票非公開確認用業務");
        factory.PassDeadline();
        var member = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var criteria = await factory.WithDbAsync(db => db.EvaluationCriteria.Where(c => c.CallId == s.CallId).Select(c => c.Id).ToListAsync());
        await member.PostFormAsync($"/manage/calls/{s.CallId}/sheet", [new("submit", "0"), .. criteria.Select(c => new KeyValuePair<string, string>($"scores[p{s.ProposalId}c{c}]", "3"))], "/manage/calls");
        var other = await factory.SignedInAsync(ProposalHelpers.MaibaraStaff2);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/manage/calls/{s.CallId}/sheet")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/manage/calls/{s.CallId}/sheets/{s.MemberId}")).StatusCode);
        Assert.DoesNotContain("id=\"ranking\"", await other.GetStringAsync($"/manage/calls/{s.CallId}/evaluation"));
        // A non-member cannot score, and a non-chair cannot confirm.
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/manage/calls/{s.CallId}/sheet", [new("submit", "0")], "/manage/calls")).StatusCode);
        await other.PostFormAsync($"/manage/calls/{s.CallId}/evaluation?handler=Confirm", [], "/manage/calls");
        Assert.Null(await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Id == s.CallId).Select(c => c.ConfirmedAt).SingleAsync()));
    }

    [Fact]
    public async Task VendorPages_OtherVendor_NotFoundAndNothingChanged()
    {
        var s = await ScenarioAsync("他社アクセス確認用業務");
        var other = await factory.SignedInAsync(ProposalHelpers.Vendor2);
        foreach (var url in VendorUrls(s))
        {
            Assert.True((await other.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        }
        // Its own (empty) proposal form shows nothing of the other vendor's proposal, nor their question.
        Assert.DoesNotContain(Approach, await other.GetStringAsync($"/vendor/calls/{s.CallId}/proposal"));
        Assert.DoesNotContain("非公開の質問者からの質問", await other.GetStringAsync($"/vendor/calls/{s.CallId}/questions"));
        Assert.DoesNotContain("他社アクセス確認用業務", await other.GetStringAsync("/vendor"));
        var remove = await other.PostFormAsync($"/vendor/calls/{s.CallId}/proposal?handler=RemoveAttachment", [new("attachmentId", s.ProposalAttachmentId.ToString())], "/vendor");
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/vendor/calls/{s.CallId}/proposal?handler=Withdraw", [], "/vendor")).StatusCode);
        var staffMember = (await factory.StaffOfAsync(WebClientExtensions.Vendor)).Last().Id;
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync("/vendor/staff?handler=Remove", [new("memberId", staffMember.ToString())], "/vendor")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.ProposalAttachments.AnyAsync(a => a.Id == s.ProposalAttachmentId)));
        Assert.True(await factory.WithDbAsync(db => db.VendorStaffMembers.AnyAsync(m => m.Id == staffMember)));
        factory.PassDeadline();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/vendor/calls/{s.CallId}/proposal")).StatusCode);
    }

    [Theory]
    [InlineData(WebClientExtensions.Expert)]
    [InlineData(WebClientExtensions.Office)]
    [InlineData(WebClientExtensions.Vendor)]
    public async Task StaffPages_NonStaff_AccessDenied(string email)
    {
        var s = await ScenarioAsync($"職員以外確認用業務 {email}");
        var client = await factory.SignedInAsync(email);
        foreach (var url in StaffUrls(s).Append("/manage/calls").Append("/manage/calls/new"))
        {
            WebClientExtensions.AssertAccessDenied(await client.GetAsync(url));
        }
    }

    [Theory]
    [InlineData(WebClientExtensions.Expert)]
    [InlineData(WebClientExtensions.Office)]
    [InlineData(WebClientExtensions.MaibaraStaff)]
    public async Task VendorPages_NonVendor_AccessDenied(string email)
    {
        var s = await ScenarioAsync($"事業者以外確認用業務 {email}");
        var client = await factory.SignedInAsync(email);
        foreach (var url in VendorPages(s))
        {
            WebClientExtensions.AssertAccessDenied(await client.GetAsync(url));
        }
    }

    [Fact]
    public async Task PrivatePages_Anonymous_RedirectToLogin()
    {
        var s = await ScenarioAsync("匿名確認用業務");
        var anonymous = factory.NewClient();
        foreach (var url in StaffUrls(s).Concat(VendorPages(s)))
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login", WebClientExtensions.LocationPath(response));
        }
        // The public page shows the call, its PDF and no unanswered question or proposal.
        var page = await anonymous.GetStringAsync($"/calls/{s.CallId}");
        Assert.DoesNotContain("非公開の質問者からの質問", page);
        Assert.DoesNotContain(Approach, page);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/calls/{s.CallId}/attachments/{s.CallAttachmentId}")).StatusCode);
    }

    [Fact]
    public async Task DraftCall_NotPublic()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("下書き非公開確認用業務"), publish: false);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.NewClient().GetAsync($"/calls/{callId}")).StatusCode);
        Assert.DoesNotContain("下書き非公開確認用業務", await factory.NewClient().GetStringAsync("/calls"));
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        Assert.Equal(HttpStatusCode.NotFound, (await vendor.GetAsync($"/vendor/calls/{callId}/proposal")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vendor.PostFormAsync($"/vendor/calls/{callId}/questions", [new("body", "下書きへの質問")], "/vendor")).StatusCode);
    }
}
