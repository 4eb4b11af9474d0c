using System.Diagnostics;
using Marketplace.Matching.Features;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Synthetic;
using Marketplace.Matching.Training;

namespace Marketplace.Matching.Benchmarks;

/// <summary>Latency figures in milliseconds.</summary>
public sealed record LatencyFigures(int Queries, double P50, double P95, double Max);

/// <summary>The outcome of <see cref="MatchingBenchmark.Run"/>.</summary>
public sealed record BenchmarkResult(
    int Experts, int Openings, int Top, int Trees, int Repeat, double IndexBuildMs,
    LatencyFigures Fast, LatencyFigures PredictionEngine, LatencyFigures FastOnSameOpenings, int SameTopK, int Compared, double MaxScoreDifference);

/// <summary>
/// Measures top-k queries of the fast path (precomputed expert vectors, hard-constraint filter, trees evaluated
/// directly in parallel with early exit) against plain ML.NET PredictionEngine scoring of every candidate, in the same run
/// on the same synthetic data and the same trained model. Each query is timed <c>repeat</c> times, in rounds over all
/// openings (so that a slow spell of a shared machine hits every opening a little rather than a few openings fully),
/// and an opening's latency is its median; both paths are measured the same way.
/// </summary>
public static class MatchingBenchmark
{
    public static BenchmarkResult Run(int experts, int openings, int top, int engineOpenings, int seed, int repeat = 3, Action<string>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        progress?.Invoke("training a model on a generated dataset (400 openings, 2000 experts)");
        var trainData = SyntheticDataGenerator.Generate(new GeneratorOptions(400, 2000, seed));
        var model = MatchingTrainer.Train(trainData, new TrainingOptions { Seed = seed, Tuning = CapacityGrid.Default }).Model;
        var ranker = (MatchRankerBase)model.CreateRanker();

        progress?.Invoke($"generating {experts} experts and {openings} openings");
        var data = SyntheticDataGenerator.Generate(new GeneratorOptions(openings, experts, seed + 1, WithOutcomes: false));
        var sw = Stopwatch.StartNew();
        var index = ranker.BuildIndex(data.Experts);
        var buildMs = sw.Elapsed.TotalMilliseconds;
        progress?.Invoke($"expert index built in {buildMs:0} ms");

        for (var i = 0; i < Math.Min(10, openings); i++) ranker.RankExperts(data.Openings[i], index, top);
        GC.Collect();

        var fastTimes = new double[openings, repeat];
        var fastResults = new IReadOnlyList<RankedExpert>[openings];
        for (var round = 0; round < repeat; round++)
        {
            for (var i = 0; i < openings; i++)
            {
                sw.Restart();
                var r = ranker.RankExperts(data.Openings[i], index, top);
                fastTimes[i, round] = sw.Elapsed.TotalMilliseconds;
                fastResults[i] = r;
            }
        }
        progress?.Invoke($"fast path: {openings} queries × {repeat} done");

        var engine = model.CreatePredictionEngine();
        var f = new float[MatchFeatures.Count];
        var n = Math.Min(engineOpenings, openings);
        var slowTimes = new double[n, repeat];
        int same = 0;
        double maxDiff = 0;
        for (var round = 0; round < repeat; round++)
        {
            for (var i = 0; i < n; i++)
            {
                var opening = data.Openings[i];
                sw.Restart();
                using var ctx = new OpeningContext(opening, index.Idf);
                var conflicted = index.ConflictedWith(opening.OrgCode).ToHashSet();
                var scored = new List<(double Score, int Index)>(index.Count);
                for (var e = 0; e < index.Count; e++)
                {
                    if (ctx.Excluded(index, e) || conflicted.Contains(e)) continue;
                    ctx.Compute(index, e, f);
                    scored.Add((engine(f), e));
                }
                scored.Sort(TopK.BestFirst);
                var best = scored.Take(top).ToList();
                slowTimes[i, round] = sw.Elapsed.TotalMilliseconds;
                if (round == 0)
                {
                    var fastIds = fastResults[i].Select(x => x.ExpertId).ToList();
                    if (fastIds.SequenceEqual(best.Select(b => index.Experts[b.Index].Id))) same++;
                    for (var k = 0; k < Math.Min(best.Count, fastResults[i].Count); k++)
                        maxDiff = Math.Max(maxDiff, Math.Abs(best[k].Score - fastResults[i][k].Score));
                }
                if ((i + 1) % 20 == 0 || i + 1 == n) progress?.Invoke($"PredictionEngine: round {round + 1}/{repeat}, {i + 1}/{n} openings");
            }
        }
        var fast = Medians(fastTimes);
        var slow = Medians(slowTimes);
        var trees = ((TreeEnsembleScorer)ranker.Scorer).TreeCount;
        return new BenchmarkResult(experts, openings, top, trees, repeat, buildMs, Figures(fast), Figures(slow), Figures(fast[..n]), same, n, maxDiff);
    }

    private static double[] Medians(double[,] times) => Enumerable.Range(0, times.GetLength(0))
        .Select(i =>
        {
            var row = Enumerable.Range(0, times.GetLength(1)).Select(r => times[i, r]).Order().ToArray();
            return row.Length % 2 == 1 ? row[row.Length / 2] : (row[row.Length / 2 - 1] + row[row.Length / 2]) / 2;
        })
        .ToArray();

    private static LatencyFigures Figures(double[] ms)
    {
        var s = ms.Order().ToArray();
        double P(double q) => s.Length == 0 ? 0 : s[Math.Clamp((int)Math.Ceiling(q * s.Length) - 1, 0, s.Length - 1)];
        return new LatencyFigures(s.Length, P(0.5), P(0.95), s.Length == 0 ? 0 : s[^1]);
    }
}
