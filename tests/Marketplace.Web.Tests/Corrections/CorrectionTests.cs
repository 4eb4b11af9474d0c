using System.Net;
using System.Text.Json;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Corrections;
using Marketplace.Web.Tests.Applications;
using Marketplace.Web.Tests.Infrastructure;
using Marketplace.Web.Tests.Openings;
using Marketplace.Web.Tests.Calls;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Corrections;

/// <summary>
/// A published opening is corrected (訂正): a reason is required, the change is logged on the public page and the
/// applicants are told by mail; nothing is written when the reason is missing.
/// </summary>
[Collection(WebCollection.Name)]
public class OpeningCorrectionTests(MarketplaceFactory factory)
{
    [Fact]
    public async Task CorrectingAPublishedOpening_NeedsAReason_LogsTheChangePublicly_AndTellsTheApplicants()
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var opening = await OpeningAccessTests.CreateDraftAsync(osaka, "訂正確認用のCIO補佐官");
        Assert.Equal(HttpStatusCode.Redirect, (await osaka.PostFormAsync($"/manage/openings/{opening}?handler=Publish", [new("token", await factory.TokenOfAsync(opening))], "/manage/openings/new")).StatusCode);
        var (applicantEmail, _) = await factory.CreateExpertAsync("訂正 通知先");
        var (withdrawnEmail, _) = await factory.CreateExpertAsync("訂正 辞退者");
        var applicant = await factory.SignedInAsync(applicantEmail);
        var withdrawn = await factory.SignedInAsync(withdrawnEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await ApplicationFlowTests.ApplyAsync(applicant, opening)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ApplicationFlowTests.ApplyAsync(withdrawn, opening)).StatusCode);
        await factory.WithDbAsync(async db =>
        {
            var a = await db.Applications.SingleAsync(x => x.OpeningId == opening && x.Expert!.User!.Email == withdrawnEmail);
            a.Stage = Stages.Withdrawn;
            return await db.SaveChangesAsync();
        });

        var edit = await osaka.GetStringAsync($"/manage/openings/{opening}/edit");
        Assert.Contains("id=\"correction-banner\"", edit);
        Assert.Contains("id=\"Input_CorrectionReason\"", edit);

        OpeningFormBuilder Corrected() => new OpeningFormBuilder().With("Title", "訂正確認用のCIO補佐官").With("PayAmount", "35万").With("DaysPerWeek", "3");

        // Without a reason: refused with a message that says what to do, and nothing changes.
        var refused = await osaka.PostFormAsync($"/manage/openings/{opening}/edit",
            Corrected().With("ConcurrencyToken", await factory.TokenOfAsync(opening)).Build(), "/manage/openings/new");
        Assert.Contains("訂正の理由を入力してください", await refused.Content.ReadAsStringAsync());
        Assert.Equal(300_000L, await factory.WithDbAsync(db => db.Openings.Where(o => o.Id == opening).Select(o => o.PayAmountYen).SingleAsync()));
        Assert.False(await factory.WithDbAsync(db => db.PostingCorrections.AnyAsync(c => c.OpeningId == opening)));

        var saved = await osaka.PostFormAsync($"/manage/openings/{opening}/edit",
            Corrected().With("CorrectionReason", "報酬額と勤務日数に誤りがあったため").With("ConcurrencyToken", await factory.TokenOfAsync(opening)).Build(), "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var log = await factory.WithDbAsync(db => db.PostingCorrections.Where(c => c.OpeningId == opening).ToListAsync());
        var entry = Assert.Single(log);
        Assert.Equal("報酬額と勤務日数に誤りがあったため", entry.Reason);
        var changed = JsonSerializer.Deserialize<List<FieldChange>>(entry.ChangesJson)!.Select(c => c.Field).Order().ToList();
        Assert.Equal(["DaysPerWeek", "PayAmount"], changed);
        Assert.Equal(1, entry.Notified);

        var mails = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Subject.Contains("【訂正】訂正確認用のCIO補佐官")).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal([applicantEmail], mails);

        var page = await factory.NewClient().GetStringAsync($"/openings/{opening}");
        Assert.Contains("訂正履歴", page);
        Assert.Contains("報酬額と勤務日数に誤りがあったため", page);
        Assert.Contains("id=\"corrected-banner\"", page);
        // The amounts read as amounts, before and after, in the log.
        Assert.Contains("<td class=\"pre-line\">300,000円</td><td class=\"pre-line\">350,000円</td>", page);

        // Saving again with no change is not a correction: no second entry, no second mail.
        var unchanged = await osaka.PostFormAsync($"/manage/openings/{opening}/edit",
            Corrected().With("ConcurrencyToken", await factory.TokenOfAsync(opening)).Build(), "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, unchanged.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.PostingCorrections.CountAsync(c => c.OpeningId == opening)));
    }

    [Fact]
    public async Task EditingADraft_IsNotACorrection()
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var opening = await OpeningAccessTests.CreateDraftAsync(osaka, "下書きは訂正ではない");
        Assert.DoesNotContain("id=\"Input_CorrectionReason\"", await osaka.GetStringAsync($"/manage/openings/{opening}/edit"));
        var saved = await osaka.PostFormAsync($"/manage/openings/{opening}/edit",
            new OpeningFormBuilder().With("Title", "下書きは訂正ではない").With("PayAmount", "40万").With("ConcurrencyToken", await factory.TokenOfAsync(opening)).Build(), "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.PostingCorrections.AnyAsync(c => c.OpeningId == opening)));
    }

    [Fact]
    public async Task AnotherGovernment_CannotCorrectTheOpening()
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var opening = await OpeningAccessTests.CreateDraftAsync(osaka, "他団体は訂正できない");
        await osaka.PostFormAsync($"/manage/openings/{opening}?handler=Publish", [new("token", await factory.TokenOfAsync(opening))], "/manage/openings/new");
        var response = await ozu.PostFormAsync($"/manage/openings/{opening}/edit",
            new OpeningFormBuilder().With("Title", "乗っ取り").With("CorrectionReason", "不正").With("ConcurrencyToken", await factory.TokenOfAsync(opening)).Build(), "/manage/openings/new");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("他団体は訂正できない", await factory.WithDbAsync(db => db.Openings.Where(o => o.Id == opening).Select(o => o.Title).SingleAsync()));
        Assert.False(await factory.WithDbAsync(db => db.PostingCorrections.AnyAsync(c => c.OpeningId == opening)));
    }
}

/// <summary>A published call is corrected before its submission deadline; vendors who take part are told; the roles proposals name survive.</summary>
[Collection(ProposalCollection.Name)]
public class CallCorrectionTests(MarketplaceFactory factory)
{
    [Fact]
    public async Task CorrectingAPublishedCall_LogsIt_TellsTheProposingVendor_AndKeepsTheRolesProposalsName()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("訂正確認用の支援業務"));
        Assert.Equal(HttpStatusCode.Redirect, (await vendor.SubmitProposalAsync(callId, "30,000,000", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor))).StatusCode);
        var rolesBefore = await factory.RoleIdsAsync(callId);

        Assert.Contains("id=\"Input_CorrectionReason\"", await staff.GetStringAsync($"/manage/calls/{callId}/edit"));
        string Token() => factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == callId))).GetAwaiter().GetResult();

        var form = factory.CallForm("訂正確認用の支援業務", ceiling: "35,000,000");
        var refused = await staff.PostFormAsync($"/manage/calls/{callId}/edit", [.. form, new("Input.ConcurrencyToken", Token())], "/manage/calls");
        Assert.Contains("訂正の理由を入力してください", await refused.Content.ReadAsStringAsync());
        Assert.Equal(33_000_000L, await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Id == callId).Select(c => c.CeilingYen).SingleAsync()));

        var saved = await staff.PostFormAsync($"/manage/calls/{callId}/edit",
            [.. form, new("Input.CorrectionReason", "予算額の訂正"), new("Input.ConcurrencyToken", Token())], "/manage/calls");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal(35_000_000L, await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Id == callId).Select(c => c.CeilingYen).SingleAsync()));
        Assert.Equal(rolesBefore, await factory.RoleIdsAsync(callId));
        var entry = await factory.WithDbAsync(db => db.PostingCorrections.SingleAsync(c => c.CallId == callId));
        Assert.Contains("Ceiling", JsonSerializer.Deserialize<List<FieldChange>>(entry.ChangesJson)!.Select(c => c.Field));
        Assert.DoesNotContain("Title", JsonSerializer.Deserialize<List<FieldChange>>(entry.ChangesJson)!.Select(c => c.Field));
        Assert.True(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == WebClientExtensions.Vendor && m.Subject.Contains("【訂正】訂正確認用の支援業務"))));
        var page = await factory.NewClient().GetStringAsync($"/calls/{callId}");
        Assert.Contains("予算額の訂正", page);
        Assert.Contains("35,000,000", page);

        // After the submission deadline the call can no longer be changed.
        factory.PassDeadline();
        var late = await staff.PostFormAsync($"/manage/calls/{callId}/edit",
            [.. factory.CallForm("訂正確認用の支援業務", ceiling: "40,000,000"), new("Input.CorrectionReason", "締切後の変更"), new("Input.ConcurrencyToken", Token())], "/manage/calls");
        Assert.Contains("提出期限を過ぎた公募", await late.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.PostingCorrections.CountAsync(c => c.CallId == callId)));
    }
}
