using Marketplace.Matching.Features;
using Marketplace.Matching.Reasons;

namespace Marketplace.Matching.Ranking;

/// <summary>The ranking machinery shared by both rankers: filtering, parallel top-k, reasons.</summary>
public abstract class MatchRankerBase : IMatchRanker
{
    private const int Chunk = 2048;
    private const int SpecializeMinMembers = 512;
    private const int SubBoundMinMembers = 16;

    internal MatchRankerBase() { }

    internal abstract IPairScorer Scorer { get; }

    /// <summary>Text weights used for new indexes (null: learn them from the indexed self-introductions).</summary>
    internal abstract Text.TextIdf? Idf { get; }

    public abstract string Kind { get; }
    public abstract string Description { get; }

    public ExpertIndex BuildIndex(IReadOnlyList<ExpertRecord> experts) => ExpertIndex.Build(experts, Idf);

    public IReadOnlyList<RankedExpert> RankExperts(OpeningRecord opening, ExpertIndex index, int top) => RankExperts(opening, index, top, null);

    public IReadOnlyList<RankedExpert> RankExperts(OpeningRecord opening, ExpertIndex index, int top, ExpertFilter? filter) =>
        RankExperts(opening, index, top, filter, Environment.ProcessorCount);

    public IReadOnlyList<RankedExpert>[] RankExpertsForAll(IReadOnlyList<OpeningRecord> openings, ExpertIndex index, int top, Action<int>? ranked = null)
    {
        ArgumentNullException.ThrowIfNull(openings);
        var results = new IReadOnlyList<RankedExpert>[openings.Count];
        // Whole openings side by side, each on one core: no hand-over between cores inside a query.
        Parallel.For(0, openings.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            results[i] = RankExperts(openings[i], index, top, null, cores: 1);
            ranked?.Invoke(i);
        });
        return results;
    }

    /// <summary>The ranking, using up to <paramref name="cores"/> cores for this one opening.</summary>
    private IReadOnlyList<RankedExpert> RankExperts(OpeningRecord opening, ExpertIndex index, int top, ExpertFilter? filter, int cores)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(index);
        if (top <= 0 || index.Count == 0) return [];
        using var ctx = new OpeningContext(opening, index.Idf);
        var excluded = Admission.Of(index, opening, filter);
        var n = index.Count;
        var chunks = (n + Chunk - 1) / Chunk;
        var merged = new List<(double Score, int Index)>();
        var gate = new object();
        var scorer = Scorer;

        // The k-th best score of any finished chunk is a lower bound of the final k-th best: no expert whose row bound is
        // below it can make the list, so such experts are skipped before their features are computed.
        var floor = double.NegativeInfinity;
        var bound = scorer.RowBound(ctx);
        // Optimised at once: a web request must not scan 100,000 experts in code not yet tiered up.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        void Run(int from, int to, TopK heap, float[] buf)
        {
            var rows = index.Rows;
            for (var e = from; e < to; e++)
            {
                if (ctx.Excluded(index, e) || !excluded.Admits(e)) continue;
                if (bound is not null)
                {
                    var threshold = heap.Full ? Math.Max(heap.MinScore, Volatile.Read(ref floor)) : Volatile.Read(ref floor);
                    if (bound.Of(rows[e]) < threshold - 1e-9 * (1 + Math.Abs(threshold))) continue;
                }
                ctx.Compute(index, e, buf);
                double s;
                if (heap.Full)
                {
                    if (!scorer.TryScoreAbove(buf, heap.MinScore, out s)) continue;
                }
                else s = scorer.Score(buf);
                heap.Offer(s, e);
            }
            if (heap.Full)
                lock (gate)
                    if (heap.MinScore > floor) Volatile.Write(ref floor, heap.MinScore);
        }

        if (scorer is TreeEnsembleScorer trees)
        {
            merged.AddRange(BranchAndBound(ctx, index, excluded, trees, top, cores));
        }
        else if (chunks <= 1 || cores == 1)
        {
            var heap = new TopK(top);
            Run(0, n, heap, new float[MatchFeatures.Count]);
            merged.AddRange(heap.Items());
        }
        else
        {
            Parallel.For(0, chunks, () => (Heap: new TopK(top), Buf: new float[MatchFeatures.Count]),
                (c, _, local) =>
                {
                    Run(c * Chunk, Math.Min(n, (c + 1) * Chunk), local.Heap, local.Buf);
                    return local;
                },
                local => { lock (gate) merged.AddRange(local.Heap.Items()); });
        }
        merged.Sort(TopK.BestFirst);
        var result = new List<RankedExpert>(Math.Min(top, merged.Count));
        var f = new float[MatchFeatures.Count];
        var contrib = new double[Enum.GetValues<FeatureGroup>().Length];
        foreach (var (score, e) in merged.Take(top))
        {
            ctx.Compute(index, e, f);
            scorer.Contributions(f, contrib);
            result.Add(new RankedExpert(index.Experts[e].Id, score, ReasonBuilder.Select(ctx, index.Experts[e], f, contrib)));
        }
        return result;
    }

    /// <summary>
    /// Exact top-k for tree models: candidates are partitioned by cheap facts (<see cref="PartitionScheme"/>),
    /// each partition gets an exact upper bound from the trees, and partitions are scored best bound first until no
    /// remaining partition can beat the k-th best score. Within a partition, scoring stops early per candidate when
    /// the remaining trees cannot lift it above the k-th best.
    /// </summary>
    private static List<(double Score, int Index)> BranchAndBound(OpeningContext ctx, ExpertIndex index, Admission excluded, TreeEnsembleScorer trees, int top, int cores)
    {
        var n = index.Count;
        // Per-query arrays of the index's size are pooled: fresh ones each query would land on the large object heap
        // and trigger full collections in the middle of later queries.
        var keys = System.Buffers.ArrayPool<int>.Shared.Rent(n);
        int[]? members = null;
        try
        {
            return BranchAndBound(ctx, index, excluded, trees, top, cores, keys, ref members);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(keys);
            if (members is not null) System.Buffers.ArrayPool<int>.Shared.Return(members);
        }
    }

    private static List<(double Score, int Index)> BranchAndBound(OpeningContext ctx, ExpertIndex index, Admission excluded, TreeEnsembleScorer trees, int top, int cores, int[] keys, ref int[]? pooledMembers)
    {
        var n = index.Count;
        var scheme = trees.Partitions;
        var subs = scheme.SubPartitions;
        var parts = scheme.PartitionCount(ctx);
        var buckets = parts * subs;
        // Bucket sort of the candidates by (partition, sub-partition), in slices that count and then place their own
        // candidates in parallel: slice w's candidates of bucket b go after those of slices before it.
        var slices = Math.Max(1, Math.Min(cores, n / 8192));
        int SliceStart(int w) => (int)((long)n * w / slices);
        var offsets = new int[slices][];
        Parallel.For(0, slices, [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] (w) =>
        {
            var local = offsets[w] = new int[buckets];
            for (var e = SliceStart(w); e < SliceStart(w + 1); e++)
            {
                var k = -1;
                if (!ctx.Excluded(index, e) && excluded.Admits(e))
                {
                    var (partition, sub) = scheme.Of(ctx, index, e);
                    k = partition * subs + sub;
                    local[k]++;
                }
                keys[e] = k;
            }
        });
        var counts = new int[buckets + 1];
        for (var b = 0; b < buckets; b++)
        {
            var at = counts[b];
            for (var w = 0; w < slices; w++)
            {
                var c = offsets[w][b];
                offsets[w][b] = at;
                at += c;
            }
            counts[b + 1] = at;
        }
        var result = new List<(double, int)>();
        if (counts[buckets] == 0) return result;
        var members = pooledMembers = System.Buffers.ArrayPool<int>.Shared.Rent(counts[buckets]);
        Parallel.For(0, slices, [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] (w) =>
        {
            var next = offsets[w];
            for (var e = SliceStart(w); e < SliceStart(w + 1); e++)
                if (keys[e] is var k and >= 0) members[next[k]++] = e;
        });
        var anyEligible = members[0]; // context features are the same for every candidate
        var context = new float[MatchFeatures.Count];
        ctx.Compute(index, anyEligible, context);
        var lo = new float[MatchFeatures.Count];
        var hi = new float[MatchFeatures.Count];
        Array.Fill(lo, float.NegativeInfinity);
        Array.Fill(hi, float.PositiveInfinity);
        for (var i = 0; i < MatchFeatures.Count; i++)
            if (MatchFeatures.Groups[i] == FeatureGroup.Context) lo[i] = hi[i] = context[i];
        var querySpecial = trees.Specialize(lo, hi);
        var order = new List<(double Bound, int Partition)>();
        var scratch = new double[trees.TreeCount + 1];
        for (var p = 0; p < parts; p++)
        {
            if (counts[(p + 1) * subs] == counts[p * subs]) continue;
            scheme.PartitionBox(ctx, p, context, lo, hi);
            order.Add((trees.UpperBound(lo, hi, scratch), p));
        }
        order.Sort((a, b) => b.Bound.CompareTo(a.Bound) is var c && c != 0 ? c : a.Partition.CompareTo(b.Partition));

        // Partitions are taken best bound first by two workers sharing the k-th best score found so far: any such score
        // is a lower bound of the final k-th best, so skipping a box whose bound is below it never changes the result.
        var global = new TopK(top);
        var gate = new object();
        var shared = double.NegativeInfinity;
        bool Below(double bound)
        {
            var t = Volatile.Read(ref shared);
            return bound < t - 1e-6 * (1 + Math.Abs(t));
        }
        var next = -1;
        // The ranges sub-partitions give their features, once per query: [sub * Count + feature].
        var subBoxLo = new float[subs * MatchFeatures.Count];
        var subBoxHi = new float[subs * MatchFeatures.Count];
        for (var sub = 0; sub < subs; sub++)
            scheme.SubPartitionBox(sub, subBoxLo.AsSpan(sub * MatchFeatures.Count, MatchFeatures.Count), subBoxHi.AsSpan(sub * MatchFeatures.Count, MatchFeatures.Count));
        // The search runs once per query in short processes too (matching rank): optimised at once, not tiered up later.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        void Worker()
        {
            var heap = new TopK(top);
            var f = new float[MatchFeatures.Count];
            var boxLo = new float[MatchFeatures.Count];
            var boxHi = new float[MatchFeatures.Count];
            var bounds = new double[trees.TreeCount + 1];
            var table = new double[trees.TreeCount * subs];
            while (true)
            {
                var j = Interlocked.Increment(ref next);
                if (j >= order.Count) break;
                var (bound, p) = order[j];
                if (Below(bound)) break; // later partitions have lower bounds
                scheme.PartitionBox(ctx, p, context, boxLo, boxHi);
                // Specialising costs about as much as scoring a few hundred candidates: small partitions share the
                // ensemble specialised to the opening alone (still exact inside any box of this query).
                var special = counts[(p + 1) * subs] - counts[p * subs] >= SpecializeMinMembers ? trees.Specialize(boxLo, boxHi) : querySpecial;
                if (bounds.Length < special.TreeCount + 1) bounds = new double[special.TreeCount + 1];
                if (table.Length < special.TreeCount * subs) table = new double[special.TreeCount * subs];
                // Bounding sub-partitions costs about as much as scoring a dozen candidates: tiny partitions skip it.
                var small = counts[(p + 1) * subs] - counts[p * subs] < SubBoundMinMembers;
                if (!small)
                {
                    ulong nonEmpty = 0;
                    for (var sub = 0; sub < subs; sub++)
                        if (counts[p * subs + sub + 1] > counts[p * subs + sub]) nonEmpty |= 1UL << sub;
                    special.SubBoxMaxima(boxLo, boxHi, PartitionScheme.SubPartitionFeatures, subBoxLo, subBoxHi, subs, nonEmpty, table);
                }
                for (var sub = 0; sub < subs; sub++)
                {
                    var from = counts[p * subs + sub];
                    var to = counts[p * subs + sub + 1];
                    if (from == to) continue;
                    ReadOnlySpan<double> suffix = special.Suffix;
                    if (!small)
                    {
                        if (Below(special.SubBound(table, subs, sub, bounds))) continue;
                        suffix = bounds;
                    }
                    for (var m = from; m < to; m++)
                    {
                        // Members are scattered over the index: ask for the next ones' rows and skills early.
                        if (m + 16 < to) index.PrefetchRow(members[m + 16]);
                        if (m + 8 < to) index.PrefetchSkills(members[m + 8]);
                        var e = members[m];
                        ctx.ComputeWithoutText(index, e, f);
                        var floor = Volatile.Read(ref shared);
                        var threshold = heap.Full ? Math.Max(heap.MinScore, floor) : floor;
                        if (!special.TryStart(f, threshold, suffix, out var partial)) continue;
                        f[MatchFeatures.TextSimilarity] = ctx.TextSimilarity(index, e);
                        if (!special.TryFinish(f, threshold, suffix, partial, out var s)) continue;
                        heap.Offer(s, e);
                    }
                    lock (gate)
                    {
                        foreach (var (s, e) in heap.Items()) global.Offer(s, e);
                        if (global.Full) Volatile.Write(ref shared, global.MinScore);
                    }
                    heap = new TopK(top);
                }
            }
        }
        var workers = Math.Max(1, Math.Min(cores, order.Count));
        if (workers == 1) Worker();
        else Parallel.Invoke(Enumerable.Repeat((Action)Worker, workers).ToArray());
        // Report the canonical scores (the full ensemble in ML.NET's order), not the specialised sums.
        var f2 = new float[MatchFeatures.Count];
        foreach (var (_, e) in global.Items())
        {
            ctx.Compute(index, e, f2);
            result.Add((trees.Score(f2), e));
        }
        return result;
    }

    public IReadOnlyList<RankedOpening> RankOpenings(ExpertRecord expert, IReadOnlyList<OpeningRecord> openings, int top)
    {
        ArgumentNullException.ThrowIfNull(expert);
        if (top <= 0 || openings.Count == 0) return [];
        var index = ExpertIndex.Build([expert], Idf ?? Text.TextIdf.FromCorpus(openings.Select(o => OpeningContext.QueryText(o)).Append(expert.Summary)));
        var conflicts = expert.ConflictOrgCodes.Count == 0 ? null : expert.ConflictOrgCodes.ToHashSet(StringComparer.Ordinal);
        var scored = new (double Score, int Index, MatchReason[] Reasons)[openings.Count];
        var keep = new bool[openings.Count];
        Parallel.For(0, openings.Count, i =>
        {
            var o = openings[i];
            if (conflicts is not null && conflicts.Contains(o.OrgCode)) return;
            using var ctx = new OpeningContext(o, index.Idf);
            if (ctx.Excluded(index, 0)) return;
            var f = new float[MatchFeatures.Count];
            ctx.Compute(index, 0, f);
            scored[i] = (Scorer.Score(f), i, []);
            keep[i] = true;
        });
        var best = scored.Where((_, i) => keep[i]).Select(s => (s.Score, s.Index)).ToList();
        best.Sort(TopK.BestFirst);
        var result = new List<RankedOpening>();
        foreach (var (score, i) in best.Take(top))
        {
            using var ctx = new OpeningContext(openings[i], index.Idf);
            var f = new float[MatchFeatures.Count];
            var contrib = new double[Enum.GetValues<FeatureGroup>().Length];
            ctx.Compute(index, 0, f);
            Scorer.Contributions(f, contrib);
            result.Add(new RankedOpening(openings[i].Id, score, ReasonBuilder.Select(ctx, expert, f, contrib)));
        }
        return result;
    }

    /// <summary>Scores every expert of the index for an opening (excluded ones get −∞). Used for evaluation.</summary>
    internal void ScoreAll(OpeningRecord opening, ExpertIndex index, float[] scores)
    {
        using var ctx = new OpeningContext(opening, index.Idf);
        var conflicted = index.ConflictedWith(opening.OrgCode).ToHashSet();
        var scorer = Scorer;
        Parallel.For(0, (index.Count + Chunk - 1) / Chunk, () => new float[MatchFeatures.Count], (c, _, f) =>
        {
            for (var e = c * Chunk; e < Math.Min(index.Count, (c + 1) * Chunk); e++)
            {
                if (ctx.Excluded(index, e) || conflicted.Contains(e)) { scores[e] = float.NegativeInfinity; continue; }
                ctx.Compute(index, e, f);
                scores[e] = (float)scorer.Score(f);
            }
            return f;
        }, _ => { });
    }
}
