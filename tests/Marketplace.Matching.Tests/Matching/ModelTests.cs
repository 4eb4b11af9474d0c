using Marketplace.Matching.Features;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Synthetic;
using Marketplace.Matching.Training;

namespace Marketplace.Matching.Tests.Matching;

[Trait("Category", "Slow")]
public class ModelTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private List<float[]> Rows(int openings)
    {
        var index = ExpertIndex.Build(fixture.Data.Experts, fixture.Model.Idf);
        var rows = new List<float[]>();
        foreach (var o in fixture.Data.Openings.Take(openings))
        {
            using var ctx = new OpeningContext(o, index.Idf);
            for (var e = 0; e < index.Count; e += 7)
            {
                var f = new float[MatchFeatures.Count];
                ctx.Compute(index, e, f);
                rows.Add(f);
            }
        }
        return rows;
    }

    [Fact]
    public void FastScorer_ManyRows_EqualsPredictionEngineAndTransform()
    {
        var rows = Rows(20);
        var engine = fixture.Model.CreatePredictionEngine();
        var batch = fixture.Model.ScoreWithMlNet(rows);
        var trees = fixture.Model.Trees;
        Assert.True(rows.Count > 5000);
        for (var i = 0; i < rows.Count; i++)
        {
            var fast = trees.Score(rows[i]);
            var reference = engine(rows[i]);
            Assert.True(Math.Abs(fast - reference) <= 1e-5 * Math.Max(1, Math.Abs(reference)), $"row {i}: fast {fast} vs PredictionEngine {reference}");
            Assert.True(Math.Abs(fast - batch[i]) <= 1e-5 * Math.Max(1, Math.Abs(batch[i])), $"row {i}: fast {fast} vs Transform {batch[i]}");
        }
    }

    [Fact]
    public void RankExperts_Pruning_EqualsScoringEveryCandidate()
    {
        var ranker = fixture.Model.CreateRanker();
        var index = ranker.BuildIndex(fixture.Data.Experts);
        var trees = fixture.Model.Trees;
        var f = new float[MatchFeatures.Count];
        foreach (var o in fixture.Data.Openings.Take(40))
        {
            using var ctx = new OpeningContext(o, index.Idf);
            var all = new List<(double Score, int Index)>();
            for (var e = 0; e < index.Count; e++)
            {
                if (ctx.Excluded(index, e)) continue;
                ctx.Compute(index, e, f);
                all.Add((trees.Score(f), e));
            }
            all.Sort(TopK.BestFirst);
            var expected = all.Take(20).Select(x => (index.Experts[x.Index].Id, x.Score)).ToList();
            var actual = ranker.RankExperts(o, index, 20).Select(r => (r.ExpertId, r.Score)).ToList();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void PartitionScheme_EveryCandidate_LiesInsideItsPartitionAndSubPartitionBoxes()
    {
        // The search is exact only if these boxes hold every candidate sent to them: check the trained model's cuts and
        // cuts placed exactly on common feature values (0 days, same prefecture, the desired rate, whole years).
        var awkward = PartitionScheme.FromSplits(
        [
            (MatchFeatures.AvailabilityGap, 0f, 1), (MatchFeatures.OnsiteOverMax, 0f, 1), (MatchFeatures.DistanceKm, 0f, 2),
            (MatchFeatures.DistanceKm, 300f, 1), (MatchFeatures.PayRatio, 1f, 5), (MatchFeatures.PayRatio, 0.85f, 4),
            (MatchFeatures.PayRatio, 3f, 3), (MatchFeatures.PublicSectorYears, 0f, 2), (MatchFeatures.PublicSectorYears, 5f, 1),
            (MatchFeatures.YearsExperience, 10f, 2), (MatchFeatures.YearsExperience, 20f, 1),
        ]);
        var index = ExpertIndex.Build(fixture.Data.Experts, fixture.Model.Idf);
        var f = new float[MatchFeatures.Count];
        float[] lo = new float[MatchFeatures.Count], hi = new float[MatchFeatures.Count];
        float[] subLo = new float[MatchFeatures.Count], subHi = new float[MatchFeatures.Count];
        var checkedPairs = 0;
        foreach (var scheme in new[] { fixture.Model.Trees.Partitions, awkward })
        {
            foreach (var o in fixture.Data.Openings.Take(30))
            {
                using var ctx = new OpeningContext(o, index.Idf);
                for (var e = 0; e < index.Count; e++)
                {
                    ctx.Compute(index, e, f);
                    var (partition, sub) = scheme.Of(ctx, index, e);
                    Assert.InRange(partition, 0, scheme.PartitionCount(ctx) - 1);
                    Assert.InRange(sub, 0, scheme.SubPartitions - 1);
                    scheme.PartitionBox(ctx, partition, f, lo, hi);
                    Array.Fill(subLo, float.NegativeInfinity);
                    Array.Fill(subHi, float.PositiveInfinity);
                    scheme.SubPartitionBox(sub, subLo, subHi);
                    for (var i = 0; i < MatchFeatures.Count; i++)
                    {
                        Assert.True(lo[i] <= f[i] && f[i] <= hi[i], $"{o.Id}/{index.Experts[e].Id}: {MatchFeatures.Names[i]} {f[i]} outside partition [{lo[i]}, {hi[i]}]");
                        Assert.True(subLo[i] <= f[i] && f[i] <= subHi[i], $"{o.Id}/{index.Experts[e].Id}: {MatchFeatures.Names[i]} {f[i]} outside sub-partition [{subLo[i]}, {subHi[i]}]");
                    }
                    checkedPairs++;
                }
            }
        }
        Assert.True(checkedPairs > 100_000);
    }

    [Fact]
    public void Benchmark_SmallRun_FastPathAgreesWithPredictionEngineOnEveryOpening()
    {
        var r = Marketplace.Matching.Benchmarks.MatchingBenchmark.Run(experts: 3000, openings: 12, top: 20, engineOpenings: 12, seed: 3, repeat: 2);
        Assert.Equal(12, r.Fast.Queries);
        Assert.Equal(12, r.PredictionEngine.Queries);
        Assert.Equal(2, r.Repeat);
        Assert.Equal(r.Compared, r.SameTopK);
        Assert.True(r.MaxScoreDifference <= 1e-5, $"largest score difference {r.MaxScoreDifference}");
        Assert.True(r.Fast.P50 > 0 && r.Fast.P50 <= r.Fast.P95 && r.Fast.P95 <= r.Fast.Max);
    }

    [Fact]
    public void Train_SameSeed_IdenticalModelAndScores()
    {
        var data = SyntheticDataGenerator.Generate(new GeneratorOptions(250, 600, 21));
        var options = new TrainingOptions { Seed = 3, Trees = 40 };
        var a = MatchingTrainer.Train(data, options).Model;
        var b = MatchingTrainer.Train(data, options).Model;
        Assert.Equal(a.Metadata.VersionId.Split('-')[^1], b.Metadata.VersionId.Split('-')[^1]);
        var index = ExpertIndex.Build(data.Experts, a.Idf);
        var f = new float[MatchFeatures.Count];
        foreach (var o in data.Openings.Take(10))
        {
            using var ctx = new OpeningContext(o, index.Idf);
            for (var e = 0; e < index.Count; e++)
            {
                ctx.Compute(index, e, f);
                Assert.Equal(a.Trees.Score(f), b.Trees.Score(f));
            }
        }
        Assert.Equal(a.Metadata.HeldOut, b.Metadata.HeldOut);
        var c = MatchingTrainer.Train(data, options with { Seed = 4 }).Model;
        Assert.NotEqual(a.HeldOutOpeningIds, c.HeldOutOpeningIds);
    }

    [Fact]
    public void SaveLoad_RoundTrip_SameScoresAndMetadata()
    {
        var bytes = fixture.Model.ToBytes();
        var loaded = MatchingModel.FromBytes(bytes);
        Assert.Equal(fixture.Model.Metadata, loaded.Metadata);
        Assert.Equal(fixture.Model.HeldOutOpeningIds, loaded.HeldOutOpeningIds);
        foreach (var row in Rows(3)) Assert.Equal(fixture.Model.Trees.Score(row), loaded.Trees.Score(row));
        var o = fixture.Data.Openings[0];
        Assert.True(loaded.WasTrainedOn(fixture.Data.Openings.First(x => !loaded.HeldOutOpeningIds.Contains(x.Id) && fixture.Data.Outcomes.Any(r => r.OpeningId == x.Id))));
        Assert.False(loaded.WasTrainedOn(fixture.Data.Openings.First(x => loaded.HeldOutOpeningIds.Contains(x.Id))));
        Assert.Equal(fixture.Model.CreateRanker().RankExperts(o, fixture.Model.CreateRanker().BuildIndex(fixture.Data.Experts), 5).Select(r => r.ExpertId),
            loaded.CreateRanker().RankExperts(o, loaded.CreateRanker().BuildIndex(fixture.Data.Experts), 5).Select(r => r.ExpertId));
    }

    [Fact]
    public void Metadata_TrainedModel_CarriesVersionDateSizesAndFigures()
    {
        var m = fixture.Model.Metadata;
        Assert.Equal("model", m.Kind);
        Assert.StartsWith("model-20250401T000000Z-", m.VersionId);
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero), m.TrainedAt);
        Assert.Equal((700, 2000, fixture.Data.Outcomes.Count), (m.Openings, m.Experts, m.Outcomes));
        Assert.NotNull(m.HeldOut);
        Assert.True(m.TrainingRows > m.TrainingOpenings);
    }

    [Fact]
    public void Evaluate_HeldOutOpenings_ModelBeatsBm25AndRulesWidely()
    {
        var h = fixture.Model.Metadata.HeldOut!;
        Assert.True(h.Openings >= 30, $"{h.Openings} held-out openings");
        Assert.True(h.Model.Ndcg10 > h.Rules.Ndcg10 + 0.08, $"model {h.Model.Ndcg10:0.000} vs rules {h.Rules.Ndcg10:0.000}");
        Assert.True(h.Model.Ndcg10 > 3 * h.Bm25.Ndcg10, $"model {h.Model.Ndcg10:0.000} vs BM25 {h.Bm25.Ndcg10:0.000}");
        Assert.True(h.Rules.Ndcg10 > h.Bm25.Ndcg10, "the rule-based scorer is a genuine baseline");
    }

    [Fact]
    public void Evaluate_DatasetOfAnotherSeed_ModelStillWins()
    {
        var other = fixture.OtherSeed;
        var ids = other.Outcomes.Select(r => r.OpeningId).Distinct().ToList();
        Assert.DoesNotContain(other.Openings, fixture.Model.WasTrainedOn);
        var f = MatchingEvaluator.Evaluate(fixture.Model.CreateRanker(), other, ids);
        Assert.True(f.Model.Ndcg10 > f.Rules.Ndcg10 + 0.08, $"model {f.Model.Ndcg10:0.000} vs rules {f.Rules.Ndcg10:0.000}");
        Assert.True(f.Model.Ndcg10 > 3 * f.Bm25.Ndcg10, $"model {f.Model.Ndcg10:0.000} vs BM25 {f.Bm25.Ndcg10:0.000}");
    }

    [Fact]
    public void RankExperts_ModelRanker_ReasonsExplainTheMatch()
    {
        var ranker = fixture.Model.CreateRanker();
        Assert.Equal("model", ranker.Kind);
        var index = ranker.BuildIndex(fixture.Data.Experts);
        var ranked = ranker.RankExperts(fixture.Data.Openings.First(o => o.RequiredSkills.Count > 0), index, 10);
        Assert.Equal(10, ranked.Count);
        Assert.All(ranked, r => Assert.NotEmpty(r.Reasons));
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.Contains(ranked.SelectMany(r => r.Reasons), r => r.Code == Reasons.ReasonCodes.RequiredSkills);
    }
}

public class NdcgTests
{
    [Fact]
    public void Ndcg_IdealOrder_IsOne()
    {
        Assert.Equal(1.0, MatchingEvaluator.Ndcg([4, 2, 1, 0], [0, 1, 2, 4], 10), 10);
    }

    [Fact]
    public void Ndcg_ReversedOrder_IsBelowOne()
    {
        // DCG of [0,1,2,4] = 0 + 1/log2(3) + 3/2 + 15/log2(5); IDCG = 15 + 3/log2(3) + 1/2.
        var expected = (1 / Math.Log2(3) + 3 / 2.0 + 15 / Math.Log2(5)) / (15 + 3 / Math.Log2(3) + 0.5);
        Assert.Equal(expected, MatchingEvaluator.Ndcg([0, 1, 2, 4], [4, 2, 1, 0], 10), 10);
    }
}
