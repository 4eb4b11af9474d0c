using Marketplace.Web.Features;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Dispatch;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Dispatch;

/// <summary>Builds dispatch-programme situations through the app's own services, as the pages would.</summary>
public static class DispatchScenario
{
    public const string StaffUser = "test-staff";
    public const string OfficeUser = "test-office";

    public static async Task<T> WithAsync<T>(this MarketplaceFactory factory, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public static Task<DispatchRound> RoundAsync(this MarketplaceFactory factory) =>
        factory.WithDbAsync(db => db.DispatchRounds.Include(r => r.Bands).AsNoTracking().SingleAsync());

    public static Task<Organization> OrgAsync(this MarketplaceFactory factory, string code) =>
        factory.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Code == code));

    /// <summary>A new expert who applied, finished the CIO course and was certified until <paramref name="validForDays"/> from today.</summary>
    public static async Task<(string Email, string UserId, int ProfileId)> CertifiedExpertAsync(this MarketplaceFactory factory, int validForDays = 3 * 365, string name = "認定 太郎")
    {
        var (email, profileId) = await factory.CreateExpertAsync(name);
        var userId = await factory.WithDbAsync(db => db.ExpertProfiles.Where(p => p.Id == profileId).Select(p => p.UserId!).SingleAsync());
        await factory.WithAsync(async sp =>
        {
            var cert = sp.GetRequiredService<CertificationService>();
            var db = sp.GetRequiredService<MarketplaceDbContext>();
            Assert.True((await cert.ApplyAsync(userId, "経歴", "スキル", "推薦者")).Succeeded);
            var moduleIds = await db.TrainingModules.Where(m => m.Course!.Audience == TrainingAudience.Cio).Select(m => m.Id).ToListAsync();
            foreach (var m in moduleIds) Assert.True((await cert.CompleteModuleAsync(userId, m)).Succeeded);
            var application = await db.CertificationApplications.SingleAsync(a => a.ExpertProfileId == profileId);
            Assert.True((await cert.ReviewAsync(OfficeUser, application.Id, true, null, db.ConcurrencyTokenOf(application))).Succeeded);
            db.ChangeTracker.Clear();
            application = await db.CertificationApplications.SingleAsync(a => a.ExpertProfileId == profileId);
            var until = Marketplace.Web.Localization.DisplayFormatter.TodayInJapan(sp.GetRequiredService<TimeProvider>()).AddDays(validForDays).ToString("yyyy-MM-dd");
            var certified = await cert.CertifyAsync(OfficeUser, application.Id, until, db.ConcurrencyTokenOf(application));
            Assert.True(certified.Succeeded, certified.FirstError);
            return 0;
        });
        return (email, userId, profileId);
    }

    /// <summary>Named staff completed the host course and the checklist is filled.</summary>
    public static Task MakeReadyAsync(this MarketplaceFactory factory, int organizationId) =>
        factory.WithAsync(async sp =>
        {
            var readiness = sp.GetRequiredService<ReadinessService>();
            var db = sp.GetRequiredService<MarketplaceDbContext>();
            foreach (var m in await db.TrainingModules.Where(m => m.Course!.Audience == TrainingAudience.Host).Select(m => m.Id).ToListAsync())
                Assert.True((await readiness.RecordCompletionAsync(organizationId, StaffUser, "受入 職員", m, Marketplace.Web.Localization.DisplayFormatter.TodayInJapan(sp.GetRequiredService<TimeProvider>()).ToString("yyyy-MM-dd"))).Succeeded);
            Assert.True((await readiness.SaveChecklistAsync(organizationId, StaffUser, "副町長", "企画課 2名", "調達仕様の決定権", await readiness.TokenAsync(organizationId))).Succeeded);
            return 0;
        });

    public static RequestInput Request(string term = "12", string? coHosts = null) => new()
    {
        RoleCode = "cio_advisor",
        Needs = "DX推進計画の策定\n庁内の推進体制づくりを支援してほしい。",
        RequiredSkills = ["it_strategy"],
        DaysPerWeek = "２",
        OnsiteDaysPerMonth = "4",
        TermMonths = term,
        Obstacles = ["shortage_of_people", "vendor_dependence"],
        ExpectedAnnualCostYen = "６，０００，０００円",
        CoHostCodes = coHosts,
    };

    public static Task<ServiceResult> SubmitAsync(this MarketplaceFactory factory, int organizationId, RequestInput input) =>
        factory.WithAsync(sp => sp.GetRequiredService<RequestService>().SubmitAsync(organizationId, StaffUser, input));

    /// <summary>A request of the government, the expert proposed to it, and both sides' acceptance; returns the proposal id.</summary>
    public static async Task<int> AcceptedProposalAsync(this MarketplaceFactory factory, int organizationId, string expertUserId, int expertProfileId)
    {
        var submitted = await factory.SubmitAsync(organizationId, Request());
        Assert.True(submitted.Succeeded, submitted.FirstError);
        return await factory.WithAsync(async sp =>
        {
            var matching = sp.GetRequiredService<DispatchMatchingService>();
            var db = sp.GetRequiredService<MarketplaceDbContext>();
            var proposed = await matching.ProposeAsync(OfficeUser, submitted.Id, expertProfileId, "テストのため指名");
            Assert.True(proposed.Succeeded, proposed.FirstError);
            var p = await db.DispatchProposals.SingleAsync(x => x.Id == proposed.Id);
            Assert.True((await matching.CioAnswerAsync(expertUserId, p.Id, true, null, db.ConcurrencyTokenOf(p))).Succeeded);
            db.ChangeTracker.Clear();
            p = await db.DispatchProposals.SingleAsync(x => x.Id == proposed.Id);
            Assert.True((await matching.HostAnswerAsync(organizationId, StaffUser, p.Id, true, null, db.ConcurrencyTokenOf(p))).Succeeded);
            return p.Id;
        });
    }

    public static Task<ServiceResult> ApproveAsync(this MarketplaceFactory factory, int proposalId, string? start = null, string term = "12") =>
        factory.WithAsync(async sp =>
        {
            var round = await sp.GetRequiredService<MarketplaceDbContext>().DispatchRounds.AsNoTracking().SingleAsync();
            return await sp.GetRequiredService<DispatchMatchingService>().ApproveAsync(OfficeUser, proposalId, start ?? round.DispatchStartsOn.ToString("yyyy-MM-dd"), term);
        });

    /// <summary>What a refused approval must leave untouched.</summary>
    public static Task<(int Dispatches, long Committed, DispatchProposalStatus Status, DispatchRequestStatus RequestStatus)> StateAsync(this MarketplaceFactory factory, int proposalId) =>
        factory.WithDbAsync(async db =>
        {
            var p = await db.DispatchProposals.Include(x => x.Request).AsNoTracking().SingleAsync(x => x.Id == proposalId);
            return (await db.Dispatches.CountAsync(), await db.Dispatches.SumAsync(d => (long?)d.CommittedYen) ?? 0, p.Status, p.Request!.Status);
        });
}
