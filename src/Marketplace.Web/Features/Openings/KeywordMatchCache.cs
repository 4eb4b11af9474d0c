using System.Collections.Concurrent;
using Marketplace.Data.Sqlite;

namespace Marketplace.Web.Features.Openings;

/// <summary>
/// The openings containing a search's keywords, as a set in memory (<see cref="KeywordMatchSets"/>) that SQLite queries
/// test each row against, kept per public-content version (the newest <see cref="Data.Entities.PublicContentChange"/>,
/// which every save of an opening adds to in its own transaction, on any instance). Each search reads that version
/// (one lookup of a primary key's end), so a set is never used after the postings it was read from changed: a keyword
/// read once from the FTS5 index serves every search with it (any filters, sorts and pages) until then. What it saves
/// grows with the postings: at 100,000 postings a common word such as 補佐官 matches 34,000, which the index would
/// otherwise decode for every query.
/// </summary>
public sealed class KeywordMatchCache(IServiceScopeFactory scopes)
{
    /// <summary>Sets kept at most; the least recently used go first.</summary>
    public const int Capacity = 256;

    /// <summary>A set dropped from the cache stays answerable this long, for the queries still using it.</summary>
    private static readonly TimeSpan RetireAfter = TimeSpan.FromSeconds(60);

    private sealed class Entry(long version, Lazy<Task<long>> handle)
    {
        public long Version { get; } = version;
        public Lazy<Task<long>> Handle { get; } = handle;
        public long LastUsed = Environment.TickCount64;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private readonly ConcurrentQueue<(long Handle, long RetiredAt)> _retired = new();

    private long _trimmedVersion = -1;

    /// <summary>The handle of the set of openings whose (normalised) search text contains every term.</summary>
    public async Task<long> HandleAsync(MarketplaceDbContext db, IReadOnlyCollection<string> terms, CancellationToken ct) =>
        await HandleAsync(terms, await VersionAsync(db, ct), ct);

    /// <summary>The public-content version: the newest change's id, 0 before any.</summary>
    public static async Task<long> VersionAsync(MarketplaceDbContext db, CancellationToken ct) =>
        await db.PublicContentChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;

    /// <summary>The handle of the set of openings containing every term, as of <paramref name="version"/> (read by the caller).</summary>
    public async Task<long> HandleAsync(IReadOnlyCollection<string> terms, long version, CancellationToken ct)
    {
        var key = version + "\u0001" + string.Join('\u0001', terms);
        // One read per set, whoever asks first; it runs on its own context, not tied to that request's cancellation.
        var entry = _entries.GetOrAdd(key, _ => new Entry(version, new Lazy<Task<long>>(() => ReadAsync(terms))));
        entry.LastUsed = Environment.TickCount64;
        try
        {
            var handle = await entry.Handle.Value.WaitAsync(ct);
            // The whole cache is looked through only when the version moved on or it is over capacity, not per search.
            if (version > Interlocked.Read(ref _trimmedVersion) || _entries.Count > Capacity) Retire(version);
            FreeRetired();
            return handle;
        }
        catch (Exception) when (entry.Handle.IsValueCreated && entry.Handle.Value.IsFaulted)
        {
            _entries.TryRemove(key, out _); // a failed read is tried again by the next search
            throw;
        }
    }

    /// <summary>
    /// The ids matching every term: the FTS5 candidates, with the substring test where the index is not exact; the
    /// substring test alone over every opening when no term is long enough for the index (one character, such as 市).
    /// </summary>
    private async Task<long> ReadAsync(IReadOnlyCollection<string> terms)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var q = db.KeywordCandidates(KeywordTarget.Openings, terms) is { } candidates
            ? OpeningSearch.MatchingAllTerms(db.Openings.AsNoTracking().Where(o => candidates.Contains(o.Id)), terms.Where(t => !KeywordIndex.IsExactInSqlite(t)))
            : OpeningSearch.MatchingAllTerms(db.Openings.AsNoTracking(), terms);
        return KeywordMatchSets.Add(await q.Select(o => o.Id).ToListAsync());
    }

    /// <summary>Retires the sets of versions older than <paramref name="version"/> and the least recently used beyond <see cref="Capacity"/>.</summary>
    private void Retire(long version)
    {
        Interlocked.Exchange(ref _trimmedVersion, Math.Max(version, Interlocked.Read(ref _trimmedVersion)));
        var stale = _entries.Where(e => e.Value.Version < version).ToList();
        var over = _entries.Count - stale.Count - Capacity;
        if (over > 0) stale.AddRange(_entries.Where(e => e.Value.Version >= version).OrderBy(e => e.Value.LastUsed).Take(over));
        var now = Environment.TickCount64;
        foreach (var (key, entry) in stale)
        {
            if (_entries.TryRemove(key, out _) && entry.Handle.IsValueCreated && entry.Handle.Value.IsCompletedSuccessfully)
            {
                _retired.Enqueue((entry.Handle.Value.Result, now));
            }
        }
    }

    /// <summary>Frees the sets retired longer ago than <see cref="RetireAfter"/> (the queue is in retirement order).</summary>
    private void FreeRetired()
    {
        var now = Environment.TickCount64;
        bool Due() => _retired.TryPeek(out var r) && now - r.RetiredAt > RetireAfter.TotalMilliseconds;
        if (!Due()) return;
        // One thread dequeues at a time, so what it takes is the entry it just found due, not a younger one behind it.
        lock (_retired)
        {
            while (Due() && _retired.TryDequeue(out var r)) KeywordMatchSets.Remove(r.Handle);
        }
    }
}
