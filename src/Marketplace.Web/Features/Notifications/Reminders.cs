namespace Marketplace.Web.Features.Notifications;

/// <summary>
/// Writes a reminder to each person at most once per (kind, subject): the mail and the record that it was
/// written are saved together, so a job that runs again (or twice at once on two instances) reminds once.
/// </summary>
public sealed class Reminders(MarketplaceDbContext db, Notifier notifier, TimeProvider clock)
{
    public async Task<int> OncePerPersonAsync(string kind, string subjectKey, IEnumerable<string> userIds, Func<IStringLocalizer, string, MailContent> compose, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var done = await db.ReminderLogs.Where(r => r.Kind == kind && r.SubjectKey == subjectKey).Select(r => r.UserId).ToListAsync(ct);
        var todo = userIds.Distinct().Except(done).ToList();
        if (todo.Count == 0) return 0;
        await notifier.ToUsersAsync(todo, kind, compose, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in todo) db.ReminderLogs.Add(new ReminderLog { Kind = kind, SubjectKey = subjectKey, UserId = id, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
            return todo.Count;
        }
        catch (DbUpdateException)
        {
            // Another instance wrote the same reminder at the same moment: the unique index kept it to one.
            db.ChangeTracker.Clear();
            return 0;
        }
    }
}

public static class Recipients
{
    /// <summary>Active accounts holding a role, as a query to narrow further (e.g. by organization).</summary>
    public static IQueryable<AppUser> ActiveInRole(MarketplaceDbContext db, string role) =>
        from u in db.Users
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == role && u.Status == AccountStatus.Active
        select u;
}
