using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Dispatch;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Dispatch;

/// <summary>
/// Acceptance 4: only the national office certifies, matches, approves claims or sees other hosts' claims; hosts see
/// their own; a CIO sees only their own proposals and dispatches. Every URL is tried as every other party.
/// </summary>
public sealed class DispatchAccessTests(DispatchAccessTests.Fixture f) : IClassFixture<DispatchAccessTests.Fixture>
{
    /// <summary>米原市 has a dispatch of a certified CIO and a claim; another expert has a pending certification application.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public MarketplaceFactory Factory { get; } = new();
        public int RoundId, RequestId, ProposalId, DispatchId, ClaimId, ApplicationId;
        public string CioEmail = "";

        public async Task InitializeAsync()
        {
            var maibara = await Factory.OrgAsync("252140");
            var (email, userId, profileId) = await Factory.CertifiedExpertAsync(name: "派遣 花子");
            CioEmail = email;
            ProposalId = await Factory.AcceptedProposalAsync(maibara.Id, userId, profileId);
            var approved = await Factory.ApproveAsync(ProposalId);
            Assert.True(approved.Succeeded, approved.FirstError);
            DispatchId = approved.Id;
            var claim = await Factory.WithAsync(sp => sp.GetRequiredService<IncentiveService>().FileAsync(maibara.Id, DispatchScenario.StaffUser, DispatchId, "ReadinessSubsidy", null, null));
            Assert.True(claim.Succeeded, claim.FirstError);
            ClaimId = claim.Id;
            (RoundId, RequestId) = await Factory.WithDbAsync(async db => (await db.DispatchRounds.Select(r => r.Id).SingleAsync(), await db.Dispatches.Where(d => d.Id == DispatchId).Select(d => d.RequestId).SingleAsync()));
            var (_, other) = await Factory.CreateExpertAsync("申請中 次郎");
            var otherUser = await Factory.WithDbAsync(db => db.ExpertProfiles.Where(p => p.Id == other).Select(p => p.UserId!).SingleAsync());
            ApplicationId = (await Factory.WithAsync(sp => sp.GetRequiredService<CertificationService>().ApplyAsync(otherUser, "経歴", "スキル", "推薦者"))).Id;
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private MarketplaceFactory Factory => f.Factory;

    private IEnumerable<string> OfficePages() =>
    [
        "/admin/dispatch", "/admin/dispatch/rounds/new", $"/admin/dispatch/rounds/{f.RoundId}", $"/admin/dispatch/rounds/{f.RoundId}/edit",
        "/admin/dispatch/certifications", $"/admin/dispatch/certifications/{f.ApplicationId}", $"/admin/dispatch/requests/{f.RequestId}",
        $"/admin/dispatch/dispatches/{f.DispatchId}", "/admin/dispatch/claims", $"/admin/dispatch/claims/{f.ClaimId}",
        "/admin/dispatch/dashboard", "/admin/dispatch/dashboard?handler=Csv&table=prefectures",
    ];

    [Fact]
    public async Task OfficePages_Office_Open()
    {
        var office = await Factory.SignedInAsync(WebClientExtensions.Office);
        foreach (var url in OfficePages())
        {
            var response = await office.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        }
        // The certification application holds the expert's contact details and referees: its read is on the record.
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == Marketplace.Web.Features.Security.AuditActions.CertificationRead
            && e.SubjectId == f.ApplicationId.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.OrganizationId == null)));
    }

    [Theory]
    [InlineData(WebClientExtensions.MaibaraStaff)]
    [InlineData(WebClientExtensions.OzuStaff)]
    [InlineData(WebClientExtensions.Expert)]
    [InlineData(WebClientExtensions.Vendor)]
    public async Task OfficePages_AnyoneElse_Denied(string email)
    {
        var client = await Factory.SignedInAsync(email);
        foreach (var url in OfficePages()) WebClientExtensions.AssertAccessDenied(await client.GetAsync(url));
        var anonymous = Factory.NewClient();
        foreach (var url in OfficePages())
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login", WebClientExtensions.LocationPath(response));
        }
    }

    [Theory]
    [InlineData(WebClientExtensions.MaibaraStaff)]
    [InlineData(WebClientExtensions.Expert)]
    public async Task OfficeActions_CertifyMatchApproveDecidePay_RefusedForOthersAndNothingChanges(string email)
    {
        var client = await Factory.SignedInAsync(email);
        var posts = new (string Url, KeyValuePair<string, string>[] Form)[]
        {
            ($"/admin/dispatch/certifications/{f.ApplicationId}?handler=Review", [new("decision", "approve")]),
            ($"/admin/dispatch/certifications/{f.ApplicationId}?handler=Certify", [new("validUntil", "2030-01-01")]),
            ($"/admin/dispatch/requests/{f.RequestId}?handler=Propose", [new("expertId", "1"), new("overrideReason", "x")]),
            ($"/admin/dispatch/requests/{f.RequestId}?handler=Approve", [new("proposalId", f.ProposalId.ToString()), new("start", "2027-01-01"), new("termMonths", "12")]),
            ($"/admin/dispatch/claims/{f.ClaimId}?handler=Decide", [new("decision", "Approve")]),
            ($"/admin/dispatch/claims/{f.ClaimId}?handler=Pay", [new("payAmount", "1000"), new("paidOn", "2026-01-01")]),
            ($"/admin/dispatch/dispatches/{f.DispatchId}?handler=EndEarly", [new("endOn", "2027-01-01"), new("reason", "x")]),
        };
        foreach (var (url, form) in posts)
        {
            WebClientExtensions.AssertAccessDenied(await client.PostFormAsync(url, form, tokenPage: "/"));
        }
        await Factory.WithDbAsync(async db =>
        {
            Assert.Equal(CertificationApplicationStatus.Submitted, (await db.CertificationApplications.SingleAsync(a => a.Id == f.ApplicationId)).Status);
            Assert.Equal(ClaimStatus.Submitted, (await db.IncentiveClaims.SingleAsync(c => c.Id == f.ClaimId)).Status);
            Assert.Empty(await db.IncentivePayments.ToListAsync());
            Assert.Equal(DispatchStatus.Active, (await db.Dispatches.SingleAsync(d => d.Id == f.DispatchId)).Status);
            return 0;
        });
    }

    private IEnumerable<string> HostPages() =>
        [$"/manage/dispatch/requests/{f.RequestId}", $"/manage/dispatch/dispatches/{f.DispatchId}", $"/manage/dispatch/claims/{f.ClaimId}"];

    [Fact]
    public async Task HostPages_OwnGovernment_Open()
    {
        var maibara = await Factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        foreach (var url in HostPages().Append("/manage/dispatch").Append("/manage/dispatch/claims").Append("/manage/dispatch/readiness"))
        {
            var response = await maibara.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        }
        Assert.Contains($"/manage/dispatch/claims/{f.ClaimId}", await maibara.GetStringAsync("/manage/dispatch/claims"));
    }

    [Theory]
    [InlineData(WebClientExtensions.OzuStaff)]
    [InlineData(WebClientExtensions.OsakaStaff)]
    public async Task HostPages_OtherGovernment_NotFoundAndClaimsNotListed(string email)
    {
        var other = await Factory.SignedInAsync(email);
        foreach (var url in HostPages()) Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        Assert.DoesNotContain($"/manage/dispatch/claims/{f.ClaimId}", await other.GetStringAsync("/manage/dispatch/claims"));
        // Filing a claim or evaluating on someone else's dispatch changes nothing.
        var claims = await Factory.WithDbAsync(db => db.IncentiveClaims.CountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/manage/dispatch/dispatches/{f.DispatchId}?handler=Claim", [new("kind", "ReadinessSubsidy")], tokenPage: "/manage/dispatch")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/manage/dispatch/dispatches/{f.DispatchId}?handler=Evaluate", [new("rating", "1"), new("evaluation", "x")], tokenPage: "/manage/dispatch")).StatusCode);
        Assert.Equal(claims, await Factory.WithDbAsync(db => db.IncentiveClaims.CountAsync()));
    }

    [Theory]
    [InlineData(WebClientExtensions.Expert)]
    [InlineData(WebClientExtensions.Vendor)]
    [InlineData(WebClientExtensions.Office)]
    public async Task HostPages_NotStaff_Denied(string email)
    {
        var client = await Factory.SignedInAsync(email);
        foreach (var url in HostPages()) WebClientExtensions.AssertAccessDenied(await client.GetAsync(url));
    }

    [Fact]
    public async Task CioPages_OwnOpen_OtherExpertNotFound_StaffDenied()
    {
        var urls = new[] { $"/dispatch/proposals/{f.ProposalId}", $"/dispatch/assignments/{f.DispatchId}" };
        var cio = await Factory.SignedInAsync(f.CioEmail);
        foreach (var url in urls) Assert.Equal(HttpStatusCode.OK, (await cio.GetAsync(url)).StatusCode);
        var otherExpert = await Factory.SignedInAsync(WebClientExtensions.Expert);
        foreach (var url in urls) Assert.Equal(HttpStatusCode.NotFound, (await otherExpert.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherExpert.PostFormAsync($"/dispatch/assignments/{f.DispatchId}", [new("report", "他人の報告")], tokenPage: "/dispatch")).StatusCode);
        Assert.Null(await Factory.WithDbAsync(db => db.Dispatches.Where(d => d.Id == f.DispatchId).Select(d => d.FinalReport).SingleAsync()));
        var staff = await Factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        foreach (var url in urls) WebClientExtensions.AssertAccessDenied(await staff.GetAsync(url));
    }

    [Fact]
    public async Task Results_BeforeTheResultDate_PairingNotPublished()
    {
        var anonymous = Factory.NewClient();
        var html = await anonymous.GetStringAsync("/dispatch-results");
        Assert.DoesNotContain("派遣 花子", html);
        Assert.Contains("に公表します", html);
    }
}
