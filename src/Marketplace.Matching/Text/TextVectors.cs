using System.Buffers;
using System.Runtime.CompilerServices;

namespace Marketplace.Matching.Text;

/// <summary>
/// Character n-gram text representation that works for Japanese without a tokenizer: text is normalised
/// (<see cref="JapaneseText.Normalize"/>), split on anything that is not a letter or digit, and each run is cut
/// into overlapping character bigrams (a one-character run is kept as a unigram). Grams are hashed into
/// <see cref="Buckets"/> buckets.
/// </summary>
internal static class CharNGrams
{
    /// <summary>Number of hash buckets (2^16): small enough for a query's dense vector to stay in cache.</summary>
    public const int Buckets = 1 << 16;

    /// <summary>Calls <paramref name="onGram"/> with the bucket of every gram of <paramref name="text"/>.</summary>
    public static void ForEachGram(string? text, Action<int> onGram)
    {
        var s = JapaneseText.Normalize(text);
        var grams = ArrayPool<int>.Shared.Rent(s.Length + 1);
        var n = Collect(s, grams);
        for (var i = 0; i < n; i++) onGram(grams[i]);
        ArrayPool<int>.Shared.Return(grams);
    }

    /// <summary>Writes the buckets of every gram of the normalised text <paramref name="s"/> into <paramref name="into"/> (at least s.Length long); returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Collect(ReadOnlySpan<char> s, Span<int> into)
    {
        var n = 0;
        var runStart = -1;
        for (var i = 0; i <= s.Length; i++)
        {
            var isWord = i < s.Length && char.IsLetterOrDigit(s[i]);
            if (isWord)
            {
                if (runStart < 0) runStart = i;
                continue;
            }
            if (runStart >= 0)
            {
                var len = i - runStart;
                if (len == 1) into[n++] = Hash(s[runStart], '\0');
                else for (var j = runStart; j < i - 1; j++) into[n++] = Hash(s[j], s[j + 1]);
                runStart = -1;
            }
        }
        return n;
    }

    /// <summary>Term frequencies by bucket.</summary>
    public static Dictionary<int, int> Counts(string? text)
    {
        var d = new Dictionary<int, int>();
        ForEachGram(text, g => d[g] = d.TryGetValue(g, out var c) ? c + 1 : 1);
        return d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(char a, char b)
    {
        var h = 2166136261u;
        h = (h ^ a) * 16777619u;
        h = (h ^ b) * 16777619u;
        return (int)((h ^ (h >> 16)) & (Buckets - 1));
    }
}

/// <summary>
/// Inverse document frequencies of n-gram buckets, learned from a corpus of self-introductions
/// (saved with a trained model so that serving weighs words as training did).
/// </summary>
public sealed class TextIdf
{
    private readonly float[] _idf;

    /// <summary>Documents the frequencies were counted on (0 = uniform weights).</summary>
    public int DocumentCount { get; }

    /// <summary>Sparse document frequencies (bucket → df), enough to rebuild the weights.</summary>
    public IReadOnlyDictionary<int, int> DocumentFrequencies { get; }

    private TextIdf(int documentCount, Dictionary<int, int> df)
    {
        DocumentCount = documentCount;
        DocumentFrequencies = df;
        _idf = new float[CharNGrams.Buckets];
        for (var i = 0; i < _idf.Length; i++) _idf[i] = Idf(documentCount, df.TryGetValue(i, out var d) ? d : 0);
    }

    /// <summary>Every gram weighs the same.</summary>
    public static TextIdf Uniform { get; } = new(0, []);

    /// <summary>Counts document frequencies over <paramref name="documents"/>.</summary>
    public static TextIdf FromCorpus(IEnumerable<string?> documents)
    {
        var df = new Dictionary<int, int>();
        var n = 0;
        var seen = new HashSet<int>();
        foreach (var doc in documents)
        {
            n++;
            seen.Clear();
            CharNGrams.ForEachGram(doc, g => seen.Add(g));
            foreach (var g in seen) df[g] = df.TryGetValue(g, out var c) ? c + 1 : 1;
        }
        return new TextIdf(n, df);
    }

    /// <summary>Rebuilds saved frequencies.</summary>
    public static TextIdf FromFrequencies(int documentCount, IReadOnlyDictionary<int, int> df) => new(documentCount, new Dictionary<int, int>(df));

    private static float Idf(int n, int df) => n == 0 ? 1f : (float)Math.Log(1 + (n - df + 0.5) / (df + 0.5));

    public float this[int bucket] => _idf[bucket];

    // Per thread: how often each bucket occurs in the text being vectorised (all zero between calls).
    [ThreadStatic] private static int[]? t_counts;

    /// <summary>An L2-normalised tf-idf vector (sublinear tf), keeping only the <paramref name="maxTerms"/> heaviest grams.</summary>
    public (ushort[] Ids, float[] Weights) Vectorize(string? text, int maxTerms)
    {
        if (string.IsNullOrEmpty(text)) return ([], []);
        var n = Weigh(text, maxTerms, out var keys, out var norm);
        try
        {
            var ids = new ushort[n];
            var weights = new float[n];
            Write(keys.AsSpan(0, n), norm, ids, weights);
            return (ids, weights);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
        }
    }

    /// <summary>
    /// <see cref="Vectorize"/> written into <paramref name="ids"/> and <paramref name="weights"/> (each at least
    /// <paramref name="maxTerms"/> long) instead of new arrays; returns how many grams were kept.
    /// </summary>
    internal int VectorizeInto(ReadOnlySpan<char> text, int maxTerms, Span<ushort> ids, Span<float> weights)
    {
        if (text.IsEmpty) return 0;
        var n = Weigh(text, maxTerms, out var keys, out var norm);
        try
        {
            Write(keys.AsSpan(0, n), norm, ids, weights);
            return n;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
        }
    }

    private static void Write(ReadOnlySpan<ulong> kept, float norm, Span<ushort> ids, Span<float> weights)
    {
        for (var i = 0; i < kept.Length; i++)
        {
            ids[i] = (ushort)(kept[i] >> 32);
            weights[i] = BitConverter.UInt32BitsToSingle((uint)kept[i]) / norm;
        }
    }

    /// <summary>
    /// The kept grams of a non-empty text as keys (bucket in the high half, the weight's bits in the low half) in bucket
    /// order at the start of <paramref name="keys"/> (rented: return it to the pool), and the norm; 0 grams when none weigh.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Weigh(ReadOnlySpan<char> text, int maxTerms, out ulong[] keys, out float norm)
    {
        // The normalised text goes to a pooled buffer (no string per text) unless it needs the full normaliser (which
        // may lengthen it: ㈱ is (株)).
        var folded = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            if (JapaneseText.TryFold(text, folded))
            {
                keys = ArrayPool<ulong>.Shared.Rent(text.Length + 1);
                return Weigh(folded.AsSpan(0, text.Length), maxTerms, keys, out norm);
            }
            var normalized = JapaneseText.Normalize(text.ToString());
            keys = ArrayPool<ulong>.Shared.Rent(normalized.Length + 1);
            return Weigh(normalized.AsSpan(), maxTerms, keys, out norm);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(folded);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Weigh(ReadOnlySpan<char> s, int maxTerms, ulong[] keys, out float norm)
    {
        norm = 0;
        if (s.Length == 0) return 0;
        // Each distinct gram is counted in a per-thread table of every bucket (reset after use): no dictionary, no sort
        // of every gram, no per-gram allocation.
        var counts = t_counts ??= new int[CharNGrams.Buckets];
        var grams = ArrayPool<int>.Shared.Rent(s.Length + 1);
        if (keys.Length < s.Length + 1) throw new ArgumentException("too short for the text", nameof(keys));
        try
        {
            var all = grams.AsSpan(0, CharNGrams.Collect(s, grams));
            var distinct = 0;
            foreach (var g in all)
                if (counts[g]++ == 0) grams[distinct++] = g; // overwrites only grams already read
            // Key: weight descending, then bucket ascending. Weights are positive, so their bits order them as the
            // numbers do, and the order is one of plain 64-bit keys.
            var m = 0;
            for (var i = 0; i < distinct; i++)
            {
                var g = grams[i];
                // Most grams occur once: 1 + log 1 is exactly 1, so the logarithm is taken only for repeated grams.
                var c = counts[g];
                var w = c == 1 ? _idf[g] : (1 + MathF.Log(c)) * _idf[g];
                counts[g] = 0;
                if (w > 0) keys[m++] = ((ulong)(uint.MaxValue - BitConverter.SingleToUInt32Bits(w)) << 32) | (uint)g;
            }
            var kept = keys.AsSpan(0, m);
            if (m > maxTerms)
            {
                SelectSmallest(kept, maxTerms);
                kept = kept[..maxTerms];
            }
            // Back in bucket order: the bucket in the high half, the weight's bits in the low half.
            for (var i = 0; i < kept.Length; i++) kept[i] = (kept[i] << 32) | (uint.MaxValue - (uint)(kept[i] >> 32));
            SortByBucket(kept);
            // Summed in double and rounded to float, as Enumerable.Sum over floats does (earlier vectors stay identical).
            double sum = 0;
            foreach (var k in kept)
            {
                var w = BitConverter.UInt32BitsToSingle((uint)k);
                sum += w * w;
            }
            norm = MathF.Sqrt((float)sum);
            return norm > 0 ? kept.Length : 0;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(grams);
        }
    }

    /// <summary>
    /// Sorts distinct keys whose bucket (below 2^16) is in the high half: a self-introduction's few dozen kept grams are
    /// spread by the bucket's high byte, then each small group is insertion-sorted (the same order as a full sort, in a
    /// fraction of its time). Longer texts (queries) use the general sort.
    /// </summary>
    [SkipLocalsInit]
    private static void SortByBucket(Span<ulong> keys)
    {
        const int MaxSpread = 256;
        if (keys.Length <= 16 || keys.Length > MaxSpread)
        {
            if (keys.Length > 1) keys.Sort();
            return;
        }
        Span<int> starts = stackalloc int[257];
        starts.Clear();
        foreach (var k in keys) starts[(int)(k >> 40) + 1]++;
        for (var b = 1; b <= 256; b++) starts[b] += starts[b - 1];
        Span<ulong> spread = stackalloc ulong[MaxSpread];
        Span<int> next = stackalloc int[256];
        starts[..256].CopyTo(next);
        foreach (var k in keys) spread[next[(int)(k >> 40)]++] = k;
        for (var b = 0; b < 256; b++)
        {
            // Insertion sort of the group sharing high byte b (usually zero to two keys).
            for (var i = starts[b] + 1; i < starts[b + 1]; i++)
            {
                var k = spread[i];
                var j = i - 1;
                while (j >= starts[b] && spread[j] > k)
                {
                    spread[j + 1] = spread[j];
                    j--;
                }
                spread[j + 1] = k;
            }
        }
        spread[..keys.Length].CopyTo(keys);
    }

    /// <summary>Moves the <paramref name="k"/> smallest of the distinct <paramref name="keys"/> to the front, in any order (quickselect).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SelectSmallest(Span<ulong> keys, int k)
    {
        int lo = 0, hi = keys.Length - 1;
        while (lo < hi)
        {
            // Median of three as the pivot, moved to the end.
            var mid = lo + (hi - lo) / 2;
            if (keys[mid] < keys[lo]) (keys[mid], keys[lo]) = (keys[lo], keys[mid]);
            if (keys[hi] < keys[lo]) (keys[hi], keys[lo]) = (keys[lo], keys[hi]);
            if (keys[mid] < keys[hi]) (keys[mid], keys[hi]) = (keys[hi], keys[mid]);
            var pivot = keys[hi];
            var store = lo;
            for (var i = lo; i < hi; i++)
            {
                if (keys[i] < pivot)
                {
                    (keys[i], keys[store]) = (keys[store], keys[i]);
                    store++;
                }
            }
            (keys[store], keys[hi]) = (keys[hi], keys[store]);
            // Now keys[lo..store) < keys[store] < keys(store..hi].
            if (store == k || store == k - 1) return;
            if (store < k) lo = store + 1;
            else hi = store - 1;
        }
    }

    /// <summary>The dense L2-normalised tf-idf vector of a query (rented; return it with <see cref="ReturnDense"/>).</summary>
    internal float[] DenseQuery(string? text)
    {
        var dense = ArrayPool<float>.Shared.Rent(CharNGrams.Buckets);
        Array.Clear(dense, 0, CharNGrams.Buckets);
        var (ids, w) = Vectorize(text, int.MaxValue);
        for (var i = 0; i < ids.Length; i++) dense[ids[i]] = w[i];
        return dense;
    }

    internal static void ReturnDense(float[] dense) => ArrayPool<float>.Shared.Return(dense);
}
