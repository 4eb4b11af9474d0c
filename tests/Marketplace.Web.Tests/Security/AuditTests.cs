using System.Net;
using Marketplace.Web.Features.Security;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Security;

/// <summary>The audit log: reads and exports of applications are recorded, and each government sees only its own entries.</summary>
[Collection(WebCollection.Name)]
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
