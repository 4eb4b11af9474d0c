using Hangfire;

namespace Marketplace.Web.Jobs;

/// <summary>The outbox's Hangfire job: thin, the work is in <see cref="OutboxSender"/>.</summary>
public sealed class OutboxJobs(OutboxSender sender)
{
    /// <summary>Asks for a run now (after a save that wrote messages). The minutely schedule catches anything missed.</summary>
    public static void Wake(IBackgroundJobClient jobs) => jobs.Enqueue<OutboxJobs>(j => j.SendDue());

    // Two runs at once would be safe (claims), but pointless; a retry after a crash comes from Hangfire.
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 5)]
    public Task SendDue() => sender.SendDueAsync();
}
