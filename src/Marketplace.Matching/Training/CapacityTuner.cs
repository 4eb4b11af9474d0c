using Marketplace.Matching.Features;
using Marketplace.Matching.Ranking;

namespace Marketplace.Matching.Training;

/// <summary>
/// The size of a LightGBM ensemble. <paramref name="LearningRate"/> and <paramref name="MinimumExamplesPerLeaf"/> null
/// and <paramref name="MaxDepth"/> 0 leave ML.NET's defaults. <paramref name="ValidationNdcg10"/> is the figure that
/// chose it (null when it was given, not tuned).
/// </summary>
public sealed record Capacity(int Trees, int Leaves, double? LearningRate, int? MinimumExamplesPerLeaf, int MaxDepth, double? ValidationNdcg10)
{
    /// <summary>The plain reference: 300 trees of 31 leaves, everything else as ML.NET sets it.</summary>
    public static Capacity Reference { get; } = new(300, 31, null, null, 0, null);

    public override string ToString() =>
        $"{Trees} trees × {Leaves} leaves, learning rate {(LearningRate is { } r ? r.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "default")}, " +
        $"min {(MinimumExamplesPerLeaf is { } m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "default")} per leaf, depth {(MaxDepth > 0 ? MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unlimited")}" +
        (ValidationNdcg10 is { } v ? $" (validation NDCG@10 {v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)})" : "");
}

/// <summary>
/// The capacities tried by <see cref="CapacityTuner"/>: every (leaves, examples per leaf) at the first learning rate,
/// then the best pair at the other learning rates (with proportionally more trees). The number of trees is chosen by
/// scoring the validation openings after every <see cref="TreeStep"/> trees, up to <see cref="MaxTrees"/>.
/// Depth stays at most <see cref="MaxDepth"/> so that the fast scorer's branch-free path applies.
/// </summary>
public sealed record CapacityGrid(int[] Leaves, int[] MinimumExamplesPerLeaf, double[] LearningRates, int MaxTrees, int TreeStep, int MaxDepth, double ValidationFraction)
{
    public static CapacityGrid Default { get; } = new([7, 15, 31, 63], [20, 60], [0.1, 0.05], 400, 20, TreeEnsembleScorer.MaxCompleteDepth, 0.2);
}

/// <summary>Chooses the capacity on a validation split of the training openings (NDCG@10 over each opening's candidate pool).</summary>
internal static class CapacityTuner
{
    private const int MaxPool = 3000;

    public static Capacity Choose(CapacityGrid grid, IReadOnlyList<OpeningRecord> trainOpenings, List<MatchingTrainer.TrainingRow> rows, ExpertIndex index,
        Dictionary<string, Dictionary<int, int>> labels, float[] baseline, TrainingOptions options, Action<string>? progress)
    {
        // Groups are numbered 1..n in the order of trainOpenings; a seeded share of them validates.
        var rng = new Random(options.Seed ^ 0x5eed);
        var groups = Enumerable.Range(1, trainOpenings.Count).OrderBy(_ => rng.Next()).ToList();
        var validationCount = Math.Clamp((int)Math.Round(groups.Count * grid.ValidationFraction), 1, Math.Max(1, groups.Count - 1));
        var validation = groups.Take(validationCount).ToHashSet();
        var fitRows = rows.Where(r => !validation.Contains((int)r.GroupId)).ToList();
        var pools = validation.Order().Select(g => Pool(trainOpenings[g - 1], index, labels, rng)).Where(p => p.Levels.Any(l => l > 0)).ToList();
        progress?.Invoke($"tuning capacity: {groups.Count - validationCount} openings fit, {pools.Count} validate");

        Capacity? best = null;
        Capacity Try(int leaves, int minLeaf, double rate)
        {
            var maxTrees = (int)Math.Round(grid.MaxTrees * grid.LearningRates[0] / rate);
            var (parameters, _) = MatchingTrainer.Fit(fitRows, trainOpenings.Count, new Capacity(maxTrees, leaves, rate, minLeaf, grid.MaxDepth, null), options.Seed);
            var trees = new TreeEnsembleScorer(parameters.TrainedTreeEnsemble, baseline);
            var (count, ndcg) = BestTreeCount(trees, pools, grid.TreeStep);
            var c = new Capacity(count, leaves, rate, minLeaf, grid.MaxDepth, ndcg);
            progress?.Invoke($"  {c}");
            if (best is null || ndcg > best.ValidationNdcg10!.Value + 1e-9) best = c;
            return c;
        }
        foreach (var leaves in grid.Leaves)
            foreach (var minLeaf in grid.MinimumExamplesPerLeaf)
                Try(leaves, minLeaf, grid.LearningRates[0]);
        var pair = best!;
        foreach (var rate in grid.LearningRates.Skip(1)) Try(pair.Leaves, pair.MinimumExamplesPerLeaf!.Value, rate);
        progress?.Invoke($"chosen: {best}");
        return best!;
    }

    internal sealed record ValidationPool(float[][] Features, int[] Levels);

    private static ValidationPool Pool(OpeningRecord o, ExpertIndex index, Dictionary<string, Dictionary<int, int>> labels, Random rng)
    {
        using var ctx = new OpeningContext(o, index.Idf);
        var conflicted = index.ConflictedWith(o.OrgCode).ToHashSet();
        var applicants = labels.GetValueOrDefault(o.Id) ?? [];
        var eligible = Enumerable.Range(0, index.Count).Where(e => !ctx.Excluded(index, e) && !conflicted.Contains(e)).ToList();
        if (eligible.Count > MaxPool)
        {
            var others = eligible.Where(e => !applicants.ContainsKey(e)).OrderBy(_ => rng.Next()).Take(MaxPool);
            eligible = eligible.Where(applicants.ContainsKey).Concat(others).Order().ToList();
        }
        var features = new float[eligible.Count][];
        var levels = new int[eligible.Count];
        for (var k = 0; k < eligible.Count; k++)
        {
            features[k] = new float[MatchFeatures.Count];
            ctx.Compute(index, eligible[k], features[k]);
            levels[k] = applicants.GetValueOrDefault(eligible[k]);
        }
        return new ValidationPool(features, levels);
    }

    /// <summary>Adds the trees one by one to every pool's scores and measures mean NDCG@10 every <paramref name="step"/> trees.</summary>
    internal static (int Trees, double Ndcg10) BestTreeCount(TreeEnsembleScorer trees, IReadOnlyList<ValidationPool> pools, int step)
    {
        var scores = pools.Select(p => new double[p.Levels.Length]).ToArray();
        var best = (Trees: 0, Ndcg10: double.NegativeInfinity);
        for (var t = 0; t < trees.TreeCount; t++)
        {
            for (var p = 0; p < pools.Count; p++)
            {
                var f = pools[p].Features;
                var s = scores[p];
                for (var k = 0; k < s.Length; k++) s[k] += trees.TreeValue(t, f[k]);
            }
            if ((t + 1) % step != 0 && t + 1 != trees.TreeCount) continue;
            double sum = 0;
            for (var p = 0; p < pools.Count; p++)
            {
                var s = scores[p];
                var ranked = Enumerable.Range(0, s.Length).OrderByDescending(k => s[k]).ThenBy(k => k).Take(10).Select(k => pools[p].Levels[k]).ToList();
                sum += MatchingEvaluator.Ndcg(ranked, pools[p].Levels, 10);
            }
            var ndcg = sum / Math.Max(1, pools.Count);
            if (ndcg > best.Ndcg10 + 1e-9) best = (t + 1, ndcg);
        }
        return best;
    }
}
