using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.Security;
using Marketplace.Web.Tests.Applications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Security;

/// <summary>The audit log: reads and exports of applications are recorded, and each government sees only its own entries.</summary>
[Collection(PeopleCollection.Name)]
public class AuditTests(MarketplaceFactory factory)
{
    [Fact]
    public async Task ReadingAndExportingApplicants_IsAudited_AndOnlyTheGovernmentAndTheOfficeSeeIt()
    {
        var (email, profileId) = await factory.CreateExpertAsync("監査 一郎");
        var expert = await factory.SignedInAsync(email);
        var opening = await factory.WithDbAsync(db => db.Openings.Where(o => o.Title == "CDO補佐官（デジタル変革推進）").Select(o => o.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await ApplicationFlowTests.ApplyAsync(expert, opening)).StatusCode);
        var application = await factory.WithDbAsync(db => db.Applications.Where(a => a.ExpertProfileId == profileId).Select(a => a.Id).SingleAsync());

        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        Assert.Equal(HttpStatusCode.OK, (await ozu.GetAsync($"/manage/applications/{application}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ozu.GetAsync($"/manage/openings/{opening}/applicants?handler=Csv")).StatusCode);

        var ozuId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.OzuStaff).Select(u => u.Id).SingleAsync());
        var entries = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.ActorUserId == ozuId).OrderBy(e => e.Id).ToListAsync());
        Assert.Contains(entries, e => e.Action == AuditActions.ApplicationRead && e.SubjectId == application.ToString());
        Assert.Contains(entries, e => e.Action == AuditActions.ApplicantsExport && e.SubjectId == opening.ToString());

        var row = $"application {application}</td>";
        Assert.Contains(row, await ozu.GetStringAsync("/manage/audit?action=application.read"));
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        Assert.DoesNotContain(row, await osaka.GetStringAsync("/manage/audit?action=application.read"));
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        Assert.Contains(row, await office.GetStringAsync("/admin/audit?action=application.read"));
        var csv = await ozu.GetStringAsync("/manage/audit?handler=Csv&action=application.read");
        Assert.Contains($",application.read,application,{application},", csv);
        WebClientExtensions.AssertAccessDenied(await osaka.GetAsync("/admin/audit"));
        WebClientExtensions.AssertAccessDenied(await expert.GetAsync("/manage/audit"));
    }

    [Fact]
    public async Task AuditEntries_CannotBeChangedOrDeleted()
    {
        await factory.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new Marketplace.Data.Entities.AuditEntry { At = DateTime.UtcNow, Action = "test", SubjectType = "test" });
            await db.SaveChangesAsync();
            var entry = await db.AuditEntries.OrderBy(e => e.Id).LastAsync();
            entry.Detail = "changed";
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
            db.Entry(entry).State = EntityState.Deleted;
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            return 0;
        });
    }
}

/// <summary>Audit of proposal reads, role changes and audit exports; one government never sees another's entries.</summary>
[Collection(PeopleCollection.Name)]
public class AuditScopeTests(MarketplaceFactory factory)
{
    private Task<List<AuditEntry>> EntriesAsync(string action, string? subjectId = null) =>
        factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == action && (subjectId == null || e.SubjectId == subjectId)).ToListAsync());

    [Fact]
    public async Task ReadingAProposal_IsAudited_AndSeenOnlyByItsGovernment()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("監査確認用のCIO支援業務"));
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        Assert.Equal(HttpStatusCode.Redirect, (await vendor.SubmitProposalAsync(callId, "30,000,000", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor))).StatusCode);
        var proposalId = await factory.WithDbAsync(db => db.Proposals.Where(p => p.CallId == callId).Select(p => p.Id).SingleAsync());
        factory.PassDeadline();

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/manage/calls/{callId}/proposals/{proposalId}")).StatusCode);
        var entry = Assert.Single(await EntriesAsync(AuditActions.ProposalRead, proposalId.ToString()));
        var maibaraOrg = await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Id == callId).Select(c => c.OrganizationId).SingleAsync());
        Assert.Equal(maibaraOrg, entry.OrganizationId);

        // The opened list names every vendor and price: read, it is on the record too.
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/manage/calls/{callId}/proposals")).StatusCode);
        Assert.Equal(maibaraOrg, Assert.Single(await EntriesAsync(AuditActions.ProposalsRead, callId.ToString())).OrganizationId);

        var row = $"proposal {proposalId}</td>";
        Assert.Contains(row, await staff.GetStringAsync("/manage/audit?action=proposal.read"));
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        Assert.DoesNotContain(row, await osaka.GetStringAsync("/manage/audit?action=proposal.read"));
        Assert.DoesNotContain($",proposal,{proposalId},", await osaka.GetStringAsync("/manage/audit?handler=Csv&action=proposal.read"));
    }

    [Fact]
    public async Task ReadingTheRankingOrAMembersSheet_IsAudited_AndSeenOnlyByItsGovernment()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("評価閲覧の監査を確認するCIO支援業務"));
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        Assert.Equal(HttpStatusCode.Redirect, (await vendor.SubmitProposalAsync(callId, "30,000,000", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor))).StatusCode);
        await factory.ScoreSoleProposalAsync(staff, callId);

        // The ranking shows every member's scores: each view of it is an entry.
        var before = (await EntriesAsync(AuditActions.EvaluationRankingRead, callId.ToString())).Count;
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/manage/calls/{callId}/evaluation")).StatusCode);
        var ranking = await EntriesAsync(AuditActions.EvaluationRankingRead, callId.ToString());
        Assert.Equal(before + 1, ranking.Count);
        var maibaraOrg = await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Id == callId).Select(c => c.OrganizationId).SingleAsync());
        Assert.All(ranking, e => Assert.Equal(maibaraOrg, e.OrganizationId));

        var memberId = await factory.WithDbAsync(db => db.CommitteeMembers.Where(m => m.CallId == callId).Select(m => m.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/manage/calls/{callId}/sheets/{memberId}")).StatusCode);
        Assert.Single(await EntriesAsync(AuditActions.EvaluationSheetRead, memberId.ToString()));

        var row = $"call {callId}</td>";
        Assert.Contains(row, await staff.GetStringAsync("/manage/audit?action=evaluation_ranking.read"));
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        Assert.DoesNotContain(row, await osaka.GetStringAsync("/manage/audit?action=evaluation_ranking.read"));
        Assert.DoesNotContain(row, await osaka.GetStringAsync("/manage/audit?action=evaluation_sheet.read"));
    }

    [Fact]
    public async Task ApprovingStaff_AndExportingTheAudit_AreAudited()
    {
        var orgId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.OzuStaff).Select(u => u.OrganizationId!.Value).SingleAsync());
        var email = $"pending-{Guid.NewGuid():N}@example.jp";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var pending = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "承認 待ち", Status = AccountStatus.PendingApproval, OrganizationId = orgId, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(pending, "a-long-unusual-pass-2026")).Succeeded);
            Assert.True((await users.AddToRoleAsync(pending, Roles.Staff)).Succeeded);
        }
        var pendingId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var approved = await office.PostFormAsync($"/admin/staff-requests?handler=Approve", [new("id", pendingId), new("confirm", "true")], "/admin/staff-requests");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var role = Assert.Single(await EntriesAsync(AuditActions.RoleChanged, pendingId));
        Assert.Equal(orgId, role.OrganizationId);

        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var ozuId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.OzuStaff).Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await ozu.GetAsync("/manage/audit?handler=Csv")).StatusCode);
        Assert.Contains(await EntriesAsync(AuditActions.AuditExport), e => e.ActorUserId == ozuId && e.OrganizationId == orgId);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/admin/audit?handler=Csv")).StatusCode);
        Assert.Contains(",audit.export,", await office.GetStringAsync("/admin/audit?handler=Csv&action=audit.export"));
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        Assert.DoesNotContain($",role.change,user,{pendingId},", await osaka.GetStringAsync("/manage/audit?handler=Csv&action=role.change"));
    }
}
