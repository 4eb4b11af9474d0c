using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Calls;

/// <summary>Refused proposals, calls and attachments say what to fix, and nothing of them is saved.</summary>
[Collection(ProposalCollection.Name)]
public class ProposalValidationTests(MarketplaceFactory factory)
{
    private Task<int> ProposalCountAsync(int callId) => factory.WithDbAsync(db => db.Proposals.CountAsync(p => p.CallId == callId));

    [Fact]
    public async Task Submit_OverCeilingOnTheCallsTaxBasis_RefusedAndNothingSaved()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("上限超過確認用業務"));
        var staffing = await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor);

        // 33,000,000 tax excluded is the ceiling; 36,300,001 tax included is 33,000,001 tax excluded.
        var response = await vendor.SubmitProposalAsync(callId, "36,300,001", "included", staffing);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("提案上限額 33,000,000円（税抜）を超えています", html);
        Assert.Contains("33,000,001円", html);
        Assert.Equal(0, await ProposalCountAsync(callId));

        // The same ceiling in tax-included terms is accepted.
        Assert.Equal(HttpStatusCode.Redirect, (await vendor.SubmitProposalAsync(callId, "36,300,000", "included", staffing)).StatusCode);
        Assert.Equal(33_000_000, await factory.WithDbAsync(db => db.Proposals.Where(p => p.CallId == callId).Select(p => p.PriceOnCallBasisYen).SingleAsync()));
    }

    [Fact]
    public async Task Submit_TaxIncludedCeilingExceededByExcludedPrice_Refused()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("税込上限確認用業務", ceiling: "11,000,000", taxIncluded: true));
        // 10,000,001 tax excluded is 11,000,001 tax included.
        var response = await vendor.SubmitProposalAsync(callId, "10,000,001", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor));
        Assert.Contains("提案上限額 11,000,000円（税込）を超えています", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await ProposalCountAsync(callId));
    }

    [Fact]
    public async Task Submit_OnePersonForTwoRolesThatMayNotBeCombined_RefusedAndNothingSaved()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("兼務不可確認用業務", combinable: false));
        var roles = await factory.RoleIdsAsync(callId);
        var people = await factory.StaffOfAsync(WebClientExtensions.Vendor);
        var employee = people.First(p => p.IsEmployee);
        var response = await vendor.SubmitProposalAsync(callId, "30000000", "excluded",
            new Dictionary<int, int> { [roles["CIO補佐官"]] = employee.Id, [roles["実務管理者"]] = employee.Id, [roles["担当者"]] = people.Last().Id });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"{employee.FullName}さんがCIO補佐官、実務管理者を兼ねていますが、CIO補佐官、実務管理者は兼務できません", html);
        Assert.Equal(0, await ProposalCountAsync(callId));
    }

    [Fact]
    public async Task Submit_NonEmployeeForOwnEmployeeRole_RefusedAndNothingSaved()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("自社社員確認用業務"));
        var roles = await factory.RoleIdsAsync(callId);
        var contractor = (await factory.StaffOfAsync(WebClientExtensions.Vendor)).First(p => !p.IsEmployee);
        var response = await vendor.SubmitProposalAsync(callId, "30000000", "excluded",
            new Dictionary<int, int> { [roles["CIO補佐官"]] = contractor.Id, [roles["実務管理者"]] = contractor.Id, [roles["担当者"]] = contractor.Id });
        Assert.Contains("「実務管理者」は自社社員に限られますが", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await ProposalCountAsync(callId));
    }

    [Fact]
    public async Task Submit_AnotherVendorsStaff_Refused()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("他社要員確認用業務"));
        var response = await vendor.SubmitProposalAsync(callId, "30000000", "excluded", await factory.DistinctStaffingAsync(callId, ProposalHelpers.Vendor2));
        Assert.Contains("を選択してください", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await ProposalCountAsync(callId));
    }

    [Fact]
    public async Task Submit_AfterDeadline_RefusedAndExistingProposalUnchanged()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var vendor2 = await factory.SignedInAsync(ProposalHelpers.Vendor2);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("期限後提出確認用業務"));
        Assert.Equal(HttpStatusCode.Redirect, (await vendor.SubmitProposalAsync(callId, "30000000", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor))).StatusCode);
        factory.PassDeadline();

        var late = await vendor2.SubmitProposalAsync(callId, "20000000", "excluded", await factory.DistinctStaffingAsync(callId, ProposalHelpers.Vendor2));
        Assert.Contains("提出期限", await late.Content.ReadAsStringAsync());
        Assert.Contains("を過ぎているため、提案書の提出・修正はできません", await late.Content.ReadAsStringAsync());
        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.Proposals.SingleAsync(p => p.CallId == callId)));
        var edit = await vendor.SubmitProposalAsync(callId, "1000", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor), token: token);
        Assert.Contains("提出期限", await edit.Content.ReadAsStringAsync());
        Assert.Equal(30_000_000, await factory.WithDbAsync(db => db.Proposals.Where(p => p.CallId == callId).Select(p => p.PriceYen).SingleAsync()));
        Assert.Equal(1, await ProposalCountAsync(callId));
        var withdraw = await vendor.PostFormAsync($"/vendor/calls/{callId}/proposal?handler=Withdraw", [], "/vendor");
        Assert.Equal(1, await ProposalCountAsync(callId));
        Assert.Contains("提出期限", await withdraw.Content.ReadAsStringAsync());
        var question = await vendor.PostFormAsync($"/vendor/calls/{callId}/questions", [new("body", "期限後の質問")], "/vendor");
        Assert.Contains("質問の受付期限を過ぎています", await question.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDbAsync(db => db.CallQuestions.AnyAsync(q => q.CallId == callId)));
    }

    [Fact]
    public async Task CancelledCall_VendorCannotWithdrawOrChangeAttachments_ProposalKeptAndReasonShown()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("中止後取下げ確認用業務"));
        Assert.Equal(HttpStatusCode.Redirect, (await vendor.SubmitProposalAsync(callId, "30000000", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor))).StatusCode);
        await vendor.PostMultipartAsync($"/vendor/calls/{callId}/proposal?handler=Attach", "/vendor", "提案書.pdf", ProposalHelpers.TinyPdf("中止前"));
        var attachmentId = await factory.WithDbAsync(db => db.ProposalAttachments.Where(a => db.Proposals.Any(p => p.Id == a.ProposalId && p.CallId == callId)).Select(a => a.Id).SingleAsync());
        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == callId)));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/manage/calls/{callId}?handler=Cancel", [new("token", token), new("confirm", "true")], "/manage/calls")).StatusCode);

        const string Reason = "この公募は中止されたため、提案書の提出・修正・取下げはできません。";
        Assert.Contains(Reason, await vendor.GetStringAsync($"/vendor/calls/{callId}/proposal"));
        var withdraw = await vendor.PostFormAsync($"/vendor/calls/{callId}/proposal?handler=Withdraw", [], "/vendor");
        Assert.Contains(Reason, await withdraw.Content.ReadAsStringAsync());
        var attach = await vendor.PostMultipartAsync($"/vendor/calls/{callId}/proposal?handler=Attach", "/vendor", "追加.pdf", ProposalHelpers.TinyPdf("中止後"));
        Assert.Contains(Reason, await attach.Content.ReadAsStringAsync());
        var remove = await vendor.PostFormAsync($"/vendor/calls/{callId}/proposal?handler=RemoveAttachment", [new("attachmentId", attachmentId.ToString())], "/vendor");
        Assert.Contains(Reason, await remove.Content.ReadAsStringAsync());

        Assert.Equal(1, await ProposalCountAsync(callId));
        Assert.Equal([attachmentId], await factory.WithDbAsync(db => db.ProposalAttachments.Where(a => db.Proposals.Any(p => p.Id == a.ProposalId && p.CallId == callId)).Select(a => a.Id).ToListAsync()));
    }

    [Fact]
    public async Task Submit_FullWidthPrice_Accepted()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("全角金額確認用業務"));
        Assert.Equal(HttpStatusCode.Redirect, (await vendor.SubmitProposalAsync(callId, "２９，８００，０００円", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor))).StatusCode);
        Assert.Equal(29_800_000, await factory.WithDbAsync(db => db.Proposals.Where(p => p.CallId == callId).Select(p => p.PriceYen).SingleAsync()));
    }

    [Fact]
    public async Task CreateCall_BadInput_EveryMistakeExplainedAndNothingSaved()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var before = await factory.WithDbAsync(db => db.ProposalCalls.CountAsync());
        var form = factory.CallForm("").Where(f => !f.Key.StartsWith("Input.Roles") && !f.Key.StartsWith("Input.Criteria")).ToList();
        form.RemoveAll(f => f.Key is "Input.Ceiling" or "Input.SubmissionDeadline" or "Input.ContractEnd");
        form.Add(new("Input.Ceiling", "三千万"));
        form.Add(new("Input.SubmissionDeadline", "2020-01-01 17:00"));
        form.Add(new("Input.ContractEnd", "2020-01-01"));
        var response = await staff.PostFormAsync("/manage/calls/new", form, "/manage/calls");
        var html = await response.Content.ReadAsStringAsync();
        foreach (var expected in new[] { "件名を入力してください", "提案上限額は円単位の整数", "提出期限は現在より後", "終了日は開始日より後", "役割を1つ以上", "評価項目を1つ以上" })
        {
            Assert.Contains(expected, html);
        }
        Assert.Equal(before, await factory.WithDbAsync(db => db.ProposalCalls.CountAsync()));
    }

    [Fact]
    public async Task Attachments_NonPdfOrOversized_RefusedRealPdfStoredAndDownloadable()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("添付確認用業務"), publish: false);
        var fake = await staff.PostMultipartAsync($"/manage/calls/{callId}?handler=Attach", "/manage/calls", "仕様書.pdf", "PK\u0003\u0004 this is a zip %%EOF"u8.ToArray());
        Assert.Contains("「仕様書.pdf」はPDFファイルではありません", await fake.Content.ReadAsStringAsync());
        var big = new byte[11 * 1024 * 1024];
        "%PDF-1.4\n"u8.CopyTo(big);
        "%%EOF"u8.CopyTo(big.AsSpan(big.Length - 5));
        var oversized = await staff.PostMultipartAsync($"/manage/calls/{callId}?handler=Attach", "/manage/calls", "大きな資料.pdf", big);
        Assert.Contains("10MB以下", await oversized.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDbAsync(db => db.CallAttachments.AnyAsync(a => a.CallId == callId)));

        var pdf = ProposalHelpers.TinyPdf("実施要領");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostMultipartAsync($"/manage/calls/{callId}?handler=Attach", "/manage/calls", "実施要領.pdf", pdf)).StatusCode);
        var attachment = await factory.WithDbAsync(db => db.CallAttachments.Where(a => a.CallId == callId).Select(a => a.Id).SingleAsync());
        var download = await staff.GetAsync($"/manage/calls/{callId}/attachments/{attachment}");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        // Not public while the call is a draft.
        Assert.Equal(HttpStatusCode.NotFound, (await factory.NewClient().GetAsync($"/calls/{callId}/attachments/{attachment}")).StatusCode);
    }

    [Fact]
    public async Task EditDraft_RolesAndCriteriaReplaced_PublishedCallChangedOnlyAsACorrectionWithAReason()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("下書き編集確認用業務"), publish: false);
        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == callId)));
        var form = factory.CallForm("下書き編集確認用業務（修正）").Where(f => !f.Key.StartsWith("Input.Roles[2]") && !f.Key.StartsWith("Input.Criteria[1]")).ToList();
        form.Add(new("Input.ConcurrencyToken", token));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/manage/calls/{callId}/edit", form, "/manage/calls")).StatusCode);
        var (title, roles, criteria) = await factory.WithDbAsync(async db => (
            await db.ProposalCalls.Where(c => c.Id == callId).Select(c => c.Title).SingleAsync(),
            await db.CallRoles.Where(r => r.CallId == callId).OrderBy(r => r.SortOrder).Select(r => r.Name).ToListAsync(),
            await db.EvaluationCriteria.CountAsync(c => c.CallId == callId)));
        Assert.Equal("下書き編集確認用業務（修正）", title);
        Assert.Equal(["CIO補佐官", "実務管理者"], roles);
        Assert.Equal(1, criteria);

        // A stale form (the token before that save) is refused.
        var stale = await staff.PostFormAsync($"/manage/calls/{callId}/edit", form, "/manage/calls");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == callId)));
        await staff.PostFormAsync($"/manage/calls/{callId}?handler=Publish", [new("token", token)], "/manage/calls");
        token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == callId)));
        form = factory.CallForm("公開後の変更");
        form.Add(new("Input.ConcurrencyToken", token));
        // Published, a change is a correction (訂正): without its reason nothing is saved (CorrectionTests cover the rest).
        Assert.Contains("訂正の理由を入力してください", await (await staff.PostFormAsync($"/manage/calls/{callId}/edit", form, "/manage/calls")).Content.ReadAsStringAsync());
        Assert.Equal("下書き編集確認用業務（修正）", await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Id == callId).Select(c => c.Title).SingleAsync()));
    }
}
