using Marketplace.Matching.Ranking;
using Marketplace.Matching.Synthetic;
using Marketplace.Matching.Training;

namespace Marketplace.Matching.Tests.Matching;

public class PromotionGateTests
{
    private static ModelMetadata Meta(string kind, double ndcg10) =>
        new($"{kind}-x", kind, DateTimeOffset.UnixEpoch, 1, 10, 10, 10, 8, 100,
            kind == "model" ? new EvaluationFigures(10, 10, new(ndcg10, ndcg10), new(0.1, 0.1), new(0.2, 0.2)) : null,
            new ColdStartDecision(kind == "model", 10, 10, 10, "", ""));

    [Fact]
    public void ShouldPromote_WorseCandidate_Refused()
    {
        var d = PromotionGate.ShouldPromote(Meta("model", 0.50), Meta("model", 0.49));
        Assert.False(d.Promote);
        Assert.Contains("worse", d.Reason);
    }

    [Fact]
    public void ShouldPromote_EqualCandidate_Accepted() => Assert.True(PromotionGate.ShouldPromote(Meta("model", 0.5), Meta("model", 0.5)).Promote);

    [Fact]
    public void ShouldPromote_BetterCandidate_Accepted() => Assert.True(PromotionGate.ShouldPromote(Meta("model", 0.5), Meta("model", 0.6)).Promote);

    [Fact]
    public void ShouldPromote_NoCurrentModel_Accepted() => Assert.True(PromotionGate.ShouldPromote(null, Meta("model", 0.1)).Promote);

    [Fact]
    public void ShouldPromote_RulesCandidateOverModel_Refused() => Assert.False(PromotionGate.ShouldPromote(Meta("model", 0.1), Meta("rules", 0)).Promote);

    [Fact]
    public void ShouldPromote_ModelOverRules_Accepted() => Assert.True(PromotionGate.ShouldPromote(Meta("rules", 0), Meta("model", 0.1)).Promote);

    [Fact]
    [Trait("Category", "Slow")] // trains two models
    public void ShouldPromote_WorseRealModelOnSameHeldOut_Refused()
    {
        // A real model trained on very little data against one trained on much more, compared on the same held-out openings.
        var data = SyntheticDataGenerator.Generate(new GeneratorOptions(300, 700, 31));
        var strong = MatchingTrainer.Train(data, new TrainingOptions { Seed = 1, Trees = 60 }).Model;
        var weak = MatchingTrainer.Train(data, new TrainingOptions { Seed = 1, Trees = 1, Leaves = 2, MaxDepth = 1 }).Model;
        var weakOnSame = weak.Metadata with { HeldOut = MatchingTrainer.Reevaluate(weak, data, strong.HeldOutOpeningIds) };
        Assert.False(PromotionGate.ShouldPromote(strong.Metadata, weakOnSame).Promote);
        Assert.True(PromotionGate.ShouldPromote(weakOnSame, strong.Metadata).Promote);
    }
}

public class ColdStartTests
{
    [Fact]
    public void Evaluate_FewOutcomes_UsesRulesAndSaysWhy()
    {
        var data = SyntheticDataGenerator.Generate(new GeneratorOptions(10, 200, 5));
        var d = ColdStartRule.Default.Evaluate(data);
        Assert.False(d.UseModel);
        Assert.Contains("ルール", d.ReasonJa);
        Assert.Contains("rule-based", d.ReasonEn);
    }

    [Fact]
    public void Evaluate_EnoughOutcomes_UsesModel()
    {
        var rule = new ColdStartRule(3, 5);
        var outcomes = Enumerable.Range(0, 6).Select(i => new OutcomeRecord($"O{i % 3}", $"E{i}", "interviewed")).ToList();
        var data = new MatchingData(
            Enumerable.Range(0, 3).Select(i => TestData.Opening(id: $"O{i}")).ToList(),
            Enumerable.Range(0, 6).Select(i => TestData.Expert(id: $"E{i}")).ToList(), outcomes);
        Assert.True(rule.Evaluate(data).UseModel);
        Assert.False(new ColdStartRule(3, 7).Evaluate(data).UseModel);
    }

    [Fact]
    public void Train_TooFewOutcomes_ReturnsRulesRankerThatStillRanks()
    {
        var data = SyntheticDataGenerator.Generate(new GeneratorOptions(10, 200, 5));
        var result = MatchingTrainer.Train(data);
        Assert.False(result.Decision.UseModel);
        Assert.Equal("rules", result.Model.Metadata.Kind);
        var loaded = MatchingModel.FromBytes(result.Model.ToBytes());
        var ranker = loaded.CreateRanker();
        Assert.Equal("rules", ranker.Kind);
        Assert.IsType<RuleBasedRanker>(ranker);
        var ranked = ranker.RankExperts(data.Openings[0], ranker.BuildIndex(data.Experts), 5);
        Assert.Equal(5, ranked.Count);
        Assert.All(ranked, r => Assert.NotEmpty(r.Reasons));
    }
}
