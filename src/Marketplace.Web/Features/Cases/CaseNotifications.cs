namespace Marketplace.Web.Features.Cases;

/// <summary>
/// What the case library tells people, through the outbox: the office hears of a submitted case, the owner of a
/// publication or a return, the owner (or linked expert) of an advice request, and the requester of each answer.
/// Called before the feature's own save, so the mail is written in the same transaction.
/// </summary>
public sealed class CaseNotifications(MarketplaceDbContext db, Notifier notifier, ApplicationNotifications applications)
{
    private Task<List<string>> OfficeAsync(CancellationToken ct) =>
        Recipients.ActiveInRole(db, Roles.NationalOffice).Select(u => u.Id).ToListAsync(ct);

    private async Task<List<string>> OwnerStaffAsync(CaseStudy c, CancellationToken ct) =>
        c.OwnerOrganizationId is { } org ? await applications.StaffOfAsync(org, ct) : await OfficeAsync(ct);

    public async Task SubmittedAsync(CaseStudy c, CancellationToken ct) =>
        await notifier.ToUsersAsync(await OfficeAsync(ct), NotificationKinds.CaseUpdate, (t, site) => new MailContent(
            t["Notify_CaseSubmitted_Subject", c.Title], t["Notify_CaseSubmitted_Body", c.Title, $"{site}/admin/cases/{c.Id}"]), ct);

    public async Task PublishedAsync(CaseStudy c, CancellationToken ct)
    {
        await notifier.ToUsersAsync(await OwnerStaffAsync(c, ct), NotificationKinds.CaseUpdate, (t, site) => new MailContent(
            t["Notify_CasePublished_Subject", c.Title], t["Notify_CasePublished_Body", c.Title, $"{site}/cases/{c.Id}"]), ct);
        var experts = c.People.Where(p => p.Expert?.UserId is not null).Select(p => p.Expert!.UserId!).ToList();
        await notifier.ToUsersAsync(experts, NotificationKinds.CaseUpdate, (t, site) => new MailContent(
            t["Notify_CasePublished_Subject", c.Title], t["Notify_CasePublishedExpert_Body", c.Title, $"{site}/cases/{c.Id}", $"{site}/cases/track-record"]), ct);
    }

    public async Task ReturnedAsync(CaseStudy c, CancellationToken ct) =>
        await notifier.ToUsersAsync(await OwnerStaffAsync(c, ct), NotificationKinds.CaseUpdate, (t, site) => new MailContent(
            t["Notify_CaseReturned_Subject", c.Title], t["Notify_CaseReturned_Body", c.Title, c.ReviewNote ?? "", $"{site}/manage/cases/{c.Id}"]), ct);

    /// <summary>Those who answer an advice request: the linked expert, or the staff of the case's government.</summary>
    public async Task<List<string>> AnswerersAsync(AdviceRequest r, CaseStudy c, CancellationToken ct)
    {
        if (r.ExpertProfileId is { } expert)
            return await db.ExpertProfiles.Where(p => p.Id == expert && p.UserId != null).Select(p => p.UserId!).ToListAsync(ct);
        return await OwnerStaffAsync(c, ct);
    }

    public async Task AdviceRequestedAsync(AdviceRequest r, CaseStudy c, string requesterName, CancellationToken ct) =>
        await notifier.ToUsersAsync(await AnswerersAsync(r, c, ct), NotificationKinds.AdviceRequest, (t, site) => new MailContent(
            t["Notify_AdviceRequested_Subject", requesterName, c.Title],
            t["Notify_AdviceRequested_Body", requesterName, c.Title, t[$"Advice_Kind_{r.Kind}"], $"{site}/cases/advice/{r.Id}"]), ct);

    /// <summary>The other party hears of an answer or a message on the thread.</summary>
    public async Task AdviceUpdatedAsync(AdviceRequest r, CaseStudy c, bool toRequester, CancellationToken ct)
    {
        var to = toRequester ? await applications.StaffOfAsync(r.RequesterOrganizationId, ct) : await AnswerersAsync(r, c, ct);
        await notifier.ToUsersAsync(to, NotificationKinds.AdviceRequest, (t, site) => new MailContent(
            t["Notify_AdviceUpdated_Subject", c.Title, t[$"Advice_Status_{r.Status}"]],
            t["Notify_AdviceUpdated_Body", c.Title, t[$"Advice_Status_{r.Status}"], $"{site}/cases/advice/{r.Id}"]), ct);
    }
}
