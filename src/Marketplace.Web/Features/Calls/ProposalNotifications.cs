namespace Marketplace.Web.Features.Calls;

/// <summary>
/// What the proposals feature tells people: staff hear of questions and of proposals once the deadline
/// unseals them; vendors hear of published answers and of the result. Called before the feature's own save.
/// </summary>
public sealed class ProposalNotifications(MarketplaceDbContext db, Notifier notifier, ApplicationNotifications applications, Reminders reminders, TimeProvider clock)
{
    private Task<List<string>> VendorUsersAsync(IEnumerable<int> companyIds, CancellationToken ct)
    {
        var ids = companyIds.Distinct().ToList();
        return db.Users.Where(u => u.VendorCompanyId != null && ids.Contains(u.VendorCompanyId.Value)).Select(u => u.Id).ToListAsync(ct);
    }

    /// <summary>Companies that took part in a call: asked a question or submitted a proposal.</summary>
    private async Task<List<int>> ParticipantsAsync(int callId, CancellationToken ct) =>
        (await db.CallQuestions.Where(q => q.CallId == callId).Select(q => q.VendorCompanyId).ToListAsync(ct))
        .Concat(await db.Proposals.Where(p => p.CallId == callId).Select(p => p.VendorCompanyId).ToListAsync(ct))
        .Distinct().ToList();

    /// <summary>The vendor accounts of every company that asked about a call or is writing or submitted a proposal for it.</summary>
    public async Task<List<string>> ParticipantUsersAsync(int callId, CancellationToken ct) =>
        await VendorUsersAsync(await ParticipantsAsync(callId, ct), ct);

    public async Task QuestionAskedAsync(ProposalCall call, CancellationToken ct)
    {
        await notifier.ToUsersAsync(await applications.StaffOfAsync(call.OrganizationId, ct), NotificationKinds.CallQuestion, (t, site) => new MailContent(
            t["Notify_CallQuestion_Subject", call.Title],
            t["Notify_CallQuestion_Body", call.Title, $"{site}/manage/calls/{call.Id}/questions"]), ct);
    }

    public async Task AnswerPublishedAsync(ProposalCall call, CancellationToken ct)
    {
        var users = await ParticipantUsersAsync(call.Id, ct);
        await notifier.ToUsersAsync(users, NotificationKinds.CallAnswer, (t, site) => new MailContent(
            t["Notify_CallAnswer_Subject", call.Title],
            t["Notify_CallAnswer_Body", call.Title, $"{site}/calls/{call.Id}#qa"]), ct);
    }

    public async Task AwardedAsync(ProposalCall call, int winnerCompanyId, CancellationToken ct)
    {
        var proposers = await db.Proposals.Where(p => p.CallId == call.Id).Select(p => p.VendorCompanyId).Distinct().ToListAsync(ct);
        foreach (var company in proposers)
        {
            var chosen = company == winnerCompanyId;
            await notifier.ToUsersAsync(await VendorUsersAsync([company], ct), NotificationKinds.CallResult, (t, site) => new MailContent(
                t[chosen ? "Notify_CallChosen_Subject" : "Notify_CallResult_Subject", call.Title],
                t[chosen ? "Notify_CallChosen_Body" : "Notify_CallResult_Body", call.Title, $"{site}/vendor/calls/{call.Id}/result"]), ct);
        }
    }

    /// <summary>
    /// After a call's submission deadline the proposals are unsealed: its staff are told how many arrived (once per person).
    /// Also reminds vendors the day before a call's question deadline.
    /// </summary>
    public async Task<int> RunDeadlinesAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var written = 0;
        var opened = await db.ProposalCalls.AsNoTracking()
            .Where(c => c.Status == CallStatus.Published && c.SubmissionDeadline < now).ToListAsync(ct);
        foreach (var call in opened)
        {
            var count = await db.Proposals.CountAsync(p => p.CallId == call.Id, ct);
            written += await reminders.OncePerPersonAsync(NotificationKinds.CallProposalsOpened, $"call:{call.Id}", await applications.StaffOfAsync(call.OrganizationId, ct),
                (t, site) => new MailContent(t["Notify_CallOpened_Subject", call.Title, count],
                    t["Notify_CallOpened_Body", call.Title, count, $"{site}/manage/calls/{call.Id}/proposals"]), ct);
        }
        var soon = await db.ProposalCalls.AsNoTracking()
            .Where(c => c.Status == CallStatus.Published && c.QuestionDeadline > now && c.QuestionDeadline <= now.AddDays(1)).ToListAsync(ct);
        foreach (var call in soon)
        {
            var vendors = await Recipients.ActiveInRole(db, Roles.Vendor).Select(u => u.Id).ToListAsync(ct);
            var deadline = DisplayFormatter.ToJst(call.QuestionDeadline).ToString("yyyy-MM-dd HH:mm");
            written += await reminders.OncePerPersonAsync(NotificationKinds.DeadlineReminder, $"call-questions:{call.Id}", vendors,
                (t, site) => new MailContent(t["Notify_CallQuestionDeadline_Subject", call.Title],
                    t["Notify_CallQuestionDeadline_Body", call.Title, deadline, $"{site}/calls/{call.Id}"]), ct);
        }
        return written;
    }
}
