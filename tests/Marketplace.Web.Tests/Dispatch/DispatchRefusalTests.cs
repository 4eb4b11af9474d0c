using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Dispatch;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Dispatch;

/// <summary>
/// Acceptance 2: dispatching an uncertified or expired CIO, a host without readiness, a term outside the round's
/// limits, or an approval that would overspend the budget is refused with a clear message, and nothing changes.
/// </summary>
public sealed class DispatchRefusalTests(MarketplaceFactory factory) : IClassFixture<MarketplaceFactory>
{
    [Fact]
    public async Task Approve_RevokedCertification_RefusedAndNothingChanges()
    {
        var host = await factory.OrgAsync("363022"); // 上勝町
        await factory.MakeReadyAsync(host.Id);
        var (email, userId, profileId) = await factory.CertifiedExpertAsync(name: "取消 次郎");
        var proposal = await factory.AcceptedProposalAsync(host.Id, userId, profileId);
        await factory.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<Marketplace.Data.MarketplaceDbContext>();
            var c = await db.Certifications.SingleAsync(x => x.ExpertProfileId == profileId);
            Assert.True((await sp.GetRequiredService<CertificationService>().RevokeAsync(DispatchScenario.OfficeUser, c.Id, "経歴の虚偽が判明", db.ConcurrencyTokenOf(c))).Succeeded);
            return 0;
        });
        Assert.False(await factory.WithDbAsync(db => db.ExpertProfiles.Where(p => p.Id == profileId).Select(p => p.CertifiedCio).SingleAsync()));
        // The expert is told, with the reason.
        Assert.Contains(await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == email).ToListAsync()),
            m => m.Subject == "【自治体CIO人材マーケットプレイス】認定CIOの認定が取り消されました" && m.TextBody.Contains("理由: 経歴の虚偽が判明"));
        var before = await factory.StateAsync(proposal);

        var result = await factory.ApproveAsync(proposal);

        Assert.False(result.Succeeded);
        Assert.Contains("有効な認定を持っていない", result.FirstError);
        Assert.Equal(before, await factory.StateAsync(proposal));
        Assert.Equal(DispatchProposalStatus.Accepted, before.Status);
    }

    [Fact]
    public async Task Approve_CertificationExpiredByTheCalendar_RefusedAndNothingChanges()
    {
        var host = await factory.OrgAsync("363421"); // 神山町
        await factory.MakeReadyAsync(host.Id);
        var (_, userId, profileId) = await factory.CertifiedExpertAsync(validForDays: 20, name: "期限 三郎");
        var proposal = await factory.AcceptedProposalAsync(host.Id, userId, profileId);
        var before = await factory.StateAsync(proposal);
        try
        {
            factory.Clock.Offset = TimeSpan.FromDays(25);
            // The nightly job clears the flag of an expired certification.
            await factory.WithAsync(sp => sp.GetRequiredService<CertificationService>().SyncFlagsAsync());
            Assert.False(await factory.WithDbAsync(db => db.ExpertProfiles.Where(p => p.Id == profileId).Select(p => p.CertifiedCio).SingleAsync()));

            var result = await factory.ApproveAsync(proposal);

            Assert.False(result.Succeeded);
            Assert.Contains("有効期限", result.FirstError);
            Assert.Equal(before, await factory.StateAsync(proposal));
        }
        finally
        {
            factory.Clock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Approve_CertificationEndsBeforeTheStart_Refused()
    {
        var host = await factory.OrgAsync("336432"); // 西粟倉村
        await factory.MakeReadyAsync(host.Id);
        var round = await factory.RoundAsync();
        var daysToStart = round.DispatchStartsOn.DayNumber - Marketplace.Web.Localization.DisplayFormatter.TodayInJapan(TimeProvider.System).DayNumber;
        var (_, userId, profileId) = await factory.CertifiedExpertAsync(validForDays: daysToStart - 1, name: "直前 四郎");
        var proposal = await factory.AcceptedProposalAsync(host.Id, userId, profileId);
        var before = await factory.StateAsync(proposal);

        var result = await factory.ApproveAsync(proposal);

        Assert.False(result.Succeeded);
        Assert.Contains("有効期限", result.FirstError);
        Assert.Equal(before, await factory.StateAsync(proposal));
    }

    [Fact]
    public async Task Approve_HostWithoutReadiness_RefusedAndNothingChanges()
    {
        var host = await factory.OrgAsync("384224"); // 内子町: no readiness in the demo data
        var (_, userId, profileId) = await factory.CertifiedExpertAsync(name: "準備 五郎");
        var proposal = await factory.AcceptedProposalAsync(host.Id, userId, profileId);
        var before = await factory.StateAsync(proposal);

        var result = await factory.ApproveAsync(proposal);

        Assert.False(result.Succeeded);
        Assert.Contains("受入準備が整っていない", result.FirstError);
        Assert.Contains("内子町", result.FirstError);
        Assert.Equal(before, await factory.StateAsync(proposal));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("25")]
    public async Task Approve_TermOutsideTheRoundsLimits_RefusedAndNothingChanges(string term)
    {
        var host = await factory.OrgAsync("252140"); // 米原市: ready in the demo data
        var (_, userId, profileId) = await factory.CertifiedExpertAsync(name: "任期 六郎" + term);
        var proposal = await factory.AcceptedProposalAsync(host.Id, userId, profileId);
        var before = await factory.StateAsync(proposal);

        var result = await factory.ApproveAsync(proposal, term: term);

        Assert.False(result.Succeeded);
        Assert.Equal("任期はこの募集回の規則により6〜24か月にしてください。", result.Errors["termMonths"]);
        Assert.Equal(before, await factory.StateAsync(proposal));
        // Withdrawn again, so the government can request in the next case.
        await factory.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<Marketplace.Data.MarketplaceDbContext>();
            var request = await db.DispatchRequests.SingleAsync(r => db.DispatchProposals.Any(p => p.Id == proposal && p.RequestId == r.Id));
            Assert.True((await sp.GetRequiredService<RequestService>().WithdrawAsync(host.Id, request.Id, db.ConcurrencyTokenOf(request))).Succeeded);
            return 0;
        });
    }

    [Fact]
    public async Task Approve_WouldOverspendTheBudget_RefusedAndNothingChanges()
    {
        var host = await factory.OrgAsync("205419"); // 小布施町
        await factory.MakeReadyAsync(host.Id);
        var (_, userId, profileId) = await factory.CertifiedExpertAsync(name: "予算 七郎");
        var proposal = await factory.AcceptedProposalAsync(host.Id, userId, profileId);
        var round = await factory.RoundAsync();
        var committed = await factory.WithDbAsync(db => db.Dispatches.SumAsync(d => (long?)d.CommittedYen)) ?? 0;
        // Leave less than this dispatch's expected incentive: 6,000,000 a year, 80% up to the 5,000,000 cap per year, + 1,000,000.
        await factory.WithDbAsync(db => db.DispatchRounds.ExecuteUpdateAsync(s => s.SetProperty(r => r.BudgetYen, committed + 1_000_000)));
        try
        {
            var before = await factory.StateAsync(proposal);

            var result = await factory.ApproveAsync(proposal);

            Assert.False(result.Succeeded);
            Assert.Contains("予算を超える", result.FirstError);
            Assert.Contains("残額1,000,000円", result.FirstError);
            Assert.Equal(before, await factory.StateAsync(proposal));
        }
        finally
        {
            await factory.WithDbAsync(db => db.DispatchRounds.ExecuteUpdateAsync(s => s.SetProperty(r => r.BudgetYen, round.BudgetYen)));
        }
    }

    [Fact]
    public async Task ApprovePage_Refusal_ShowsTheMessageOnThePage()
    {
        var host = await factory.OrgAsync("216046"); // 白川村
        await factory.MakeReadyAsync(host.Id);
        var (_, userId, profileId) = await factory.CertifiedExpertAsync(name: "画面 八郎");
        var proposal = await factory.AcceptedProposalAsync(host.Id, userId, profileId);
        var requestId = await factory.WithDbAsync(db => db.DispatchProposals.Where(p => p.Id == proposal).Select(p => p.RequestId).SingleAsync());
        var office = await factory.SignedInAsync(WebClientExtensions.Office);

        var response = await office.PostFormAsync($"/admin/dispatch/requests/{requestId}?handler=Approve",
            [new("proposalId", proposal.ToString()), new("start", "２０２６年１月１日"), new("termMonths", "３０")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("任期はこの募集回の規則により6〜24か月にしてください。", html);
        Assert.Contains("派遣開始日は", html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Dispatches.CountAsync(d => d.ProposalId == proposal)));
    }

    [Fact]
    public async Task Approve_AllConditionsMet_CommitsTheExpectedIncentive()
    {
        var host = await factory.OrgAsync("133078"); // 檜原村, index 0.23 → 80%
        await factory.MakeReadyAsync(host.Id);
        var (_, userId, profileId) = await factory.CertifiedExpertAsync(name: "承認 九郎");
        var proposal = await factory.AcceptedProposalAsync(host.Id, userId, profileId);
        var round = await factory.RoundAsync();
        var committedBefore = await factory.WithDbAsync(db => db.Dispatches.SumAsync(d => (long?)d.CommittedYen)) ?? 0;

        var result = await factory.ApproveAsync(proposal, term: "12");

        Assert.True(result.Succeeded, result.FirstError);
        var d = await factory.WithDbAsync(db => db.Dispatches.SingleAsync(x => x.Id == result.Id));
        var expected = IncentiveCalculator.ExpectedTotal(RoundService.RulesOf(round), [0.23], round.DispatchStartsOn, IncentiveCalculator.EndOfTerm(round.DispatchStartsOn, 12), 6_000_000);
        Assert.Equal(expected, d.CommittedYen);
        Assert.Equal(committedBefore + expected, await factory.WithDbAsync(db => db.Dispatches.SumAsync(x => (long?)x.CommittedYen)) ?? 0);
        Assert.Equal(DispatchStatus.Active, d.Status);
    }
}
