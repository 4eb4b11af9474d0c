using System.Buffers;
using System.Runtime.CompilerServices;

namespace Marketplace.Matching.Text;

/// <summary>
/// Character n-gram text representation that works for Japanese without a tokenizer: text is normalised
/// (<see cref="JapaneseText.Normalize"/>), split on anything that is not a letter or digit, and each run is cut
/// into overlapping character bigrams (a one-character run is kept as a unigram). Grams are hashed into
/// <see cref="Buckets"/> buckets.
/// </summary>
public static class CharNGrams
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
    internal static int Collect(string s, Span<int> into)
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

    /// <summary>An L2-normalised tf-idf vector (sublinear tf), keeping only the <paramref name="maxTerms"/> heaviest grams.</summary>
    public (ushort[] Ids, float[] Weights) Vectorize(string? text, int maxTerms)
    {
        var s = JapaneseText.Normalize(text);
        if (s.Length == 0) return ([], []);
        // Grams sorted by bucket give each distinct gram's count as a run: no dictionary, no per-gram allocation.
        var grams = ArrayPool<int>.Shared.Rent(s.Length + 1);
        var items = ArrayPool<(int Id, float W)>.Shared.Rent(s.Length + 1);
        try
        {
            var all = grams.AsSpan(0, CharNGrams.Collect(s, grams));
            all.Sort();
            var m = 0;
            for (var i = 0; i < all.Length;)
            {
                var j = i + 1;
                while (j < all.Length && all[j] == all[i]) j++;
                var w = (1 + MathF.Log(j - i)) * _idf[all[i]];
                if (w > 0) items[m++] = (all[i], w);
                i = j;
            }
            var kept = items.AsSpan(0, m);
            if (m > maxTerms)
            {
                // The heaviest grams (ties to the lower bucket), then back in bucket order.
                kept.Sort(static (a, b) => b.W.CompareTo(a.W) is var c && c != 0 ? c : a.Id.CompareTo(b.Id));
                kept = kept[..maxTerms];
                kept.Sort(static (a, b) => a.Id.CompareTo(b.Id));
            }
            // Summed in double and rounded to float, as Enumerable.Sum over floats does (earlier vectors stay identical).
            double sum = 0;
            foreach (var x in kept) sum += x.W * x.W;
            var norm = MathF.Sqrt((float)sum);
            if (norm <= 0) return ([], []);
            var ids = new ushort[kept.Length];
            var weights = new float[kept.Length];
            for (var i = 0; i < kept.Length; i++)
            {
                ids[i] = (ushort)kept[i].Id;
                weights[i] = kept[i].W / norm;
            }
            return (ids, weights);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(grams);
            ArrayPool<(int, float)>.Shared.Return(items);
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
