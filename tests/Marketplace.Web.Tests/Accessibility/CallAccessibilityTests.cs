using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Accessibility;

/// <summary>Calls for proposals: public, vendor and staff pages, and the evaluation pages after the deadline.</summary>
public sealed class CallAccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : AccessibilityTestBase(fixture, output)
{
    private Task<int> MaibaraCallAsync() =>
        App.WithDbAsync(db => db.ProposalCalls.Where(c => c.Title == "米原市CIO支援業務委託 公募型プロポーザル").Select(c => c.Id).SingleAsync());

    [ChromiumFact]
    public async Task CallPages_PublicVendorAndStaff_NoWcag2AaViolations()
    {
        var call = await MaibaraCallAsync();
        await AssertAccessibleAsync(null, "/calls", "/calls?state=open&prefecture=25", $"/calls/{call}", $"/calls/{call}?culture=en");
        await AssertAccessibleAsync(WebClientExtensions.Vendor, "/vendor", "/dashboard", "/vendor/staff", $"/vendor/calls/{call}/proposal", $"/vendor/calls/{call}/questions", $"/calls/{call}");
        await AssertAccessibleAsync(WebClientExtensions.MaibaraStaff, "/manage/calls", "/manage/calls/new", $"/manage/calls/{call}", $"/manage/calls/{call}/questions",
            $"/manage/calls/{call}/proposals", $"/manage/calls/{call}/committee", $"/manage/calls/{call}/evaluation");
    }

    /// <summary>The evaluation pages after the deadline: a proposal, a committee whose chair has scored, the ranking and sheets.</summary>
    [ChromiumFact]
    public async Task EvaluationPages_AfterDeadline_NoWcag2AaViolations()
    {
        var call = await MaibaraCallAsync();
        var (proposal, member) = await App.WithDbAsync(async db =>
        {
            var vendorId = await db.Users.Where(u => u.Email == WebClientExtensions.Vendor).Select(u => u.VendorCompanyId!.Value).SingleAsync();
            var staff = await db.VendorStaffMembers.Where(m => m.VendorCompanyId == vendorId).OrderBy(m => m.Id).ToListAsync();
            var roles = await db.CallRoles.Where(r => r.CallId == call).OrderBy(r => r.SortOrder).ToListAsync();
            var p = new Marketplace.Data.Entities.Proposal
            {
                CallId = call, VendorCompanyId = vendorId, PriceYen = 30_000_000, PriceOnCallBasisYen = 30_000_000, Approach = "伴走型で支援します。",
                SubmittedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                Staffing = roles.Select(r => new Marketplace.Data.Entities.ProposalStaffing { CallRoleId = r.Id, VendorStaffMemberId = staff[0].Id }).ToList(),
            };
            db.Proposals.Add(p);
            var chair = await db.Users.Where(u => u.Email == WebClientExtensions.MaibaraStaff).Select(u => u.Id).SingleAsync();
            var m = new Marketplace.Data.Entities.CommitteeMember { CallId = call, UserId = chair, IsChair = true };
            db.CommitteeMembers.Add(m);
            await db.SaveChangesAsync();
            var criterion = await db.EvaluationCriteria.Where(c => c.CallId == call).Select(c => c.Id).FirstAsync();
            db.EvaluationScores.Add(new Marketplace.Data.Entities.EvaluationScore { CommitteeMemberId = m.Id, ProposalId = p.Id, CriterionId = criterion, Score = 4, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return (p.Id, m.Id);
        });
        // The app is shared by the class: the clock goes back once the sealed pages were seen.
        App.Clock.Advance(TimeSpan.FromDays(45));
        try
        {
            await AssertAccessibleAsync(WebClientExtensions.MaibaraStaff, $"/manage/calls/{call}/proposals", $"/manage/calls/{call}/proposals/{proposal}",
                $"/manage/calls/{call}/sheet", $"/manage/calls/{call}/sheets/{member}", $"/manage/calls/{call}/evaluation");
            await AssertAccessibleAsync(WebClientExtensions.Vendor, $"/vendor/calls/{call}/proposal");
        }
        finally
        {
            App.Clock.Advance(TimeSpan.FromDays(-45));
        }
    }
}
