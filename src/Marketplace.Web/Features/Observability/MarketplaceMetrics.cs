using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marketplace.Web.Features.Matching;

namespace Marketplace.Web.Features.Observability;

/// <summary>
/// The marketplace's own instruments (meter <see cref="MeterName"/>), beside ASP.NET Core's request metrics:
/// the mail outbox's backlog, background job runs and failures, and how fresh the in-memory expert index is.
/// </summary>
public sealed class MarketplaceMetrics
{
    public const string MeterName = "Marketplace";

    /// <summary>
    /// The meter's name: <see cref="MeterName"/> unless <c>Observability:MeterName</c> says otherwise. OpenTelemetry
    /// listens to meters by name in the whole process, so hosts sharing a process (tests) each take a name of their own.
    /// </summary>
    public static string MeterNameIn(IConfiguration config) => config["Observability:MeterName"] is { Length: > 0 } name ? name : MeterName;

    /// <summary>How long one count of the outbox serves scrapes before the database is asked again.</summary>
    public static readonly TimeSpan OutboxRefresh = TimeSpan.FromSeconds(5);

    private static readonly OutboxStatus[] Backlog = [OutboxStatus.Pending, OutboxStatus.Sending, OutboxStatus.Failed, OutboxStatus.Uncertain];

    private readonly IServiceScopeFactory _scopes;
    private readonly ExpertIndexHost _index;
    private readonly ILogger<MarketplaceMetrics> _log;
    private readonly Counter<long> _jobRuns;
    private readonly Histogram<double> _jobDuration;
    private readonly Lock _outboxLock = new();
    private Dictionary<OutboxStatus, int> _outbox = [];
    private long? _outboxReadAt;

    public MarketplaceMetrics(IMeterFactory meters, IConfiguration config, IServiceScopeFactory scopes, ExpertIndexHost index, ILogger<MarketplaceMetrics> log)
    {
        _scopes = scopes;
        _index = index;
        _log = log;
        var meter = meters.Create(MeterNameIn(config));
        _jobRuns = meter.CreateCounter<long>("marketplace.jobs.runs", "{run}", "Background job runs by job (class.method) and outcome (succeeded or failed)");
        _jobDuration = meter.CreateHistogram<double>("marketplace.jobs.duration", "s", "How long background job runs took, by job and outcome");
        meter.CreateObservableGauge("marketplace.outbox.messages", ReadOutbox, "{message}",
            "Mail outbox messages not sent yet, by status: pending (waiting or retrying), sending, failed (gave up), uncertain (a sender stopped mid-send)");
        meter.CreateObservableGauge("marketplace.matching.expert_index.age", ReadIndexAge, "s",
            "Seconds since this instance's expert index was last known to hold every committed profile change (it checks every 2 s); absent before the first build");
        meter.CreateObservableGauge("marketplace.matching.expert_index.experts", ReadIndexCount, "{expert}", "Experts held by the expert index");
    }

    /// <summary>Counts one finished job run.</summary>
    public void JobRan(string job, bool succeeded, TimeSpan duration)
    {
        var tags = new TagList { { "job", job }, { "outcome", succeeded ? "succeeded" : "failed" } };
        _jobRuns.Add(1, tags);
        _jobDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>
    /// The outbox's backlog per status. A scrape reads the last count; the database is asked at most once every
    /// <see cref="OutboxRefresh"/> (one indexed count grouped by status), whoever scrapes how often.
    /// </summary>
    private IEnumerable<Measurement<int>> ReadOutbox()
    {
        lock (_outboxLock)
        {
            if (_outboxReadAt is not { } readAt || Environment.TickCount64 - readAt >= OutboxRefresh.TotalMilliseconds)
            {
                _outboxReadAt = Environment.TickCount64;
                try
                {
                    using var scope = _scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
                    _outbox = db.OutboxMessages.AsNoTracking().Where(m => Backlog.Contains(m.Status))
                        .GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
                        .ToDictionary(g => g.Key, g => g.Count);
                }
                catch (Exception ex)
                {
                    // A scrape must not fail because the database is away; the last count stays.
                    _log.LogWarning(ex, "Counting the outbox for metrics failed");
                }
            }
            return Backlog.Select(s => new Measurement<int>(_outbox.GetValueOrDefault(s), new KeyValuePair<string, object?>("status", s.ToString().ToLowerInvariant()))).ToList();
        }
    }

    private IEnumerable<Measurement<double>> ReadIndexAge() =>
        _index.Current is not null && _index.CheckedAt is { } at ? [new((DateTime.UtcNow - at).TotalSeconds)] : [];

    private IEnumerable<Measurement<int>> ReadIndexCount() =>
        _index.Current is { } s ? [new(s.Index.Count)] : [];
}
