using Marketplace.Matching.Benchmarks;

namespace Marketplace.Web.Cli;

/// <summary>The <c>matching bench</c> verb: prints latency figures of the fast path and of PredictionEngine scoring.</summary>
internal static class MatchingBench
{
    public static int Run(CliProgress p, int experts, int openings, int top, int engineOpenings, int seed, int repeat)
    {
        if (experts <= 0 || openings <= 0 || top <= 0 || engineOpenings <= 0 || repeat <= 0)
            throw new MatchingCommand.UsageException("--experts, --openings, --top, --engine-openings and --repeat must be at least 1");
        var r = MatchingBenchmark.Run(experts, openings, top, engineOpenings, seed, repeat, p.Log);
        Console.WriteLine($"bench: top-{r.Top} experts out of {r.Experts} for each of {r.Openings} openings; model of {r.Trees} trees; {Environment.ProcessorCount} cores");
        Console.WriteLine($"expert index build: {r.IndexBuildMs:0} ms; each query timed {r.Repeat} times in rounds over all openings, latency = its median");
        Console.WriteLine($"fast path (precomputed vectors, parallel trees):  p50 {r.Fast.P50,8:0.00} ms  p95 {r.Fast.P95,8:0.00} ms  max {r.Fast.Max,8:0.00} ms  ({r.Fast.Queries} queries)");
        Console.WriteLine($"ML.NET PredictionEngine, every candidate:         p50 {r.PredictionEngine.P50,8:0.00} ms  p95 {r.PredictionEngine.P95,8:0.00} ms  max {r.PredictionEngine.Max,8:0.00} ms  ({r.PredictionEngine.Queries} queries)");
        var same = r.FastOnSameOpenings;
        Console.WriteLine($"ratio PredictionEngine / fast on the same {same.Queries} openings: p50 {r.PredictionEngine.P50 / same.P50:0.0}x  p95 {r.PredictionEngine.P95 / same.P95:0.0}x");
        Console.WriteLine($"same top-{r.Top} (ids and order) in {r.SameTopK}/{r.Compared} openings; largest score difference {r.MaxScoreDifference:G3}");
        Console.WriteLine($"target p95 < 50 ms: {(r.Fast.P95 < 50 ? "met" : "NOT met")}; ratio >= 10 (p50 and p95): {(r.PredictionEngine.P50 / same.P50 >= 10 && r.PredictionEngine.P95 / same.P95 >= 10 ? "met" : "NOT met")}");
        return 0;
    }
}
