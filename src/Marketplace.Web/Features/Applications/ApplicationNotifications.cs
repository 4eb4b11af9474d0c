namespace Marketplace.Web.Features.Applications;

/// <summary>
/// What the applications feature tells people. Called before the feature's own SaveChanges, so each
/// mail is written in the same transaction as the application, stage change or message it reports.
/// </summary>
public sealed class ApplicationNotifications(MarketplaceDbContext db, Notifier notifier)
{
    /// <summary>Active staff accounts of a local government.</summary>
    public Task<List<string>> StaffOfAsync(int organizationId, CancellationToken ct) =>
        Recipients.ActiveInRole(db, Roles.Staff).Where(u => u.OrganizationId == organizationId).Select(u => u.Id).ToListAsync(ct);

    public async Task NewApplicationAsync(Application application, CancellationToken ct)
    {
        var opening = await db.Openings.AsNoTracking().SingleAsync(o => o.Id == application.OpeningId, ct);
        var expertName = await ExpertNameAsync(application, ct);
        await notifier.ToUsersAsync(await StaffOfAsync(opening.OrganizationId, ct), NotificationKinds.NewApplication, (t, site) => new MailContent(
            t["Notify_NewApplication_Subject", opening.Title],
            t["Notify_NewApplication_Body", expertName, opening.Title, $"{site}/manage/openings/{opening.Id}/applicants"]), ct);
    }

    /// <summary>A move by staff is told to the expert; the expert's own withdrawal or refusal is told to the staff.</summary>
    public async Task StageChangedAsync(Application application, string from, string to, string reason, bool byExpert, CancellationToken ct)
    {
        var opening = await db.Openings.AsNoTracking().Include(o => o.Organization).SingleAsync(o => o.Id == application.OpeningId, ct);
        if (byExpert)
        {
            var expertName = await ExpertNameAsync(application, ct);
            await notifier.ToUsersAsync(await StaffOfAsync(opening.OrganizationId, ct), NotificationKinds.ApplicationStage, (t, site) => new MailContent(
                t["Notify_StageByExpert_Subject", expertName, t[$"Stage_{to}"]],
                t["Notify_StageByExpert_Body", expertName, opening.Title, t[$"Stage_{to}"], $"{site}/manage/applications/{application.Id}"]), ct);
            return;
        }
        var user = await ExpertUserAsync(application, ct);
        if (user is null) return;
        await notifier.ToUserAsync(user, NotificationKinds.ApplicationStage, (t, site) => new MailContent(
            t["Notify_Stage_Subject", opening.Organization!.NameJa, t[$"Stage_{to}"]],
            t["Notify_Stage_Body", user.DisplayName, opening.Organization.NameJa, opening.Title, t[$"Stage_{from}"], t[$"Stage_{to}"],
                reason.Length == 0 ? "-" : reason, $"{site}/applications/{application.Id}"]), ct);
    }

    public async Task MessageAsync(Application application, bool fromExpert, CancellationToken ct)
    {
        var opening = await db.Openings.AsNoTracking().Include(o => o.Organization).SingleAsync(o => o.Id == application.OpeningId, ct);
        if (fromExpert)
        {
            var expertName = await ExpertNameAsync(application, ct);
            await notifier.ToUsersAsync(await StaffOfAsync(opening.OrganizationId, ct), NotificationKinds.ApplicationMessage, (t, site) => new MailContent(
                t["Notify_MessageToStaff_Subject", expertName],
                t["Notify_MessageToStaff_Body", expertName, opening.Title, $"{site}/manage/applications/{application.Id}"]), ct);
            return;
        }
        var user = await ExpertUserAsync(application, ct);
        if (user is null) return;
        await notifier.ToUserAsync(user, NotificationKinds.ApplicationMessage, (t, site) => new MailContent(
            t["Notify_MessageToExpert_Subject", opening.Organization!.NameJa],
            t["Notify_MessageToExpert_Body", user.DisplayName, opening.Organization.NameJa, opening.Title, $"{site}/applications/{application.Id}"]), ct);
    }

    private Task<string> ExpertNameAsync(Application application, CancellationToken ct) =>
        db.ExpertProfiles.Where(p => p.Id == application.ExpertProfileId).Select(p => p.FullName).SingleAsync(ct);

    private Task<AppUser?> ExpertUserAsync(Application application, CancellationToken ct) =>
        db.ExpertProfiles.Where(p => p.Id == application.ExpertProfileId).Select(p => p.User).SingleOrDefaultAsync(ct);
}
