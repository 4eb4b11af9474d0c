namespace Marketplace.Web.Features.Dispatch;

/// <summary>
/// What the dispatch programme tells people: the CIO and the hosts hear of a proposal and an approved dispatch,
/// hosts hear the decision on their claims; a daily run tells the national office what waits in its certification
/// and claim queues and reminds CIO and hosts when a dispatch is about to end. Called before the feature's own save.
/// </summary>
public sealed class DispatchNotifications(MarketplaceDbContext db, Notifier notifier, ApplicationNotifications applications, Reminders reminders, TimeProvider clock)
{
    /// <summary>How long before its end a dispatch's CIO and hosts are reminded.</summary>
    public const int EndReminderDays = 30;

    private Task<string?> UserOfExpertAsync(int expertProfileId, CancellationToken ct) =>
        db.ExpertProfiles.Where(p => p.Id == expertProfileId).Select(p => p.UserId).SingleOrDefaultAsync(ct);

    private async Task<List<string>> HostStaffAsync(int requestId, CancellationToken ct)
    {
        var orgs = await db.DispatchRequestHosts.Where(h => h.RequestId == requestId).Select(h => h.OrganizationId).ToListAsync(ct);
        var staff = new List<string>();
        foreach (var org in orgs) staff.AddRange(await applications.StaffOfAsync(org, ct));
        return staff;
    }

    private Task<List<string>> OfficeAsync(CancellationToken ct) =>
        Recipients.ActiveInRole(db, Roles.NationalOffice).Select(u => u.Id).ToListAsync(ct);

    public async Task CioProposedAsync(DispatchProposal proposal, DispatchRequest request, CancellationToken ct)
    {
        var hosts = string.Join("・", request.Hosts.Select(h => h.Organization?.NameJa).Where(n => n is not null));
        if (await UserOfExpertAsync(proposal.ExpertProfileId, ct) is { } cio)
        {
            await notifier.ToUsersAsync([cio], NotificationKinds.DispatchUpdate, (t, site) => new MailContent(
                t["Notify_DispatchProposed_Subject", hosts],
                t["Notify_DispatchProposed_Body", hosts, $"{site}/dispatch"]), ct);
        }
        await notifier.ToUsersAsync(await applications.StaffOfAsync(request.LeadOrganizationId, ct), NotificationKinds.DispatchUpdate, (t, site) => new MailContent(
            t["Notify_DispatchProposedHost_Subject"],
            t["Notify_DispatchProposedHost_Body", $"{site}/manage/dispatch/requests/{request.Id}"]), ct);
    }

    /// <summary>The co-hosts named in a joint request are asked to confirm that they take part.</summary>
    public async Task CoHostsAskedAsync(DispatchRequest request, Organization lead, CancellationToken ct)
    {
        foreach (var host in request.Hosts.Where(h => !h.IsLead))
        {
            await notifier.ToUsersAsync(await applications.StaffOfAsync(host.OrganizationId, ct), NotificationKinds.DispatchUpdate, (t, site) => new MailContent(
                t["Notify_CoHostAsked_Subject", lead.NameJa], t["Notify_CoHostAsked_Body", lead.NameJa, $"{site}/manage/dispatch"]), ct);
        }
    }

    /// <summary>What happened to an expert's certification, told to the expert.</summary>
    public enum CertificationNews { Approved, Rejected, Certified, Renewed, Revoked }

    /// <summary>
    /// The expert hears each decision on their certification: <paramref name="detail"/> is the reason (rejected,
    /// revoked), the last valid day (certified, renewed) or a note of the office (approved; may be empty).
    /// </summary>
    public async Task CertificationAsync(int expertProfileId, CertificationNews news, string detail, CancellationToken ct)
    {
        if (await UserOfExpertAsync(expertProfileId, ct) is not { } user) return;
        await notifier.ToUsersAsync([user], NotificationKinds.DispatchUpdate, (t, site) => new MailContent(
            t[$"Notify_Cert_{news}_Subject"], t[$"Notify_Cert_{news}_Body", detail, $"{site}/dispatch/certification"]), ct);
    }

    public async Task ApprovedAsync(CioDispatch dispatch, CancellationToken ct)
    {
        var period = $"{dispatch.StartDate:yyyy-MM-dd} – {dispatch.EndDate:yyyy-MM-dd}";
        if (await UserOfExpertAsync(dispatch.ExpertProfileId, ct) is { } cio)
        {
            await notifier.ToUsersAsync([cio], NotificationKinds.DispatchUpdate, (t, site) => new MailContent(
                t["Notify_DispatchApproved_Subject"], t["Notify_DispatchApproved_Body", period, $"{site}/dispatch"]), ct);
        }
        await notifier.ToUsersAsync(await HostStaffAsync(dispatch.RequestId, ct), NotificationKinds.DispatchUpdate, (t, site) => new MailContent(
            t["Notify_DispatchApproved_Subject"], t["Notify_DispatchApproved_Body", period, $"{site}/manage/dispatch"]), ct);
    }

    public async Task ClaimDecidedAsync(IncentiveClaim claim, CancellationToken ct)
    {
        await notifier.ToUsersAsync(await applications.StaffOfAsync(claim.OrganizationId, ct), NotificationKinds.ClaimDecision, (t, site) => new MailContent(
            t["Notify_ClaimDecided_Subject", t[$"Claim_Status_{claim.Status}"]],
            t["Notify_ClaimDecided_Body", claim.Id, t[$"Claim_Status_{claim.Status}"], (claim.ApprovedYen ?? 0).ToString("N0"),
                claim.DecisionReason ?? "-", $"{site}/manage/dispatch/claims/{claim.Id}"]), ct);
    }

    /// <summary>The daily run: the office's queues (when not empty) and end-of-dispatch reminders (once per dispatch and person).</summary>
    public async Task<int> RunDailyAsync(CancellationToken ct = default)
    {
        var written = 0;
        var today = DisplayFormatter.TodayInJapan(clock);
        var certifications = await db.CertificationApplications.CountAsync(a => a.Status == CertificationApplicationStatus.Submitted, ct);
        var claims = await db.IncentiveClaims.CountAsync(c => c.Status == ClaimStatus.Submitted, ct);
        if (certifications + claims > 0)
        {
            written += await reminders.OncePerPersonAsync(NotificationKinds.OfficeQueues, $"queues:{today:yyyy-MM-dd}", await OfficeAsync(ct), (t, site) => new MailContent(
                t["Notify_OfficeQueues_Subject", certifications, claims],
                t["Notify_OfficeQueues_Body", certifications, $"{site}/admin/dispatch/certifications", claims, $"{site}/admin/dispatch/claims"]), ct);
        }
        var horizon = today.AddDays(EndReminderDays);
        var ending = await db.Dispatches.AsNoTracking()
            .Where(d => (d.Status == DispatchStatus.Active || d.Status == DispatchStatus.Extended) && d.EndDate >= today && d.EndDate <= horizon)
            .ToListAsync(ct);
        foreach (var d in ending)
        {
            var key = $"dispatch-end:{d.Id}:{d.EndDate:yyyy-MM-dd}"; // an extension earns a new reminder
            var end = d.EndDate.ToString("yyyy-MM-dd");
            if (await UserOfExpertAsync(d.ExpertProfileId, ct) is { } cio)
            {
                written += await reminders.OncePerPersonAsync(NotificationKinds.DispatchEnd, key, [cio], (t, site) => new MailContent(
                    t["Notify_DispatchEnd_Subject", end], t["Notify_DispatchEnd_Body", end, $"{site}/dispatch/assignments/{d.Id}"]), ct);
            }
            written += await reminders.OncePerPersonAsync(NotificationKinds.DispatchEnd, key, await HostStaffAsync(d.RequestId, ct), (t, site) => new MailContent(
                t["Notify_DispatchEnd_Subject", end], t["Notify_DispatchEnd_Body", end, $"{site}/manage/dispatch/dispatches/{d.Id}"]), ct);
        }
        return written;
    }
}
