using Hangfire;

namespace Marketplace.Web.Jobs;

/// <summary>Every recurring job and its schedule, in one place (times are Japan time).</summary>
public static class JobSchedules
{
    private static readonly TimeZoneInfo Japan = Localization.DisplayFormatter.Jst;

    public static void Register(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<NightlyRetrainJob>("matching-nightly-retrain", j => j.Run(), "0 2 * * *", new RecurringJobOptions { TimeZone = Japan });
        jobs.AddOrUpdate<CertificationExpiryJob>("dispatch-certification-expiry", j => j.Run(), "5 0 * * *", new RecurringJobOptions { TimeZone = Japan });
    }

    public static WebApplication UseMarketplaceSchedules(this WebApplication app)
    {
        Register(app.Services.GetRequiredService<IRecurringJobManager>());
        return app;
    }
}
