using Marketplace.Matching.Features;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Synthetic;
using Marketplace.Matching.Text;
using Marketplace.Matching.Training;
using F = Marketplace.Matching.Features.MatchFeatures;

namespace Marketplace.Matching.Tests.Matching;

/// <summary>Capacity chosen by validation, the plain reference kept beside the model, the domain features added for quality, spread figures.</summary>
[Trait("Category", "Slow")]
public class QualityTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private static readonly CapacityGrid SmallGrid = new([4, 15], [20], [0.2, 0.1], 60, 20, TreeEnsembleScorer.MaxCompleteDepth, 0.25);

    [Fact]
    public void Train_WithTuning_RecordsTheChosenCapacityAndKeepsTheReference()
    {
        var data = SyntheticDataGenerator.Generate(new GeneratorOptions(300, 800, 21));
        var progress = new List<string>();
        var model = MatchingTrainer.Train(data, new TrainingOptions { Seed = 2, Tuning = SmallGrid, TrainReference = true }, progress.Add).Model;

        var c = model.Metadata.Capacity!;
        Assert.NotNull(c.ValidationNdcg10);
        Assert.Contains(c.Leaves, SmallGrid.Leaves);
        Assert.Contains(c.LearningRate!.Value, SmallGrid.LearningRates);
        Assert.InRange(c.Trees, 1, 120);
        Assert.Equal(c.Trees, model.Trees.TreeCount);
        // Every (leaves, per-leaf) pair at the first rate, then the best pair at the second: 3 candidates reported.
        Assert.Equal(3, progress.Count(p => p.StartsWith("  ", StringComparison.Ordinal) && p.Contains("validation NDCG@10", StringComparison.Ordinal)));
        var best = progress.Where(p => p.StartsWith("  ", StringComparison.Ordinal)).Max(p => double.Parse(p[(p.LastIndexOf(' ') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(best, c.ValidationNdcg10!.Value, 4);

        Assert.NotNull(model.Reference);
        Assert.Equal(Capacity.Reference.Trees, model.Reference!.Trees.TreeCount);
        Assert.NotNull(model.Metadata.HeldOut!.Reference);

        var loaded = MatchingModel.FromBytes(model.ToBytes());
        Assert.Equal(c, loaded.Metadata.Capacity);
        Assert.NotNull(loaded.Reference);
        var f = new float[F.Count];
        var index = ExpertIndex.Build(data.Experts, model.Idf);
        using var ctx = new OpeningContext(data.Openings[0], index.Idf);
        ctx.Compute(index, 0, f);
        Assert.Equal(model.Reference.Trees.Score(f), loaded.Reference!.Trees.Score(f));
    }

    [Fact]
    public void Train_WithoutTuning_UsesTheGivenCapacityAndNoReference()
    {
        Assert.Null(fixture.Model.Reference);
        Assert.Null(fixture.Model.Metadata.Capacity!.ValidationNdcg10);
        Assert.Equal(new TrainingOptions().Trees, fixture.Model.Trees.TreeCount);
    }

    [Fact]
    public void Compute_RequiredFit_DiminishingYearsAndMissingSkillsWeighMore()
    {
        var index = ExpertIndex.Build([TestData.Expert(skills: new() { ["cloud"] = 15, ["cybersecurity"] = 30 }), TestData.Expert(id: "E2", skills: new() { ["cloud"] = 4 })], TextIdf.Uniform);
        using var ctx = new OpeningContext(TestData.Opening(required: ["cloud", "cybersecurity"]), index.Idf);
        var f = new float[F.Count];
        ctx.Compute(index, 0, f);
        Assert.Equal(1f, f[F.RequiredFit], 5); // both held, saturated at 15 years
        ctx.Compute(index, 1, f);
        Assert.Equal((MathF.Sqrt(4 / 15f) - 1) / 2, f[F.RequiredFit], 5);
        Assert.Equal(3, f[F.DesiredDayRate]); // 30,000 yen a day
        Assert.Equal(3, f[F.AvailableDays]);
        Assert.Equal(4, f[F.MaxOnsiteDays]);
        Assert.Equal(6, f[F.TermMonths]);
        Assert.Equal(MatchingTaxonomy.Roles.ToList().FindIndex(r => r.Code == "cio_advisor"), f[F.RoleCode]);
        Assert.Equal(MatchingTaxonomy.Engagements.ToList().FindIndex(r => r.Code == "part_time_appointee"), f[F.EngagementCode]);
    }

    [Fact]
    public void Evaluate_Model_ReportsSpreadAndReRankingSpreadsAttention()
    {
        var heldOut = fixture.Model.HeldOutOpeningIds;
        var plain = MatchingEvaluator.Evaluate(fixture.Model, fixture.Data, heldOut, spread: SpreadOptions.Off);
        var spread = MatchingEvaluator.Evaluate(fixture.Model, fixture.Data, heldOut, spread: new SpreadOptions(1.0));
        // Strength 0 changes nothing: same lists, same NDCG.
        Assert.Equal(plain.Model.Ndcg10, plain.ModelSpread!.Ndcg10, 9);
        Assert.Equal(plain.Spread, plain.SpreadReranked);
        Assert.InRange(plain.Spread!.ShareRecommended, 0.01, 1);
        Assert.True(plain.Spread.MostOpeningsPerExpert >= 2, "some expert is in several top 20s");
        // Re-ranking reaches more experts and caps the busiest one lower, at a cost in NDCG.
        Assert.True(spread.SpreadReranked!.ShareRecommended > spread.Spread!.ShareRecommended);
        Assert.True(spread.SpreadReranked.MostOpeningsPerExpert < spread.Spread.MostOpeningsPerExpert);
        Assert.True(spread.ModelSpread!.Ndcg10 <= spread.Model.Ndcg10 + 1e-9);
        Assert.Equal(plain.Model, spread.Model);
    }

    [Fact]
    public void SpreadReranker_LoadedExpertMovesDown_UnloadedOrderKept()
    {
        var candidates = new[] { ("a", 3.0), ("b", 2.9), ("c", 2.0), ("d", 1.0) };
        var load = new Dictionary<string, int> { ["a"] = 7 };
        var off = SpreadReranker.Rerank(candidates, c => c.Item2, c => load.GetValueOrDefault(c.Item1), SpreadOptions.Off, 3);
        Assert.Equal(["a", "b", "c"], off.Select(c => c.Item1));
        var on = SpreadReranker.Rerank(candidates, c => c.Item2, c => load.GetValueOrDefault(c.Item1), new SpreadOptions(0.5), 3);
        Assert.Equal(["b", "c", "a"], on.Select(c => c.Item1));
        var none = SpreadReranker.Rerank(candidates, c => c.Item2, _ => 0, new SpreadOptions(2), 4);
        Assert.Equal(["a", "b", "c", "d"], none.Select(c => c.Item1));
        Assert.Equal(0, SpreadReranker.Penalty(0));
        Assert.Equal(3, SpreadReranker.Penalty(7), 9);
    }
}
