using System.Diagnostics;
using Marketplace.Matching;
using Marketplace.Matching.Features;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Training;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Matching;

public sealed class ExpertIndexOptions
{
    /// <summary>How often every instance polls the change sequence in the background.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a page waits for the first build before it answers that the index is still building.</summary>
    public TimeSpan FirstBuildWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A gap in the change sequence older than this is a rolled-back transaction, not one still committing.</summary>
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// One consistent state of the expert index: the ranker it was built for (its text weights), the index over every
/// matchable profile (hidden ones flagged), and how far the change sequence has been applied.
/// </summary>
public sealed record ExpertIndexSnapshot(ExpertIndex Index, IMatchRanker Ranker, RankerModel? Model, long AppliedThrough, DateTime AsOf, int ChangesSinceFullBuild);

/// <summary>What a page gets: the snapshot (null while the first build runs) and how fresh it is.</summary>
public sealed record ExpertIndexState(ExpertIndexSnapshot? Snapshot, bool Building, DateTime? LagsSince)
{
    /// <summary>True when a change already committed is not reflected yet (a model switch or full rebuild is running).</summary>
    public bool Lagging => LagsSince is not null;
}

/// <summary>
/// The long-lived, in-memory expert index of this instance. Built once in the background at start-up, then kept current
/// from the database's change sequence (<see cref="MatchingChange"/>, written in the same transaction as each change):
/// a saved, hidden, anonymised or removed profile, changed skills or certification, changed vendor contracts, or another
/// ranker becoming current. Every instance polls the sequence, and each page catches up before ranking, so an instance
/// sees its own and other instances' committed changes. Profile changes update only the changed experts
/// (<see cref="ExpertIndex.Apply"/>); a ranker switch rebuilds in the background while the previous snapshot serves.
/// </summary>
public sealed class ExpertIndexHost(IServiceScopeFactory scopes, RankerCache cache, IOptions<ExpertIndexOptions> options, ILogger<ExpertIndexHost> log) : IDisposable
{
    /// <summary>Orders profile ids numerically (ids are decimal strings without leading zeros).</summary>
    public static readonly IComparer<string> IdOrder = Comparer<string>.Create((a, b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _rebuildLock = new();
    private volatile ExpertIndexSnapshot? _current;
    private Task? _first;
    private Task? _rebuild;
    private DateTime? _rebuildSince;
    // Change ids above the snapshot's watermark that are already applied, and when each gap below them was first seen.
    private readonly HashSet<long> _appliedAbove = [];
    private readonly Dictionary<long, DateTime> _gapsSeen = [];
    private long _watermark;
    private long _checkedAtTicks;

    /// <summary>Starts the first build in the background (idempotent).</summary>
    public Task StartAsync()
    {
        lock (_rebuildLock) return _first ??= Task.Run(() => RebuildAsync(CancellationToken.None));
    }

    /// <summary>When the index was last known to hold every committed change (the last catch-up, with or without changes).</summary>
    public DateTime? CheckedAt => Interlocked.Read(ref _checkedAtTicks) is > 0 and var t ? new DateTime(t, DateTimeKind.Utc) : null;

    /// <summary>The snapshot as of now, or null before the first build finished.</summary>
    public ExpertIndexSnapshot? Current => _current;

    /// <summary>
    /// Catches up with the change sequence and returns the state to rank with. Waits for the first build at most
    /// <see cref="ExpertIndexOptions.FirstBuildWait"/>, then answers that the index is still building.
    /// </summary>
    public async Task<ExpertIndexState> StateAsync(MarketplaceDbContext db, CancellationToken ct = default)
    {
        var first = StartAsync();
        if (_current is null) await Task.WhenAny(first, Task.Delay(options.Value.FirstBuildWait, ct));
        if (_current is null) return new ExpertIndexState(null, true, null);
        await CatchUpAsync(db, ct);
        var since = _rebuildSince;
        return new ExpertIndexState(_current, false, since);
    }

    /// <summary>Applies every committed change not yet in the index (the background poll and each page call it).</summary>
    public async Task CatchUpAsync(MarketplaceDbContext db, CancellationToken ct = default)
    {
        if (_current is null) return;
        await _gate.WaitAsync(ct);
        try
        {
            var snapshot = _current;
            var from = Math.Min(_watermark, snapshot.AppliedThrough);
            var changes = await db.MatchingChanges.AsNoTracking().Where(c => c.Id > from).OrderBy(c => c.Id).Take(10_000)
                .Select(c => new { c.Id, c.Kind, c.ExpertProfileId, c.RemovedExpertProfileId, c.CreatedAt }).ToListAsync(ct);
            changes.RemoveAll(c => _appliedAbove.Contains(c.Id));
            if (changes.Count == 0)
            {
                Interlocked.Exchange(ref _checkedAtTicks, DateTime.UtcNow.Ticks);
                return;
            }

            var touched = new HashSet<int>();
            var removed = new HashSet<int>();
            bool conflicts = false, model = false;
            foreach (var c in changes)
            {
                switch (c.Kind)
                {
                    case MatchingChangeKind.Model: model = true; break;
                    case MatchingChangeKind.Conflicts: conflicts = true; break;
                    default:
                        if (c.ExpertProfileId is { } id) touched.Add(id);
                        if (c.RemovedExpertProfileId is { } gone) removed.Add(gone);
                        break;
                }
            }
            if (model) StartRebuild();
            var updated = await ApplyAsync(db, snapshot, touched, removed, conflicts, ct);
            Advance(changes.Select(c => c.Id));
            _current = updated with { AppliedThrough = _watermark, AsOf = DateTime.UtcNow, ChangesSinceFullBuild = updated.ChangesSinceFullBuild + changes.Count };
            Interlocked.Exchange(ref _checkedAtTicks, _current.AsOf.Ticks);
            // Text weights learned from the profiles themselves (rule-based ranking) drift as profiles change: rebuild
            // from scratch once a tenth of the index has changed, so the weights follow the corpus.
            if (_current.Ranker.Kind == "rules" && _current.Model is null && _current.ChangesSinceFullBuild > Math.Max(50, _current.Index.Count / 10))
                StartRebuild();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Moves the watermark past every applied id with no unapplied id below it. A missing id may be a transaction
    /// still committing (PostgreSQL hands out ids before commit), so it holds the watermark until it appears or
    /// <see cref="ExpertIndexOptions.GapTimeout"/> passes (then it was rolled back).
    /// </summary>
    private void Advance(IEnumerable<long> applied)
    {
        foreach (var id in applied) _appliedAbove.Add(id);
        var now = DateTime.UtcNow;
        while (true)
        {
            var next = _watermark + 1;
            if (_appliedAbove.Remove(next))
            {
                _gapsSeen.Remove(next);
                _watermark = next;
                continue;
            }
            if (_appliedAbove.Count == 0) break;
            if (!_gapsSeen.TryGetValue(next, out var seen)) _gapsSeen[next] = seen = now;
            if (now - seen < options.Value.GapTimeout) break;
            _gapsSeen.Remove(next);
            _watermark = next;
        }
    }

    private async Task<ExpertIndexSnapshot> ApplyAsync(MarketplaceDbContext db, ExpertIndexSnapshot snapshot, HashSet<int> touched, HashSet<int> removed, bool conflicts, CancellationToken ct)
    {
        var index = snapshot.Index;
        var upserts = new Dictionary<string, ExpertRecord>(StringComparer.Ordinal);
        var removals = new HashSet<string>(removed.Select(MatchingRecords.Id), StringComparer.Ordinal);
        if (conflicts)
        {
            // Vendor contracts changed: every indexed expert whose set of conflicted governments changed is updated.
            var codes = await ConflictCodesAsync(db, null, ct);
            for (var i = 0; i < index.Count; i++)
            {
                var x = index.Experts[i];
                var now = codes.GetValueOrDefault(int.Parse(x.Id, System.Globalization.CultureInfo.InvariantCulture)) ?? [];
                if (!now.ToHashSet().SetEquals(x.ConflictOrgCodes)) upserts[x.Id] = x with { ConflictOrgCodes = now };
            }
        }
        foreach (var chunk in touched.Except(removed).Chunk(500))
        {
            var profiles = await db.ExpertProfiles.AsNoTracking().Include(e => e.Skills).Where(e => chunk.Contains(e.Id)).ToListAsync(ct);
            var codes = await ConflictCodesAsync(db, chunk, ct);
            var found = profiles.ToDictionary(p => p.Id);
            foreach (var id in chunk)
            {
                var key = MatchingRecords.Id(id);
                if (found.TryGetValue(id, out var p) && Indexable(p)) upserts[key] = MatchingRecords.ForIndex(p, codes.GetValueOrDefault(id) ?? []);
                else
                {
                    upserts.Remove(key);
                    removals.Add(key);
                }
            }
        }
        if (upserts.Count == 0 && removals.Count == 0) return snapshot;
        return snapshot with { Index = index.Apply(upserts.Values, removals, IdOrder) };
    }

    /// <summary>Profiles the index holds: signed-up, not anonymised, and saying where the expert lives and how many days they have.</summary>
    /// <summary>Whether the profile is in the index: a live account, matchable, and not marked as unavailable now (never recommended).</summary>
    public static bool Indexable(ExpertProfile p) => p.UserId != null && p.AnonymizedAt == null && !p.NotAvailableNow && MatchingRecords.IsMatchable(p);

    private static async Task<Dictionary<int, List<string>>> ConflictCodesAsync(MarketplaceDbContext db, int[]? only, CancellationToken ct)
    {
        var query = db.ExpertProfiles.AsNoTracking().Where(e => e.VendorCorporateNumber != null);
        if (only is not null) query = query.Where(e => only.Contains(e.Id));
        var pairs = await query.Join(db.VendorContracts, e => e.VendorCorporateNumber, c => c.CorporateNumber, (e, c) => new { e.Id, c.Organization!.Code })
            .ToListAsync(ct);
        return pairs.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.Select(p => p.Code).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    private void StartRebuild()
    {
        lock (_rebuildLock)
        {
            if (_rebuild is { IsCompleted: false }) return;
            _rebuildSince ??= DateTime.UtcNow;
            _rebuild = Task.Run(() => RebuildAsync(CancellationToken.None));
        }
    }

    /// <summary>Waits for a rebuild in progress (tests and the benchmark).</summary>
    public async Task WaitForRebuildAsync()
    {
        Task? running;
        lock (_rebuildLock) running = _rebuild;
        if (_first is not null) await _first;
        if (running is not null) await running;
    }

    /// <summary>Builds a whole index from the database, then catches up with what changed while it was built.</summary>
    private async Task RebuildAsync(CancellationToken ct)
    {
        try
        {
            var watch = Stopwatch.StartNew();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            // The watermark is read first: changes committed while the profiles load are applied again afterwards,
            // which is harmless since applying reads the current state.
            var through = await db.MatchingChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
            var (ranker, model) = await CurrentRankerAsync(db, cache, ct);
            var records = await LoadAllAsync(db, ct);
            var index = await Task.Run(() => ranker.BuildIndex(records), ct);
            await _gate.WaitAsync(ct);
            try
            {
                _appliedAbove.Clear();
                _gapsSeen.Clear();
                _watermark = through;
                _current = new ExpertIndexSnapshot(index, ranker, model, through, DateTime.UtcNow, 0);
                lock (_rebuildLock) _rebuildSince = null;
            }
            finally
            {
                _gate.Release();
            }
            log.LogInformation("Expert index built: {Count} experts in {Ms} ms (ranker {Ranker})", index.Count, watch.ElapsedMilliseconds, model?.VersionId ?? "rules");
            await CatchUpAsync(db, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Expert index build failed; it is retried at the next poll");
            lock (_rebuildLock)
            {
                if (_current is null) _first = null;
            }
        }
    }

    /// <summary>Every indexable profile as a matching record, in id order.</summary>
    public static async Task<List<ExpertRecord>> LoadAllAsync(MarketplaceDbContext db, CancellationToken ct = default)
    {
        var profiles = await db.ExpertProfiles.AsNoTracking().Include(e => e.Skills).AsSplitQuery()
            .Where(e => e.UserId != null && e.AnonymizedAt == null && e.AvailableDaysPerWeek > 0)
            .OrderBy(e => e.Id).ToListAsync(ct);
        var codes = await ConflictCodesAsync(db, null, ct);
        return profiles.Where(Indexable).Select(p => MatchingRecords.ForIndex(p, codes.GetValueOrDefault(p.Id) ?? [])).ToList();
    }

    /// <summary>The current ranker and its database row (null: no model yet, the rule-based scorer ranks).</summary>
    public static async Task<(IMatchRanker Ranker, RankerModel? Model)> CurrentRankerAsync(MarketplaceDbContext db, RankerCache cache, CancellationToken ct)
    {
        // The model's bytes are read only when this instance has not loaded that model yet.
        var current = await db.RankerModels.AsNoTracking().Where(m => m.IsCurrent).OrderByDescending(m => m.Id)
            .Select(m => new RankerModel
            {
                Id = m.Id, VersionId = m.VersionId, Kind = m.Kind, TrainedAt = m.TrainedAt, ModelNdcg10 = m.ModelNdcg10,
                ColdStartReason = m.ColdStartReason, ColdStartReasonEn = m.ColdStartReasonEn,
            })
            .FirstOrDefaultAsync(ct);
        if (current is null) return (new RuleBasedRanker(), null);
        if (!cache.Rankers.TryGetValue(current.Id, out var ranker))
        {
            var bytes = await db.RankerModels.Where(m => m.Id == current.Id).Select(m => m.Bytes).SingleAsync(ct);
            ranker = cache.Rankers.GetOrAdd(current.Id, MatchingModel.FromBytes(bytes).CreateRanker());
        }
        return (ranker, current);
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>Starts the first build with the app and polls the change sequence in the background.</summary>
public sealed class ExpertIndexPoller(ExpertIndexHost host, IServiceScopeFactory scopes, IOptions<ExpertIndexOptions> options, ILogger<ExpertIndexPoller> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = host.StartAsync();
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (host.Current is null)
                {
                    _ = host.StartAsync();
                    continue;
                }
                await using var scope = scopes.CreateAsyncScope();
                await host.CatchUpAsync(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Polling the matching change sequence failed; retrying at the next tick");
            }
        }
    }
}
