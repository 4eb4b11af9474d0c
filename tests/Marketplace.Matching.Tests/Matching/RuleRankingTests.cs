using Marketplace.Matching.Features;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Synthetic;

namespace Marketplace.Matching.Tests.Matching;

/// <summary>
/// The rule-based ranker's full scan skips experts whose row bound is below the k-th best score so far: the bound must
/// never be below a score, and the ranking must equal scoring every candidate.
/// </summary>
public class RuleRankingTests
{
    private static readonly MatchingData Data = SyntheticDataGenerator.Generate(new GeneratorOptions(40, 1500, 33));

    /// <summary>The synthetic experts plus awkward ones: no pay asked, unknown home, nothing held, copies (ties).</summary>
    private static List<ExpertRecord> Experts()
    {
        var experts = Data.Experts.ToList();
        var first = experts[0];
        experts.Add(first with { Id = "X-nopay", DesiredDayRateYen = 0 });
        experts.Add(first with { Id = "X-nohome", HomePrefectureCode = "" });
        experts.Add(first with { Id = "X-bare", Skills = new Dictionary<string, int>(), Certifications = [], AcceptsEngagements = [], Summary = "" });
        experts.Add(first with { Id = "X-hidden", Hidden = true });
        experts.Add(first with { Id = "X-senior", YearsExperience = 40, PublicSectorYears = 30, AvailableDaysPerWeek = 5, MaxOnsiteDaysPerMonth = 31 });
        // Copies of strong experts tie on every feature: ties must be broken as before (lower index first).
        experts.AddRange(Data.Experts.Take(30).SelectMany(x => Enumerable.Range(0, 3).Select(k => x with { Id = $"{x.Id}-copy{k}" })));
        return experts;
    }

    [Fact]
    public void RowBound_EveryExpertAndOpening_NeverBelowTheScore()
    {
        var ranker = new RuleBasedRanker();
        var index = ranker.BuildIndex(Experts());
        var scorer = new RuleScorer();
        var f = new float[MatchFeatures.Count];
        var openings = Data.Openings.Concat(Data.Openings.Take(5).Select(o => o with { PublicSectorExperienceRequired = !o.PublicSectorExperienceRequired, OnsiteDaysPerMonth = 0 }));
        var tightest = double.PositiveInfinity;
        foreach (var o in openings)
        {
            using var ctx = new OpeningContext(o, index.Idf);
            var bound = scorer.RowBound(ctx);
            Assert.NotNull(bound);
            for (var e = 0; e < index.Count; e++)
            {
                ctx.Compute(index, e, f);
                var score = scorer.Score(f);
                var b = bound.Of(index.Rows[e]);
                Assert.True(b >= score - 1e-12 * (1 + Math.Abs(score)), $"opening {o.Id}, expert {index.Experts[e].Id}: bound {b} below score {score}");
                tightest = Math.Min(tightest, b - score);
            }
        }
        // Only skill years and the text are left at their best: some expert's bound is within a couple of points.
        Assert.True(tightest < 2.5, $"the bound is never closer than {tightest} points to the score");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(60)]
    public void RankExperts_SkippingByBound_EqualsScoringEveryCandidate(int top)
    {
        var ranker = new RuleBasedRanker();
        var experts = Experts();
        var index = ranker.BuildIndex(experts);
        var scorer = new RuleScorer();
        var f = new float[MatchFeatures.Count];
        var excluded = experts.Where((_, i) => i % 11 == 0).Select(x => x.Id).ToHashSet();
        foreach (var o in Data.Openings)
        {
            using var ctx = new OpeningContext(o, index.Idf);
            var conflicted = index.ConflictedWith(o.OrgCode).ToHashSet();
            var all = new List<(double Score, int Index)>();
            for (var e = 0; e < index.Count; e++)
            {
                if (ctx.Excluded(index, e) || conflicted.Contains(e) || index.Hidden[e] || excluded.Contains(index.Experts[e].Id)) continue;
                ctx.Compute(index, e, f);
                all.Add((scorer.Score(f), e));
            }
            all.Sort(TopK.BestFirst);
            var expected = all.Take(top).Select(x => (index.Experts[x.Index].Id, x.Score)).ToList();
            var actual = ranker.RankExperts(o, index, top, new ExpertFilter(Exclude: excluded.ToList())).Select(r => (r.ExpertId, r.Score)).ToList();
            Assert.Equal(expected, actual);
        }
    }
}
