using Marketplace.Matching.Features;
using Marketplace.Matching.Ranking;

namespace Marketplace.Matching.Training;

/// <summary>NDCG at 5 and 10 (gains 2^level − 1, discount log2(rank + 1)), averaged over openings.</summary>
public sealed record RankingFigures(double Ndcg5, double Ndcg10);

/// <summary>
/// How recommendations spread over the pool when every evaluated opening gets its top 20: the share of the pool's
/// experts who appear in at least one top 20, and the most openings one expert is recommended to.
/// </summary>
public sealed record SpreadFigures(int Top, double ShareRecommended, int MostOpeningsPerExpert);

/// <summary>
/// Held-out figures of the model and of the two baselines, on the same openings and expert pool; the plain reference
/// when the model carries one; the model's spread, and with <see cref="SpreadReranker"/> its NDCG and spread.
/// </summary>
public sealed record EvaluationFigures(int Openings, int Experts, RankingFigures Model, RankingFigures Bm25, RankingFigures Rules,
    RankingFigures? Reference = null, SpreadFigures? Spread = null, double? SpreadStrength = null, RankingFigures? ModelSpread = null, SpreadFigures? SpreadReranked = null);

/// <summary>Offline evaluation: every expert of the pool is ranked for each held-out opening; applicants carry their stage's level, everyone else 0.</summary>
public static class MatchingEvaluator
{
    /// <summary>NDCG@k of relevance levels given in ranked order, against the ideal order of <paramref name="allLevels"/>.</summary>
    public static double Ndcg(IReadOnlyList<int> rankedLevels, IEnumerable<int> allLevels, int k)
    {
        var ideal = allLevels.Where(l => l > 0).OrderByDescending(l => l).Take(k).ToList();
        double Dcg(IEnumerable<int> levels) => levels.Take(k).Select((l, i) => StageLabels.Gain(l) / Math.Log2(i + 2)).Sum();
        var idcg = Dcg(ideal);
        return idcg <= 0 ? 0 : Dcg(rankedLevels) / idcg;
    }

    /// <summary>
    /// Evaluates <paramref name="ranker"/>, BM25 over the texts and the rule-based scorer on <paramref name="openingIds"/>
    /// (openings without any outcome at level ≥ 1 are skipped: they have no ideal ranking).
    /// </summary>
    public static EvaluationFigures Evaluate(IMatchRanker ranker, MatchingData data, IReadOnlyCollection<string> openingIds, Action<string>? progress = null)
    {
        var index = ranker.BuildIndex(data.Experts);
        return Evaluate(ranker, null, index, data, openingIds, progress, null);
    }

    /// <summary>
    /// Like <see cref="Evaluate(IMatchRanker, MatchingData, IReadOnlyCollection{string}, Action{string}?)"/> for a model:
    /// also its plain reference when it carries one, the spread of its top 20s and, with <paramref name="spread"/>
    /// (default <see cref="SpreadOptions"/>), the same after re-ranking.
    /// </summary>
    public static EvaluationFigures Evaluate(MatchingModel model, MatchingData data, IReadOnlyCollection<string> openingIds, Action<string>? progress = null, SpreadOptions? spread = null)
    {
        var ranker = model.CreateRanker();
        return Evaluate(ranker, model.Reference?.CreateRanker(), ranker.BuildIndex(data.Experts), data, openingIds, progress, spread ?? new SpreadOptions());
    }

    internal static EvaluationFigures Evaluate(MatchingModel model, ExpertIndex index, MatchingData data, IReadOnlyCollection<string> openingIds, Action<string>? progress) =>
        Evaluate(model.CreateRanker(), model.Reference?.CreateRanker(), index, data, openingIds, progress, new SpreadOptions());

    private const int SpreadTop = 20;

    private static EvaluationFigures Evaluate(IMatchRanker ranker, IMatchRanker? referenceRanker, ExpertIndex index, MatchingData data, IReadOnlyCollection<string> openingIds,
        Action<string>? progress, SpreadOptions? spread)
    {
        var rules = new RuleBasedRanker();
        var bm25 = new Bm25Scorer(index.Experts);
        var model = (MatchRankerBase)ranker;
        var reference = referenceRanker as MatchRankerBase;
        var plainCounts = new int[index.Count];
        var spreadCounts = new int[index.Count];
        double f5 = 0, f10 = 0, s5 = 0, s10 = 0;
        var ids = openingIds.ToHashSet(StringComparer.Ordinal);
        var labels = LabelsByOpening(data, index);
        var openings = data.Openings.Where(o => ids.Contains(o.Id) && labels.TryGetValue(o.Id, out var l) && l.Values.Any(v => v > 0)).ToList();
        double m5 = 0, m10 = 0, b5 = 0, b10 = 0, r5 = 0, r10 = 0;
        var scores = new float[index.Count];
        var done = 0;
        foreach (var o in openings)
        {
            var l = labels[o.Id];
            (double, double) Figures()
            {
                var ranked = Ranked(scores, 10).Select(e => l.GetValueOrDefault(e)).ToList();
                return (Ndcg(ranked, l.Values, 5), Ndcg(ranked, l.Values, 10));
            }
            model.ScoreAll(o, index, scores);
            var (a, b) = Figures(); m5 += a; m10 += b;
            if (spread is not null)
            {
                var pool = Ranked(scores, Math.Max(SpreadTop, spread.Pool));
                foreach (var e in pool.Take(SpreadTop)) plainCounts[e]++;
                var reranked = SpreadReranker.Rerank(pool, e => scores[e], e => spreadCounts[e], spread, SpreadTop);
                foreach (var e in reranked) spreadCounts[e]++;
                var levels = reranked.Select(e => l.GetValueOrDefault(e)).ToList();
                s5 += Ndcg(levels, l.Values, 5);
                s10 += Ndcg(levels, l.Values, 10);
            }
            if (reference is not null)
            {
                reference.ScoreAll(o, index, scores);
                (a, b) = Figures(); f5 += a; f10 += b;
            }
            bm25.ScoreAll(o, index, scores);
            (a, b) = Figures(); b5 += a; b10 += b;
            rules.ScoreAll(o, index, scores);
            (a, b) = Figures(); r5 += a; r10 += b;
            if (++done % 50 == 0) progress?.Invoke($"evaluated {done}/{openings.Count} openings");
        }
        var n = Math.Max(1, openings.Count);
        SpreadFigures Spread(int[] counts) => new(SpreadTop, index.Count == 0 ? 0 : (double)counts.Count(c => c > 0) / index.Count, counts.Length == 0 ? 0 : counts.Max());
        return new EvaluationFigures(openings.Count, index.Count, new(m5 / n, m10 / n), new(b5 / n, b10 / n), new(r5 / n, r10 / n),
            reference is null ? null : new(f5 / n, f10 / n),
            spread is null ? null : Spread(plainCounts),
            spread?.Strength,
            spread is null ? null : new(s5 / n, s10 / n),
            spread is null ? null : Spread(spreadCounts));
    }

    internal static Dictionary<string, Dictionary<int, int>> LabelsByOpening(MatchingData data, ExpertIndex index)
    {
        var result = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
        foreach (var r in data.Outcomes)
        {
            var e = index.IndexOf(r.ExpertId);
            if (e < 0) continue;
            if (!result.TryGetValue(r.OpeningId, out var d)) result[r.OpeningId] = d = [];
            d[e] = StageLabels.Relevance(r.Stage);
        }
        return result;
    }

    /// <summary>Indexes of the <paramref name="k"/> best scores (ties: lower index first).</summary>
    internal static List<int> Ranked(float[] scores, int k)
    {
        var heap = new TopK(k);
        for (var i = 0; i < scores.Length; i++)
            if (!float.IsNegativeInfinity(scores[i])) heap.Offer(scores[i], i);
        var items = heap.Items().ToList();
        items.Sort(TopK.BestFirst);
        return items.Select(x => x.Index).ToList();
    }
}

/// <summary>Okapi BM25 (k1 = 1.2, b = 0.75) over character bigrams: opening title + description against self-introductions.</summary>
internal sealed class Bm25Scorer
{
    private readonly Dictionary<int, (int Doc, int Tf)[]> _postings;
    private readonly float[] _docLength;
    private readonly double _avgLength;
    private readonly int _n;

    public Bm25Scorer(IReadOnlyList<ExpertRecord> experts)
    {
        _n = experts.Count;
        _docLength = new float[_n];
        var postings = new Dictionary<int, List<(int, int)>>();
        for (var i = 0; i < _n; i++)
        {
            var counts = Text.CharNGrams.Counts(experts[i].Summary);
            _docLength[i] = counts.Values.Sum();
            foreach (var (g, tf) in counts)
            {
                if (!postings.TryGetValue(g, out var list)) postings[g] = list = [];
                list.Add((i, tf));
            }
        }
        _postings = postings.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _avgLength = _n == 0 ? 1 : Math.Max(1, _docLength.Average());
    }

    public void ScoreAll(OpeningRecord opening, float[] scores)
    {
        Array.Clear(scores);
        const double k1 = 1.2, b = 0.75;
        var query = Text.CharNGrams.Counts(opening.Title + "\n" + opening.Description);
        foreach (var (g, qtf) in query)
        {
            if (!_postings.TryGetValue(g, out var list)) continue;
            var idf = Math.Log(1 + (_n - list.Length + 0.5) / (list.Length + 0.5));
            foreach (var (doc, tf) in list)
                scores[doc] += (float)(qtf * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * _docLength[doc] / _avgLength)));
        }
    }

    /// <summary>BM25 scores with the hard constraints every ranker applies (excluded experts get −∞).</summary>
    public void ScoreAll(OpeningRecord opening, ExpertIndex index, float[] scores)
    {
        ScoreAll(opening, scores);
        for (var e = 0; e < index.Count; e++)
            if (opening.CertifiedCioOnly && !index.Certified[e]) scores[e] = float.NegativeInfinity;
        foreach (var e in index.ConflictedWith(opening.OrgCode)) scores[e] = float.NegativeInfinity;
    }
}
