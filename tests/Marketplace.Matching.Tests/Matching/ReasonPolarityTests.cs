using Marketplace.Matching.Reasons;

namespace Marketplace.Matching.Tests.Matching;

/// <summary>A reason that says something is missing or exceeded reads as a minus whatever the model's contribution.</summary>
public class ReasonPolarityTests
{
    [Theory]
    [InlineData(ReasonCodes.RequiredSkills, new[] { "1", "2", "cloud" })]
    [InlineData(ReasonCodes.AvailabilityShort, new[] { "3", "2" })]
    [InlineData(ReasonCodes.OnsiteOverLimit, new[] { "8", "4" })]
    [InlineData(ReasonCodes.PublicSectorMissing, new string[0])]
    [InlineData(ReasonCodes.EngagementNotAccepted, new[] { "outsourced" })]
    public void InFavour_ShortfallWithPositiveContribution_IsAgainst(string code, string[] args)
    {
        Assert.False(new MatchReason(code, args, 0.4).InFavour);
    }

    [Fact]
    public void InFavour_AllRequiredSkillsHeld_FollowsTheContribution()
    {
        Assert.True(new MatchReason(ReasonCodes.RequiredSkills, ["2", "2", ""], 0.4).InFavour);
        Assert.False(new MatchReason(ReasonCodes.RequiredSkills, ["2", "2", ""], -0.4).InFavour);
    }

    [Fact]
    public void Select_MissingSkillTheModelRewards_ListedAmongTheMinuses()
    {
        var ranker = new Ranking.RuleBasedRanker();
        // The expert lacks one of the three required skills; whatever the scorer made of it, the reason is a minus.
        var expert = TestData.Expert(skills: new() { ["cloud"] = 10, ["cybersecurity"] = 8 }, desired: 20_000);
        var ranked = ranker.RankExperts(TestData.Opening(), ranker.BuildIndex([expert]), 1).Single();
        var required = ranked.Reasons.Single(r => r.Code == ReasonCodes.RequiredSkills);
        Assert.False(required.InFavour);
        var firstAgainst = ranked.Reasons.ToList().FindIndex(r => !r.InFavour);
        Assert.All(ranked.Reasons.Skip(firstAgainst), r => Assert.False(r.InFavour));
    }
}
