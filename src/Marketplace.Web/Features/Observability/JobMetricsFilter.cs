using System.Diagnostics;
using Hangfire.Server;

namespace Marketplace.Web.Features.Observability;

/// <summary>A Hangfire filter that counts every job run by job name (class.method) and outcome, with its duration.</summary>
public sealed class JobMetricsFilter(MarketplaceMetrics metrics) : IServerFilter
{
    private const string StartedKey = "Marketplace.Observability.Started";

    public void OnPerforming(PerformingContext context) => context.Items[StartedKey] = Stopwatch.GetTimestamp();

    public void OnPerformed(PerformedContext context)
    {
        var job = context.BackgroundJob.Job;
        var name = job is null ? "unknown" : $"{job.Type.Name}.{job.Method.Name}";
        var elapsed = context.Items.TryGetValue(StartedKey, out var started) && started is long t ? Stopwatch.GetElapsedTime(t) : TimeSpan.Zero;
        // A cancelled run (server shutting down) is neither: it is run again later.
        if (context.Canceled) return;
        metrics.JobRan(name, context.Exception is null || context.ExceptionHandled, elapsed);
    }
}
