using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Dispatch;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Accessibility;

/// <summary>The case library, advice and track records.</summary>
public sealed class CaseAccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : AccessibilityTestBase(fixture, output)
{
    [ChromiumFact]
    public async Task CasePages_NoWcag2AaViolations()
    {
        var rfi = await App.WithDbAsync(db => db.Cases.Where(c => c.Title.StartsWith("県が主導した共同RFI")).Select(c => c.Id).SingleAsync());
        var draft = await new Cases.CaseBuilder("382078", "大洲市の下書き事例") { Status = CaseStatus.Draft }.SaveAsync(App);
        var expertId = await App.WithDbAsync(db => db.ExpertProfiles.Where(p => p.User!.Email == WebClientExtensions.Expert).Select(p => p.Id).SingleAsync());
        var named = await new Cases.CaseBuilder("384224", "内子町の事例（実績）")
        {
            People = [new CasePerson { Role = "CIO補佐官", ExpertProfileId = expertId, ExpertConsentedAt = DateTime.UtcNow }],
        }.SaveAsync(App);
        var advice = await App.WithDbAsync(async db =>
        {
            var ozu = await db.Organizations.SingleAsync(o => o.Code == "382078");
            var r = new AdviceRequest { CaseId = rfi, RequesterOrganizationId = ozu.Id, RequesterUserId = "x", Kind = "call", Question = "共同調達の進め方を教えてください。", CreatedAt = DateTime.UtcNow };
            db.AdviceRequests.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        await AssertAccessibleAsync(null, "/cases", "/cases?obstacle=vendor_dependence&kind=prefecture", "/cases?q=zzzz", $"/cases/{rfi}", $"/cases/{rfi}?culture=en",
            $"/cases/experts/{expertId}");
        await AssertAccessibleAsync(WebClientExtensions.OzuStaff, $"/cases/{rfi}", "/manage/cases", "/manage/cases/new", $"/manage/cases/{draft}",
            "/cases/advice", $"/cases/advice/{advice}");
        await AssertAccessibleAsync(WebClientExtensions.Office, "/admin/cases", "/admin/cases/new", $"/admin/cases/{draft}");
        await AssertAccessibleAsync(WebClientExtensions.Expert, "/cases/track-record", "/profile", "/dashboard");

        // A public opening with its related cases; an expert with a host's evaluation shown.
        var ozuOpening = await IdOfAsync("CDO補佐官（デジタル変革推進）");
        var (certified, certifiedUser, certifiedProfile) = await App.CertifiedExpertAsync(name: "評価 表示");
        var maibara = await App.OrgAsync("252140");
        var approved = await App.ApproveAsync(await App.AcceptedProposalAsync(maibara.Id, certifiedUser, certifiedProfile));
        Assert.True(approved.Succeeded, approved.FirstError);
        await App.WithDbAsync(async db =>
        {
            var d = await db.Dispatches.SingleAsync(x => x.Id == approved.Id);
            (d.Status, d.HostRating, d.HostEvaluation, d.HostEvaluatedAt, d.EvaluationShownAt) =
                (DispatchStatus.Completed, 5, "庁内の合意形成を粘り強く進めた。", DateTime.UtcNow, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        await AssertAccessibleAsync(null, $"/openings/{ozuOpening}", $"/openings/{ozuOpening}?culture=en");
        // The profile shows the track record as staff see it, the evaluation included.
        await AssertAccessibleAsync(certified, "/cases/track-record", "/cases/track-record?culture=en", "/profile");
    }
}
