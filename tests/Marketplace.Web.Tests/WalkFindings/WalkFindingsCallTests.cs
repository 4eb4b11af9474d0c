using System.Globalization;
using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Marketplace.Web.Tests.Calls;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.WalkFindings;

/// <summary>Walk findings on calls for proposals (issue 13); these move the clock, so they share the proposals app.</summary>
[Collection(ProposalCollection.Name)]
public class WalkFindingsCallTests(MarketplaceFactory factory)
{
    [Fact]
    public async Task ContractPeriod_FifteenDecemberToEndOfMarch_ShowsItsRealLength()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var year = factory.Clock.GetUtcNow().Year + 1;
        var form = factory.CallForm("契約期間の長さ確認用業務")
            .Where(f => f.Key is not ("Input.ContractStart" or "Input.ContractEnd")).ToList();
        form.Add(new("Input.ContractStart", $"{year}-12-15"));
        form.Add(new("Input.ContractEnd", $"{year + 1}-03-31"));
        var callId = await factory.CreateCallAsync(staff, form);

        var html = await factory.NewClient().GetStringAsync($"/calls/{callId}");
        Assert.Contains("3か月17日", html);
        Assert.DoesNotContain("4か月", html);
    }

    [Fact]
    public async Task Award_BeforeTheCallsPresentationAndResultDates_NeedsARecordedReason()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("早期決定確認用業務"));
        Assert.Equal(HttpStatusCode.Redirect, (await vendor.SubmitProposalAsync(callId, "30,000,000", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor))).StatusCode);
        var proposal = await factory.ScoreSoleProposalAsync(staff, callId);

        // The call announced its presentation and result for later dates.
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime.AddHours(9));
        await factory.WithDbAsync(async db =>
        {
            var call = await db.ProposalCalls.SingleAsync(c => c.Id == callId);
            call.PresentationDate = today.AddDays(7);
            call.ResultDate = today.AddDays(14);
            return await db.SaveChangesAsync();
        });
        var page = await staff.GetStringAsync($"/manage/calls/{callId}/evaluation");
        Assert.Contains("id=\"earlyReason\"", page);

        string Token() => factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == callId))).GetAwaiter().GetResult();
        var refused = await staff.PostFormAsync($"/manage/calls/{callId}/evaluation?handler=Award", [new("proposalId", proposal.ToString(CultureInfo.InvariantCulture)), new("amount", "30,000,000"), new("token", Token())], "/manage/calls");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("プレゼンテーション", await refused.Content.ReadAsStringAsync());
        Assert.Equal(CallStatus.Published, await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Id == callId).Select(c => c.Status).SingleAsync()));

        var awarded = await staff.PostFormAsync($"/manage/calls/{callId}/evaluation?handler=Award",
            [new("proposalId", proposal.ToString(CultureInfo.InvariantCulture)), new("amount", "30,000,000"), new("earlyReason", "提案者が1者のみでプレゼンテーションを省略したため"), new("token", Token())], "/manage/calls");
        Assert.Equal(HttpStatusCode.Redirect, awarded.StatusCode);
        var (status, reason) = await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Id == callId).Select(c => new ValueTuple<CallStatus, string?>(c.Status, c.EarlyAwardReason)).SingleAsync());
        Assert.Equal(CallStatus.Awarded, status);
        Assert.Equal("提案者が1者のみでプレゼンテーションを省略したため", reason);
        Assert.Contains("提案者が1者のみでプレゼンテーションを省略したため", await factory.NewClient().GetStringAsync($"/calls/{callId}"));
    }

    /// <summary>
    /// Correcting a published call's ceiling from 税込 to 税抜 left each submitted price converted to the old basis, so
    /// scores and ranks were wrong; a ceiling corrected below a submitted price let that proposal be awarded above it
    /// (helper review, stop 32).
    /// </summary>
    [Fact]
    public async Task CeilingCorrected_PricesRestatedOnTheNewBasis_AndNoAwardAboveTheCeiling()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("上限額訂正確認用業務", taxIncluded: true));
        Assert.Equal(HttpStatusCode.Redirect, (await vendor.SubmitProposalAsync(callId, "30,000,000", "included", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor))).StatusCode);
        Assert.Equal(30_000_000, await factory.WithDbAsync(db => db.Proposals.Where(p => p.CallId == callId).Select(p => p.PriceOnCallBasisYen).SingleAsync()));

        var form = factory.CallForm("上限額訂正確認用業務", ceiling: "25,000,000", taxIncluded: false);
        form.Add(new("Input.ConcurrencyToken", await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == callId)))));
        form.Add(new("Input.CorrectionReason", "予算額の確定に伴い上限額を税抜で示し直しました。"));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/manage/calls/{callId}/edit", form, "/manage/calls")).StatusCode);
        // 30,000,000円 税込 is 27,272,728円 税抜 (rounded up, as the proposal form converts it).
        var onBasis = await factory.WithDbAsync(db => db.Proposals.Where(p => p.CallId == callId).Select(p => p.PriceOnCallBasisYen).SingleAsync());
        Assert.Equal(Marketplace.Web.Features.Calls.ConsumptionTax.OnBasis(30_000_000, true, false), onBasis);
        Assert.NotEqual(30_000_000, onBasis);

        var proposal = await factory.ScoreSoleProposalAsync(staff, callId);
        string Token() => factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == callId))).GetAwaiter().GetResult();
        var refused = await staff.PostFormAsync($"/manage/calls/{callId}/evaluation?handler=Award",
            [new("proposalId", proposal.ToString(CultureInfo.InvariantCulture)), new("amount", "25,000,000"), new("earlyReason", "提案者が1者のみのため"), new("token", Token())], "/manage/calls");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("上限額（25,000,000円）を超えているため", await refused.Content.ReadAsStringAsync());
        Assert.Equal(CallStatus.Published, await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Id == callId).Select(c => c.Status).SingleAsync()));
    }

    /// <summary>A refused committee save (no chair) came back with every box unticked (helper review, stop 32).</summary>
    [Fact]
    public async Task Committee_RefusedWithoutAChair_KeepsTheTickedMembers()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("委員会入力保持確認用業務"));
        var me = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.MaibaraStaff).Select(u => u.Id).SingleAsync());
        var refused = await staff.PostFormAsync($"/manage/calls/{callId}/committee", [new("members", me)], "/manage/calls");
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("委員長を1人選んでください", html);
        Assert.Contains($"id=\"m-{me}\" name=\"members\" value=\"{me}\" checked=\"checked\"", html);
        Assert.False(await factory.WithDbAsync(db => db.CommitteeMembers.AnyAsync(m => m.CallId == callId)));
    }
}
