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
                if (len == 1) onGram(Hash(s[runStart], '\0'));
                else for (var j = runStart; j < i - 1; j++) onGram(Hash(s[j], s[j + 1]));
                runStart = -1;
            }
        }
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
        var counts = CharNGrams.Counts(text);
        var items = counts.Select(kv => (Id: kv.Key, W: (1 + MathF.Log(kv.Value)) * _idf[kv.Key]))
            .Where(x => x.W > 0)
            .OrderByDescending(x => x.W).ThenBy(x => x.Id)
            .Take(maxTerms)
            .OrderBy(x => x.Id)
            .ToArray();
        var norm = MathF.Sqrt(items.Sum(x => x.W * x.W));
        if (norm <= 0) return ([], []);
        return (items.Select(x => (ushort)x.Id).ToArray(), items.Select(x => x.W / norm).ToArray());
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
