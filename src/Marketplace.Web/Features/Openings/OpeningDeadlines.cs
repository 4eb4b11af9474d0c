namespace Marketplace.Web.Features.Openings;

/// <summary>
/// Deadline-driven work on openings: closing them when the deadline has passed, and reminders the day before. The
/// Hangfire jobs that run it (<c>Jobs/NotificationJobs.cs</c>) only call it; the mail goes through Notifications' outbox.
/// </summary>
public sealed class OpeningDeadlines(MarketplaceDbContext db, Notifier notifier, ApplicationNotifications applications, TimeProvider clock, ILogger<OpeningDeadlines> log)
{
    private DateOnly Today => DisplayFormatter.TodayInJapan(clock);

    /// <summary>Closes each published opening whose deadline (Japan date) has passed; one transaction per opening with its mail.</summary>
    public async Task<int> CloseExpiredOpeningsAsync(CancellationToken ct = default)
    {
        var today = Today;
        var ids = await db.Openings.Where(o => o.Status == OpeningStatus.Published && o.ApplicationDeadline < today)
            .OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        var closed = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var opening = await db.Openings.SingleAsync(o => o.Id == id, ct);
            if (opening.Status != OpeningStatus.Published) continue;
            var now = clock.GetUtcNow().UtcDateTime;
            opening.Status = OpeningStatus.Closed;
            opening.ClosedAt = now;
            opening.UpdatedAt = now;
            var applicants = await db.Applications.CountAsync(a => a.OpeningId == id, ct);
            await notifier.ToUsersAsync(await applications.StaffOfAsync(opening.OrganizationId, ct), NotificationKinds.OpeningClosed, (t, site) => new MailContent(
                t["Notify_Closed_Subject", opening.Title],
                t["Notify_Closed_Body", opening.Title, opening.ApplicationDeadline.ToString("yyyy-MM-dd"), applicants, $"{site}/manage/openings/{opening.Id}/applicants"]), ct);
            try
            {
                await db.SaveChangesAsync(ct);
                closed++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Staff changed it at the same moment; the next run looks again.
                log.LogInformation("Opening {Id} changed while being closed; left for the next run", id);
            }
        }
        return closed;
    }

    /// <summary>
    /// The day before an opening's deadline: invited experts who have not applied, and the posting staff.
    /// Each (opening, person) is reminded once, however often the job runs.
    /// </summary>
    public async Task<int> RemindApplicationDeadlinesAsync(CancellationToken ct = default)
    {
        var tomorrow = Today.AddDays(1);
        var openings = await db.Openings.AsNoTracking().Include(o => o.Organization)
            .Where(o => o.Status == OpeningStatus.Published && o.ApplicationDeadline == tomorrow).ToListAsync(ct);
        var written = 0;
        foreach (var opening in openings)
        {
            db.ChangeTracker.Clear();
            var key = $"opening:{opening.Id}";
            var done = await db.ReminderLogs.Where(r => r.Kind == NotificationKinds.DeadlineReminder && r.SubjectKey == key).Select(r => r.UserId).ToListAsync(ct);
            var invited = await db.ExpertInvitations
                .Where(i => i.OpeningId == opening.Id && i.Expert!.UserId != null
                    && !db.Applications.Any(a => a.OpeningId == opening.Id && a.ExpertProfileId == i.ExpertProfileId))
                .Select(i => i.Expert!.User!).ToListAsync(ct);
            var applicants = await db.Applications.CountAsync(a => a.OpeningId == opening.Id, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var user in invited.Where(u => !done.Contains(u.Id)))
            {
                await notifier.ToUserAsync(user, NotificationKinds.DeadlineReminder, (t, site) => new MailContent(
                    t["Notify_DeadlineExpert_Subject", opening.Title],
                    t["Notify_DeadlineExpert_Body", user.DisplayName, opening.Organization!.NameJa, opening.Title, opening.ApplicationDeadline.ToString("yyyy-MM-dd"), $"{site}/openings/{opening.Id}"]), ct);
                db.ReminderLogs.Add(new ReminderLog { Kind = NotificationKinds.DeadlineReminder, SubjectKey = key, UserId = user.Id, CreatedAt = now });
            }
            foreach (var staffId in (await applications.StaffOfAsync(opening.OrganizationId, ct)).Where(id => !done.Contains(id)))
            {
                await notifier.ToUsersAsync([staffId], NotificationKinds.DeadlineReminder, (t, site) => new MailContent(
                    t["Notify_DeadlineStaff_Subject", opening.Title],
                    t["Notify_DeadlineStaff_Body", opening.Title, opening.ApplicationDeadline.ToString("yyyy-MM-dd"), applicants, $"{site}/manage/openings/{opening.Id}/applicants"]), ct);
                db.ReminderLogs.Add(new ReminderLog { Kind = NotificationKinds.DeadlineReminder, SubjectKey = key, UserId = staffId, CreatedAt = now });
            }
            written += db.ChangeTracker.Entries<ReminderLog>().Count();
            await db.SaveChangesAsync(ct);
        }
        return written;
    }
}
