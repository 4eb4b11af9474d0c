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
}
