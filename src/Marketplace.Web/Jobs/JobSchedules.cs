using Hangfire;

namespace Marketplace.Web.Jobs;

/// <summary>Every recurring job and its schedule, in one place (times are Japan time).</summary>
public static class JobSchedules
{
    private static readonly TimeZoneInfo Japan = Localization.DisplayFormatter.Jst;

    public static void Register(IRecurringJobManager jobs)
    {
        var japan = new RecurringJobOptions { TimeZone = Japan };
        // The outbox is also woken after every save that writes mail; this run picks up retries and anything missed.
        jobs.AddOrUpdate<OutboxJobs>("outbox-send", j => j.SendDue(), Cron.Minutely(), japan);
        jobs.AddOrUpdate<NightlyRetrainJob>("matching-nightly-retrain", j => j.Run(), "0 2 * * *", japan);
        jobs.AddOrUpdate<CloseExpiredOpeningsJob>("openings-close-expired", j => j.Run(), "5 0 * * *", japan);
        jobs.AddOrUpdate<DeadlineRemindersJob>("deadline-reminders", j => j.Run(), "0 9 * * *", japan);
        jobs.AddOrUpdate<ProposalDeadlinesJob>("proposal-deadlines", j => j.Run(), "*/15 * * * *", japan);
        jobs.AddOrUpdate<DispatchDailyJob>("dispatch-daily-notices", j => j.Run(), "30 8 * * *", japan);
        jobs.AddOrUpdate<RecommendationDigestJob>("recommendation-digest", j => j.Run(), "0 7 * * *", japan);
        jobs.AddOrUpdate<SavedSearchAlertsJob>("saved-search-alerts", j => j.Run(), "30 7 * * *", japan);
        jobs.AddOrUpdate<CertificationExpiryJob>("dispatch-certification-expiry", j => j.Run(), "5 0 * * *", japan);
        jobs.AddOrUpdate<MailRetentionJob>(MailRetentionJob.Id, j => j.Run(), "40 3 * * *", japan);
        jobs.AddOrUpdate<PlannerStatisticsJob>("database-planner-statistics", j => j.Run(), Cron.Hourly(17), japan);
    }

    public static WebApplication UseMarketplaceSchedules(this WebApplication app)
    {
        Register(app.Services.GetRequiredService<IRecurringJobManager>());
        return app;
    }
}
