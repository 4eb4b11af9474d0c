namespace Marketplace.Matching.Ranking;

/// <summary>
/// How strongly recommendations are spread over the pool. A candidate's score is standardised within the
/// <see cref="Pool"/> best candidates (z = (score − mean) ÷ standard deviation), then lowered by
/// <see cref="Strength"/> × log2(1 + load), where the load counts the other open openings the expert is already
/// recommended to or in an advanced stage at. Strength 0 keeps the ranker's order.
/// </summary>
public sealed record SpreadOptions(double Strength = SpreadOptions.DefaultStrength, int Pool = SpreadOptions.DefaultPool)
{
    /// <summary>The app's default: an expert recommended to 3 other openings loses 1 standard deviation of score.</summary>
    public const double DefaultStrength = 0.5;
    public const int DefaultPool = 60;

    public static SpreadOptions Off { get; } = new(0);

    public bool Enabled => Strength > 0;
}

/// <summary>Re-ranks a ranker's best candidates so that attention spreads over more experts (see <see cref="SpreadOptions"/>).</summary>
public static class SpreadReranker
{
    /// <summary>Discount for a load: log2(1 + load).</summary>
    public static double Penalty(int load) => load <= 0 ? 0 : Math.Log2(1 + load);

    /// <summary>
    /// The <paramref name="top"/> best of <paramref name="candidates"/> (given best first) after the discount; ties keep
    /// the ranker's order. With the spread off, the first <paramref name="top"/> unchanged.
    /// </summary>
    public static List<T> Rerank<T>(IReadOnlyList<T> candidates, Func<T, double> score, Func<T, int> load, SpreadOptions options, int top)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled || candidates.Count <= 1) return candidates.Take(top).ToList();
        var pool = candidates.Take(Math.Max(top, options.Pool)).ToList();
        var scores = pool.Select(score).ToArray();
        var mean = scores.Average();
        var sd = Math.Sqrt(scores.Select(s => (s - mean) * (s - mean)).Average());
        if (sd <= 1e-12) sd = 1;
        return pool.Select((c, i) => (c, i, adjusted: (scores[i] - mean) / sd - options.Strength * Penalty(load(c))))
            .OrderByDescending(x => x.adjusted).ThenBy(x => x.i).Take(top).Select(x => x.c).ToList();
    }
}
