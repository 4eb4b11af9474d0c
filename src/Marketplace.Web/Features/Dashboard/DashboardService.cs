namespace Marketplace.Web.Features.Dashboard;

/// <summary>One opening on a staff dashboard: how many applied, how many are new or not yet looked at.</summary>
public sealed record OpeningTile(int Id, string Title, OpeningStatus Status, DateOnly Deadline, int Applicants, int NewThisWeek, int NotReviewed);

/// <summary>One call on a staff dashboard; proposals are counted only once they are opened (after the submission deadline).</summary>
public sealed record CallTile(int Id, string Title, CallStatus Status, DateTime QuestionDeadline, DateTime SubmissionDeadline, int QuestionsWaiting, int? ProposalsOpened);

/// <summary>Something that needs doing, with where it is done. <see cref="Key"/> is a resource key taking <see cref="Args"/>.</summary>
public sealed record TodoItem(string Key, string Url, object[] Args, bool Today);

public sealed record StaffDashboard(
    IReadOnlyList<OpeningTile> Openings, IReadOnlyList<CallTile> Calls,
    int DispatchProposalsToAnswer, int JointRequestsToConfirm, int ClaimsPending, IReadOnlyList<TodoItem> Todo);

public sealed record ExpertDashboard(
    bool HasProfile, IReadOnlyDictionary<string, int> ApplicationsByStage, IReadOnlyList<Application> OpenApplications,
    IReadOnlyList<ExpertInvitation> Invitations, int DispatchProposalsToAnswer, CertificationSummary Certification, IReadOnlyList<TodoItem> Todo,
    IReadOnlyList<string>? SkillCodes = null, string? HomePrefectureCode = null);

public enum CertificationState
{
    None,
    Applied,
    ApprovedInTraining,
    Rejected,
    Certified,
    Expired,
}

public sealed record CertificationSummary(CertificationState State, DateOnly? ValidUntil);

public sealed record VendorCallTile(int CallId, string Title, string OrganizationNameJa, string OrganizationNameEn, CallStatus Status,
    DateTime QuestionDeadline, DateTime SubmissionDeadline, bool Proposed, int QuestionsAsked, int QuestionsAnswered);

public sealed record VendorDashboard(IReadOnlyList<VendorCallTile> Calls, IReadOnlyList<TodoItem> Todo);

public sealed record OfficeDashboard(int StaffRequests, int StaffRequestsUnconfirmed, int CertificationApplications, int DispatchRequestsUnmatched, int ClaimsToDecide, int ClaimsToPay, IReadOnlyList<TodoItem> Todo);

/// <summary>
/// What waits for the signed-in party, each count scoped to what that party may see: a staff member's own
/// government, an expert's own profile, a vendor's own company; the national office sees its queues.
/// </summary>
public sealed class DashboardService(MarketplaceDbContext db, TimeProvider clock)
{
    public const int MaxTiles = 20;
    public const int DaysAhead = 7;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<StaffDashboard> ForStaffAsync(int organizationId, CancellationToken ct = default)
    {
        var today = DisplayFormatter.TodayInJapan(clock);
        var weekAgo = Now.AddDays(-DaysAhead);
        var openings = await db.Openings.AsNoTracking()
            .Where(o => o.OrganizationId == organizationId && (o.Status == OpeningStatus.Published || o.Status == OpeningStatus.Draft || o.Status == OpeningStatus.Closed && o.ClosedAt >= weekAgo))
            .OrderBy(o => o.Status).ThenBy(o => o.ApplicationDeadline).ThenBy(o => o.Id).Take(MaxTiles)
            .Select(o => new OpeningTile(o.Id, o.Title, o.Status, o.ApplicationDeadline,
                db.Applications.Count(a => a.OpeningId == o.Id),
                db.Applications.Count(a => a.OpeningId == o.Id && a.CreatedAt >= weekAgo),
                db.Applications.Count(a => a.OpeningId == o.Id && a.Stage == Stages.Applied)))
            .ToListAsync(ct);

        var now = Now;
        var calls = await db.ProposalCalls.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && (c.Status == CallStatus.Published || c.Status == CallStatus.Draft))
            .OrderBy(c => c.Status).ThenBy(c => c.SubmissionDeadline).ThenBy(c => c.Id).Take(MaxTiles)
            .Select(c => new
            {
                c.Id, c.Title, c.Status, c.QuestionDeadline, c.SubmissionDeadline,
                Waiting = db.CallQuestions.Count(q => q.CallId == c.Id && q.Answer == null),
                Proposals = db.Proposals.Count(p => p.CallId == c.Id),
            })
            .ToListAsync(ct);
        var callTiles = calls.Select(c => new CallTile(c.Id, c.Title, c.Status, c.QuestionDeadline, c.SubmissionDeadline, c.Waiting,
            c.SubmissionDeadline <= now ? c.Proposals : null)).ToList();

        var proposalsToAnswer = await db.DispatchProposals.CountAsync(p => p.Status == DispatchProposalStatus.Proposed && p.HostAcceptedAt == null
            && p.Request!.Hosts.Any(h => h.OrganizationId == organizationId), ct);
        var jointToConfirm = await db.DispatchRequestHosts.CountAsync(h => h.OrganizationId == organizationId && !h.IsLead && h.ConfirmedAt == null
            && db.DispatchRequests.Any(r => r.Id == h.RequestId && r.Status == DispatchRequestStatus.Submitted), ct);
        var claimsPending = await db.IncentiveClaims.CountAsync(c => c.OrganizationId == organizationId && c.Status == ClaimStatus.Submitted, ct);

        var todo = new List<TodoItem>();
        var weekAhead = today.AddDays(DaysAhead);
        foreach (var o in openings.Where(o => o.Status == OpeningStatus.Published && o.Deadline >= today && o.Deadline <= weekAhead).OrderBy(o => o.Deadline))
        {
            todo.Add(new TodoItem("Dash_Todo_OpeningDeadline", $"/manage/openings/{o.Id}", [o.Title, o.Deadline], o.Deadline == today));
        }
        foreach (var c in callTiles.Where(c => c.Status == CallStatus.Published))
        {
            if (c.QuestionsWaiting > 0)
            {
                todo.Add(new TodoItem("Dash_Todo_Questions", $"/manage/calls/{c.Id}/questions", [c.Title, c.QuestionsWaiting], DayOf(c.QuestionDeadline) <= today));
            }
            var submission = DayOf(c.SubmissionDeadline);
            if (submission >= today && submission <= weekAhead)
            {
                todo.Add(new TodoItem("Dash_Todo_SubmissionDeadline", $"/manage/calls/{c.Id}", [c.Title, submission], submission == today));
            }
        }
        foreach (var o in openings.Where(o => o.NotReviewed > 0))
        {
            todo.Add(new TodoItem("Dash_Todo_NotReviewed", $"/manage/openings/{o.Id}/applicants?stage={Stages.Applied}", [o.Title, o.NotReviewed], false));
        }
        if (proposalsToAnswer > 0) todo.Add(new TodoItem("Dash_Todo_DispatchProposals", "/manage/dispatch", [proposalsToAnswer], false));
        if (jointToConfirm > 0) todo.Add(new TodoItem("Dash_Todo_JointRequests", "/manage/dispatch", [jointToConfirm], false));

        return new StaffDashboard(openings, callTiles, proposalsToAnswer, jointToConfirm, claimsPending,
            todo.OrderByDescending(t => t.Today).ToList());
    }

    public async Task<ExpertDashboard> ForExpertAsync(string userId, CancellationToken ct = default)
    {
        var profileId = await db.ExpertProfiles.Where(p => p.UserId == userId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var today = DisplayFormatter.TodayInJapan(clock);
        if (profileId is not { } pid)
        {
            return new ExpertDashboard(false, new Dictionary<string, int>(), [], [], 0, new CertificationSummary(CertificationState.None, null), []);
        }

        var byStage = await db.Applications.Where(a => a.ExpertProfileId == pid).GroupBy(a => a.Stage)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var open = await db.Applications.AsNoTracking().Include(a => a.Opening).ThenInclude(o => o!.Organization)
            .Where(a => a.ExpertProfileId == pid && (a.Stage == Stages.Applied || a.Stage == Stages.Interviewed || a.Stage == Stages.Offered))
            .OrderByDescending(a => a.UpdatedAt).Take(MaxTiles).ToListAsync(ct);
        var invitations = await db.ExpertInvitations.AsNoTracking().Include(i => i.Opening).ThenInclude(o => o!.Organization)
            .Where(i => i.ExpertProfileId == pid && i.Opening!.Status == OpeningStatus.Published && i.Opening.ApplicationDeadline >= today
                && !db.Applications.Any(a => a.ExpertProfileId == pid && a.OpeningId == i.OpeningId))
            .OrderByDescending(i => i.CreatedAt).Take(MaxTiles).ToListAsync(ct);
        var proposals = await db.DispatchProposals.CountAsync(p => p.ExpertProfileId == pid && p.Status == DispatchProposalStatus.Proposed && p.CioAcceptedAt == null, ct);

        var certification = await CertificationOfAsync(pid, today, ct);

        var todo = new List<TodoItem>();
        foreach (var a in open.Where(a => a.Stage == Stages.Offered))
        {
            todo.Add(new TodoItem("Dash_Todo_Offer", $"/applications/{a.Id}", [a.Opening!.Title], false));
        }
        foreach (var i in invitations.Where(i => i.Opening!.ApplicationDeadline <= today.AddDays(DaysAhead)))
        {
            todo.Add(new TodoItem("Dash_Todo_InvitationDeadline", $"/openings/{i.OpeningId}", [i.Opening!.Title, i.Opening.ApplicationDeadline], i.Opening.ApplicationDeadline == today));
        }
        if (proposals > 0) todo.Add(new TodoItem("Dash_Todo_CioProposals", "/dispatch", [proposals], false));
        var home = await db.ExpertProfiles.Where(p => p.Id == pid).Select(p => p.HomePrefectureCode).FirstOrDefaultAsync(ct);
        var skills = await db.ExpertSkills.Where(s => s.ExpertProfileId == pid).Select(s => s.SkillCode).ToListAsync(ct);
        return new ExpertDashboard(true, byStage, open, invitations, proposals, certification, todo.OrderByDescending(t => t.Today).ToList(), skills, home);
    }

    private async Task<CertificationSummary> CertificationOfAsync(int profileId, DateOnly today, CancellationToken ct)
    {
        var cert = await db.Certifications.AsNoTracking().Where(c => c.ExpertProfileId == profileId && c.RevokedAt == null)
            .OrderByDescending(c => c.ValidUntil).FirstOrDefaultAsync(ct);
        if (cert is not null) return new CertificationSummary(cert.IsValidOn(today) ? CertificationState.Certified : CertificationState.Expired, cert.ValidUntil);
        var status = await db.CertificationApplications.Where(a => a.ExpertProfileId == profileId)
            .OrderByDescending(a => a.SubmittedAt).Select(a => (CertificationApplicationStatus?)a.Status).FirstOrDefaultAsync(ct);
        return new CertificationSummary(status switch
        {
            CertificationApplicationStatus.Submitted => CertificationState.Applied,
            CertificationApplicationStatus.Approved => CertificationState.ApprovedInTraining,
            CertificationApplicationStatus.Rejected => CertificationState.Rejected,
            CertificationApplicationStatus.Certified => CertificationState.Expired,
            _ => CertificationState.None,
        }, null);
    }

    public async Task<VendorDashboard> ForVendorAsync(int companyId, CancellationToken ct = default)
    {
        var now = Now;
        var calls = await db.ProposalCalls.AsNoTracking()
            .Where(c => db.Proposals.Any(p => p.CallId == c.Id && p.VendorCompanyId == companyId) || db.CallQuestions.Any(q => q.CallId == c.Id && q.VendorCompanyId == companyId))
            .OrderByDescending(c => c.SubmissionDeadline).Take(MaxTiles)
            .Select(c => new VendorCallTile(c.Id, c.Title, c.Organization!.NameJa, c.Organization.NameEn, c.Status, c.QuestionDeadline, c.SubmissionDeadline,
                db.Proposals.Any(p => p.CallId == c.Id && p.VendorCompanyId == companyId),
                db.CallQuestions.Count(q => q.CallId == c.Id && q.VendorCompanyId == companyId),
                db.CallQuestions.Count(q => q.CallId == c.Id && q.VendorCompanyId == companyId && q.Answer != null)))
            .ToListAsync(ct);
        var today = DisplayFormatter.TodayInJapan(clock);
        var todo = new List<TodoItem>();
        foreach (var c in calls.Where(c => c.Status == CallStatus.Published && c.SubmissionDeadline > now).OrderBy(c => c.SubmissionDeadline))
        {
            var day = DayOf(c.SubmissionDeadline);
            var key = c.Proposed ? "Dash_Todo_VendorCanRevise" : "Dash_Todo_VendorSubmit";
            todo.Add(new TodoItem(key, $"/vendor/calls/{c.CallId}/proposal", [c.Title, day], day == today));
        }
        return new VendorDashboard(calls, todo.OrderByDescending(t => t.Today).ToList());
    }

    public async Task<OfficeDashboard> ForOfficeAsync(CancellationToken ct = default)
    {
        var staff = await db.Users.Where(u => u.Status == AccountStatus.PendingApproval && u.OrganizationId != null)
            .GroupBy(u => u.EmailConfirmed).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var certifications = await db.CertificationApplications.CountAsync(a => a.Status == CertificationApplicationStatus.Submitted, ct);
        var unmatched = await db.DispatchRequests.CountAsync(r => r.Status == DispatchRequestStatus.Submitted
            && !db.DispatchProposals.Any(p => p.RequestId == r.Id && (p.Status == DispatchProposalStatus.Proposed || p.Status == DispatchProposalStatus.Accepted)), ct);
        var toDecide = await db.IncentiveClaims.CountAsync(c => c.Status == ClaimStatus.Submitted, ct);
        var toPay = await db.IncentiveClaims.CountAsync(c => (c.Status == ClaimStatus.Approved || c.Status == ClaimStatus.Reduced)
            && c.Payments.Sum(p => p.AmountYen) < c.ApprovedYen, ct);
        var staffTotal = staff.Sum(s => s.Count);
        var unconfirmed = staff.Where(s => !s.Key).Sum(s => s.Count);

        var todo = new List<TodoItem>();
        if (staffTotal > 0) todo.Add(new TodoItem("Dash_Todo_StaffRequests", "/admin/staff-requests", [staffTotal], false));
        if (certifications > 0) todo.Add(new TodoItem("Dash_Todo_Certifications", "/admin/dispatch/certifications?status=Submitted", [certifications], false));
        if (unmatched > 0) todo.Add(new TodoItem("Dash_Todo_DispatchRequests", "/admin/dispatch", [unmatched], false));
        if (toDecide > 0) todo.Add(new TodoItem("Dash_Todo_Claims", "/admin/dispatch/claims?status=Submitted", [toDecide], false));
        if (toPay > 0) todo.Add(new TodoItem("Dash_Todo_ClaimsToPay", "/admin/dispatch/claims?status=Approved", [toPay], false));
        return new OfficeDashboard(staffTotal, unconfirmed, certifications, unmatched, toDecide, toPay, todo);
    }

    private static DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(DisplayFormatter.ToJst(utc));
}

public static class DashboardSetup
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services.AddScoped<DashboardService>();
}
