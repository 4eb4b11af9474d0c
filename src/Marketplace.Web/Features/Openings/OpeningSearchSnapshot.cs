using Marketplace.Data.Sqlite;

namespace Marketplace.Web.Features.Openings;

/// <summary>
/// The columns the public search filters and sorts openings by, for every published or closed opening, held in memory
/// in each of the search's three orders, as of one public-content version (see <see cref="OpeningSearchSnapshots"/>).
/// On SQLite a search walks the order asked for here, testing each row as the database would (status, keywords,
/// filters), until it has its page and a count capped at <see cref="OpeningSearch.CountCap"/>; the database then reads
/// only the 20 rows shown. That is the same walk the search indexes serve on PostgreSQL, without a query's per-row cost:
/// at 10,000 postings a common keyword's count alone walked 3,000 rows through SQLite each time.
/// </summary>
public sealed class OpeningSearchSnapshot
{
    private readonly Row[] _rows;
    private readonly OpeningSummary[] _summaries;
    private readonly int[] _newest;
    private readonly int[] _deadline;
    private readonly int[] _dayRate;

    public long Version { get; }

    /// <summary>Openings held (published or closed).</summary>
    public int Count => _rows.Length;

    /// <summary>Every published call for proposals (calls are few beside openings: they are tested one by one).</summary>
    internal IReadOnlyList<OpeningSearch.CallRow> Calls { get; }

    private readonly record struct Row(
        int Id, OpeningStatus Status, DateOnly Deadline, DateTime? PublishedAt, bool Filled, string Prefecture, string Role,
        string Engagement, long DayRate, double Onsite, bool Remote, int Term);

    private OpeningSearchSnapshot(long version, Row[] rows, OpeningSummary[] summaries, List<OpeningSearch.CallRow> calls)
    {
        Version = version;
        _rows = rows;
        _summaries = summaries;
        Calls = calls;
        var order = Enumerable.Range(0, rows.Length);
        // The database's orders (OpeningSearch.Ordered), NULL publication dates last as SQLite sorts them descending.
        _newest = [.. order.OrderByDescending(i => rows[i].PublishedAt.HasValue).ThenByDescending(i => rows[i].PublishedAt).ThenByDescending(i => rows[i].Id)];
        _deadline = [.. order.OrderBy(i => rows[i].Deadline).ThenBy(i => rows[i].Id)];
        _dayRate = [.. order.OrderByDescending(i => rows[i].DayRate).ThenBy(i => rows[i].Id)];
    }

    /// <summary>Reads every published or closed opening as a search result with the columns it is filtered by, and every published call.</summary>
    public static async Task<OpeningSearchSnapshot> ReadAsync(MarketplaceDbContext db, long version, CancellationToken ct = default)
    {
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string s) => shared.TryGetValue(s, out var c) ? c : shared[s] = s;
        var openings = await db.Openings.AsNoTracking()
            .Where(o => o.Status == OpeningStatus.Published || o.Status == OpeningStatus.Closed)
            .Select(o => new
            {
                o.Id, o.Title, o.Organization!.NameJa, o.Organization.NameEn, o.Organization.PrefectureCode, o.RoleCode,
                o.EngagementCode, o.Rank, o.PayAmountYen, o.PayUnit, o.DayRateYen, o.DaysPerWeek, o.OnsiteDaysPerMonth,
                o.RemoteAllowed, o.FirstTermMonths, o.ApplicationDeadline, o.PublishedAt, o.NoticeId, o.RecordedAfterTheFact,
                o.Status, Filled = o.FilledOn != null, o.PayNotStated, o.PayApproximate, o.DaysPerWeekNotStated, o.DaysPerWeekApproximate,
                o.OnsiteNotStated, o.OnsiteApproximate, o.FirstTermApproximate,
            })
            .ToListAsync(ct);
        var calls = await db.ProposalCalls.AsNoTracking().AsSplitQuery().Where(c => c.PublishedAt != null).Select(OpeningSearch.CallRowOf).ToListAsync(ct);
        var rows = new Row[openings.Count];
        var summaries = new OpeningSummary[openings.Count];
        for (var i = 0; i < openings.Count; i++)
        {
            var o = openings[i];
            rows[i] = new Row(o.Id, o.Status, o.ApplicationDeadline, o.PublishedAt, o.Filled, Shared(o.PrefectureCode), Shared(o.RoleCode),
                Shared(o.EngagementCode), o.DayRateYen, o.OnsiteDaysPerMonth, o.RemoteAllowed, o.FirstTermMonths);
            summaries[i] = new OpeningSummary(o.Id, o.Title, Shared(o.NameJa), Shared(o.NameEn), rows[i].Prefecture, rows[i].Role,
                rows[i].Engagement, o.Rank, o.PayAmountYen, o.PayUnit, o.DayRateYen, o.DaysPerWeek, o.OnsiteDaysPerMonth,
                o.RemoteAllowed, o.FirstTermMonths, o.ApplicationDeadline, o.PublishedAt, o.NoticeId)
            {
                RecordedAfterTheFact = o.RecordedAfterTheFact, PayNotStated = o.PayNotStated, PayApproximate = o.PayApproximate,
                DaysPerWeekNotStated = o.DaysPerWeekNotStated, DaysPerWeekApproximate = o.DaysPerWeekApproximate,
                OnsiteNotStated = o.OnsiteNotStated, OnsiteApproximate = o.OnsiteApproximate, FirstTermApproximate = o.FirstTermApproximate,
            };
        }
        return new OpeningSearchSnapshot(version, rows, summaries, calls);
    }

    /// <summary>
    /// The openings meeting <paramref name="query"/> in its order, from the <paramref name="skip"/>th, at most
    /// <paramref name="take"/>, and how many meet it, counted up to <paramref name="countUpTo"/>.
    /// <paramref name="keywords"/> is the set of openings containing the query's keywords (null: no keywords).
    /// </summary>
    public (List<OpeningSummary> Items, int Counted) Find(OpeningQuery query, DateOnly today, ulong[]? keywords, int skip, int take, int countUpTo)
    {
        var matches = Predicate(query, today, keywords);
        var order = query.Sort switch { "deadline" => _deadline, "day_rate" => _dayRate, _ => _newest };
        var items = new List<OpeningSummary>(Math.Min(take, 64));
        var counted = 0;
        foreach (var i in order)
        {
            if (!matches(in _rows[i])) continue;
            if (counted >= skip && items.Count < take) items.Add(_summaries[i]);
            if (++counted >= countUpTo && counted >= skip + take) break;
        }
        return (items, counted);
    }

    private delegate bool RowTest(in Row row);

    /// <summary>The database's filters (OpeningSearch.OpeningsMatchingAsync) as one test of a row.</summary>
    private static RowTest Predicate(OpeningQuery query, DateOnly today, ulong[]? keywords)
    {
        var status = query.StatusOrOpen;
        var after = query.PublishedAfter;
        var prefecture = string.IsNullOrEmpty(query.Prefecture) ? null : query.Prefecture;
        var role = string.IsNullOrEmpty(query.Role) ? null : query.Role;
        var engagement = string.IsNullOrEmpty(query.Engagement) ? null : query.Engagement;
        var minRate = OpeningSearch.ParseMinDayRate(query);
        var maxOnsite = OpeningSearch.ParseMaxOnsite(query);
        var remote = query.Remote;
        var term = query.Term;
        return (in Row o) =>
            (status switch
            {
                OpeningQuery.AwardedStatus => o.Status == OpeningStatus.Closed && o.Filled,
                OpeningQuery.ClosedStatus => o.Status == OpeningStatus.Closed || (o.Status == OpeningStatus.Published && o.Deadline < today),
                _ => o.Status == OpeningStatus.Published && o.Deadline >= today,
            })
            && (after is not { } a || o.PublishedAt > a)
            && (keywords is null || KeywordMatchSets.Holds(keywords, o.Id))
            && (prefecture is null || o.Prefecture == prefecture)
            && (role is null || o.Role == role)
            && (engagement is null || o.Engagement == engagement)
            && (minRate is not { } m || o.DayRate >= m)
            && (maxOnsite is not { } x || o.Onsite <= x)
            && (!remote || o.Remote)
            && term switch
            {
                "short" => o.Term <= 6,
                "medium" => o.Term > 6 && o.Term <= 12,
                "long" => o.Term > 12,
                _ => true,
            };
    }
}

/// <summary>
/// The newest <see cref="OpeningSearchSnapshot"/>. A search uses it only if it is as new as the public-content version
/// the search read (every save of an opening or its government adds to that version in its own transaction, on any
/// instance), so a search never sees postings older than the database's. When the version has moved on, the first
/// search to notice starts reading a new snapshot in the background (at 100,000 postings that takes about a second)
/// and, like every search until it is ready, is answered by the database's search indexes meanwhile.
/// </summary>
public sealed class OpeningSearchSnapshots(IServiceScopeFactory scopes, IConfiguration config, ILogger<OpeningSearchSnapshots> log)
{
    /// <summary>
    /// Whether SQLite searches use the snapshot (<c>Search:InMemory</c>, on by default); off, they walk SQLite's own
    /// search indexes as PostgreSQL does, which the tests compare it with.
    /// </summary>
    public bool Enabled { get; } = config.GetValue("Search:InMemory", true);

    private sealed record Pending(long Version, Task<OpeningSearchSnapshot> Read);

    private Pending? _latest;

    /// <summary>The snapshot at <paramref name="version"/> or newer if it is ready; otherwise null, and one is being read.</summary>
    public OpeningSearchSnapshot? Ready(long version)
    {
        var latest = Start(version);
        return latest.Read.IsCompletedSuccessfully ? latest.Read.Result : null;
    }

    /// <summary>A snapshot at <paramref name="version"/> or newer, waiting for it to be read.</summary>
    public Task<OpeningSearchSnapshot> AtLeastAsync(long version, CancellationToken ct = default) => Start(version).Read.WaitAsync(ct);

    private Pending Start(long version)
    {
        while (true)
        {
            var latest = Volatile.Read(ref _latest);
            if (latest is not null && latest.Version >= version && !latest.Read.IsFaulted) return latest;
            // A newer read than a faulted or older one; an older snapshot is dropped only once the new one is asked for.
            var next = new Pending(version, Task.Run(() => ReadAsync(version)));
            if (Interlocked.CompareExchange(ref _latest, next, latest) == latest) return next;
        }
    }

    private async Task<OpeningSearchSnapshot> ReadAsync(long version)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var snapshot = await OpeningSearchSnapshot.ReadAsync(db, version);
            log.LogDebug("Search snapshot of {Count} openings at version {Version} read in {Ms:0} ms",
                snapshot.Count, version, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return snapshot;
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Search snapshot at version {Version} could not be read; searches use the database", version);
            throw;
        }
    }
}

/// <summary>
/// Starts reading the search snapshot as soon as the app has started (SQLite only), so the first visitors' searches
/// are answered from memory rather than waiting for a change to a version nobody asked for yet.
/// </summary>
public sealed class OpeningSearchWarmup(IServiceScopeFactory scopes, OpeningSearchSnapshots snapshots, IHostApplicationLifetime lifetime, ILogger<OpeningSearchWarmup> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (snapshots.Enabled) lifetime.ApplicationStarted.Register(() => _ = WarmAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            if (!db.TestsKeywordMatchSetsInMemory) return;
            snapshots.Ready(await KeywordMatchCache.VersionAsync(db, lifetime.ApplicationStopping));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "The search snapshot was not read at start; the first search reads it");
        }
    }
}
