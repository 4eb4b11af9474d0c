using Marketplace.Web.Features;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Dispatch;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Dispatch;

/// <summary>A certified CIO is proposed to one request at a time, and a request has one open proposal, even under races.</summary>
public sealed class DispatchProposalUniquenessTests(MarketplaceFactory factory) : IClassFixture<MarketplaceFactory>
{
    // A government files one request per round, so each test uses its own two.
    private async Task<(int RequestA, int RequestB)> TwoRequestsAsync(string codeA, string codeB)
    {
        var ids = new List<int>();
        foreach (var code in new[] { codeA, codeB })
        {
            var host = await factory.OrgAsync(code);
            await factory.MakeReadyAsync(host.Id);
            var submitted = await factory.SubmitAsync(host.Id, DispatchScenario.Request());
            Assert.True(submitted.Succeeded, submitted.FirstError);
            ids.Add(submitted.Id);
        }
        return (ids[0], ids[1]);
    }

    private Task<ServiceResult> ProposeAsync(int requestId, int profileId) =>
        factory.WithAsync(sp => sp.GetRequiredService<DispatchMatchingService>().ProposeAsync(DispatchScenario.OfficeUser, requestId, profileId, "同時指名の確認"));

    private Task<int> OpenProposalsAsync(int profileId) => factory.WithDbAsync(db => db.DispatchProposals.CountAsync(p =>
        p.ExpertProfileId == profileId && (p.Status == DispatchProposalStatus.Proposed || p.Status == DispatchProposalStatus.Accepted)));

    [Fact]
    public async Task Propose_SameCioToTwoRequestsAtOnce_OneSucceedsTheOtherIsRefused()
    {
        var (requestA, requestB) = await TwoRequestsAsync("363022", "363421"); // 上勝町, 神山町
        var (_, _, profileId) = await factory.CertifiedExpertAsync(name: "同時 指名");

        var results = await Task.WhenAll(ProposeAsync(requestA, profileId), ProposeAsync(requestB, profileId));

        Assert.Single(results, r => r.Succeeded);
        Assert.False(string.IsNullOrEmpty(results.Single(r => !r.Succeeded).FirstError));
        Assert.Equal(1, await OpenProposalsAsync(profileId));
    }

    [Fact]
    public async Task Database_SecondOpenProposalForTheSameCioOrRequest_Rejected()
    {
        var (requestA, requestB) = await TwoRequestsAsync("336432", "133078"); // 西粟倉村, 檜原村
        var (_, _, profileId) = await factory.CertifiedExpertAsync(name: "索引 確認");
        var (_, _, otherProfileId) = await factory.CertifiedExpertAsync(name: "索引 別人");
        Assert.True((await ProposeAsync(requestA, profileId)).Succeeded);

        // Bypassing the service's checks, as a racing writer would: the database itself refuses.
        DispatchProposal Open(int requestId, int expert, DispatchProposalStatus status = DispatchProposalStatus.Accepted) => new()
        {
            RequestId = requestId, ExpertProfileId = expert, Status = status, ProposedAt = DateTime.UtcNow, ProposedByUserId = DispatchScenario.OfficeUser,
        };
        foreach (var (request, expert) in new[] { (requestB, profileId), (requestA, otherProfileId) })
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => factory.WithDbAsync(async db =>
            {
                db.DispatchProposals.Add(Open(request, expert));
                return await db.SaveChangesAsync();
            }));
        }
        // Closed proposals do not count: a withdrawn one for the same CIO and request is stored.
        Assert.Equal(1, await factory.WithDbAsync(async db =>
        {
            db.DispatchProposals.Add(Open(requestB, profileId, DispatchProposalStatus.Withdrawn));
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(1, await OpenProposalsAsync(profileId));
    }
}
