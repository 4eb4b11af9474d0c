using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Marketplace.Data.Sqlite;

/// <summary>
/// Sets of row ids that contain a search's keywords, held in memory and tested inside SQLite queries by the function
/// <c>mp_in_set(handle, id)</c>. A common keyword matches a third of all postings; testing each row a search's index
/// walk reaches against a set in memory costs the same whether the set holds 3,000 ids or 30,000, where building the
/// set from the FTS5 index again for each query costs in proportion to its size. Sets are made and retired by the
/// web layer's keyword match cache, keyed by the public-content version, so a set never outlives the data it was
/// read from for longer than that version takes to change.
/// </summary>
public static class KeywordMatchSets
{
    public const string FunctionName = "mp_in_set";

    private static readonly ConcurrentDictionary<long, ulong[]> Sets = new();
    private static long _lastHandle;

    /// <summary>Holds <paramref name="ids"/> as a bit set and returns the handle a query passes to <c>mp_in_set</c>.</summary>
    public static long Add(IReadOnlyCollection<int> ids)
    {
        var bits = new ulong[ids.Count == 0 ? 0 : (ids.Max() >> 6) + 1];
        foreach (var id in ids)
        {
            if (id >= 0) bits[id >> 6] |= 1UL << (id & 63);
        }
        var handle = Interlocked.Increment(ref _lastHandle);
        Sets[handle] = bits;
        return handle;
    }

    public static void Remove(long handle) => Sets.TryRemove(handle, out _);

    /// <summary>How many sets are held (for tests and diagnostics).</summary>
    public static int Count => Sets.Count;

    /// <summary>Whether the set <paramref name="handle"/> holds <paramref name="id"/>; mapped to <c>mp_in_set</c> in queries.</summary>
    public static bool Contains(long handle, int id) => Test(handle, id);

    /// <summary>The set <paramref name="handle"/> itself, for a search that tests rows in memory (null once freed).</summary>
    public static ulong[]? Bits(long handle) => Sets.TryGetValue(handle, out var bits) ? bits : null;

    /// <summary>Whether <paramref name="bits"/> (a set from <see cref="Bits"/>) holds <paramref name="id"/>.</summary>
    public static bool Holds(ulong[] bits, long id)
    {
        if (id < 0) return false;
        var word = id >> 6;
        return word < bits.Length && (bits[word] & (1UL << (int)(id & 63))) != 0;
    }

    // A set retired while a query still ran would answer "no match": retirement waits (see the web layer's cache).
    private static bool Test(long handle, long id) => Sets.TryGetValue(handle, out var bits) && Holds(bits, id);

    /// <summary>Makes <c>mp_in_set</c> known to a newly opened connection.</summary>
    internal static void Register(SqliteConnection connection) =>
        connection.CreateFunction<long, long, bool>(FunctionName, Test, isDeterministic: true);
}
