using Marketplace.Data.Entities;
using Marketplace.Web.Features.Calls;

namespace Marketplace.Web.Tests.Calls;

/// <summary>Weighted totals, price scores, rounding and ties, against figures worked out by hand.</summary>
public class ProposalScoringTests
{
    // Criteria: A weight 40, B weight 30; price weight 30; scale 5; ceiling 10,000,000.
    private static ScoringRules Rules(PriceFormula formula, int priceWeight = 30) =>
        new(5, priceWeight, formula, 10_000_000, [new CriterionWeight(1, 40), new CriterionWeight(2, 30)]);

    private static ProposalResult Of(IReadOnlyList<ProposalResult> results, int id) => results.Single(r => r.ProposalId == id);

    [Fact]
    public void Compute_TwoMembersLowestRatio_AveragesWeightedPointsAndAddsPriceScore()
    {
        // P1 price 8,000,000; P2 price 9,000,000 (lowest 8,000,000).
        // Member 10: P1 A=5 B=3, P2 A=4 B=4.  Member 20: P1 A=4 B=4, P2 A=5 B=5.
        // P1: A = (40·5/5 + 40·4/5)/2 = (40 + 32)/2 = 36; B = (30·3/5 + 30·4/5)/2 = (18 + 24)/2 = 21; technical 57;
        //     price = 30 × 8,000,000 / 8,000,000 = 30; total 87.
        // P2: A = (32 + 40)/2 = 36; B = (24 + 30)/2 = 27; technical 63; price = 30 × 8/9 = 26.666… → 26.67;
        //     total 63 + 26.666… = 89.666… → 89.67.
        var results = ProposalScoring.Compute(Rules(PriceFormula.LowestRatio),
            [new PricedProposal(1, 8_000_000), new PricedProposal(2, 9_000_000)],
            [
                new MemberScore(10, 1, 1, 5), new MemberScore(10, 1, 2, 3), new MemberScore(10, 2, 1, 4), new MemberScore(10, 2, 2, 4),
                new MemberScore(20, 1, 1, 4), new MemberScore(20, 1, 2, 4), new MemberScore(20, 2, 1, 5), new MemberScore(20, 2, 2, 5),
            ]);
        var p1 = Of(results, 1);
        var p2 = Of(results, 2);
        Assert.Equal(36m, p1.CriterionPoints[1]);
        Assert.Equal(21m, p1.CriterionPoints[2]);
        Assert.Equal(57m, p1.Technical);
        Assert.Equal(30m, p1.PriceScore);
        Assert.Equal(87m, p1.Total);
        Assert.Equal(63m, p2.Technical);
        Assert.Equal(26.67m, p2.PriceScore);
        Assert.Equal(89.67m, p2.Total);
        Assert.Equal(1, p2.Rank);
        Assert.Equal(2, p1.Rank);
        Assert.False(p1.Tied || p2.Tied);
        // Member sheets: member 10 gave P1 40 + 18 = 58 and P2 32 + 24 = 56.
        Assert.Equal(58m, p1.MemberTechnical[10]);
        Assert.Equal(56m, p2.MemberTechnical[10]);
        Assert.Equal(new[] { 2, 1 }, results.Select(r => r.ProposalId));
    }

    [Fact]
    public void Compute_TotalIsTheSumOfThePublishedRoundedFigures()
    {
        // Three members. P2: A = (40 + 40 + 32)/3 = 37.333…, B = 30 each → technical 67.333… → 67.33.
        // P2 price 9,000,563 against the lowest 8,000,000: 30 × 8,000,000 / 9,000,563 = 26.66499… → 26.66.
        // Total = 67.33 + 26.66 = 93.99 (adding the unrounded figures would give 93.998… → 94.00).
        var scores = new List<MemberScore>();
        foreach (var (member, a) in new[] { (1, 5), (2, 5), (3, 4) })
        {
            scores.AddRange([new MemberScore(member, 1, 1, 5), new MemberScore(member, 1, 2, 5), new MemberScore(member, 2, 1, a), new MemberScore(member, 2, 2, 5)]);
        }
        var results = ProposalScoring.Compute(Rules(PriceFormula.LowestRatio), [new PricedProposal(1, 8_000_000), new PricedProposal(2, 9_000_563)], scores);
        var p2 = Of(results, 2);
        Assert.Equal(67.33m, p2.Technical);
        Assert.Equal(26.66m, p2.PriceScore);
        Assert.Equal(93.99m, p2.Total);
    }

    [Fact]
    public void Compute_CeilingDiscount_ScoresTheSavingAgainstTheCeiling()
    {
        // Price weight 20: 7,500,000 against 10,000,000 → 20 × (1 − 0.75) = 5.00; 10,000,000 → 0.
        var results = ProposalScoring.Compute(Rules(PriceFormula.CeilingDiscount, 20),
            [new PricedProposal(1, 7_500_000), new PricedProposal(2, 10_000_000)],
            [new MemberScore(1, 1, 1, 5), new MemberScore(1, 1, 2, 5), new MemberScore(1, 2, 1, 5), new MemberScore(1, 2, 2, 5)]);
        Assert.Equal(5m, Of(results, 1).PriceScore);
        Assert.Equal(75m, Of(results, 1).Total);
        Assert.Equal(0m, Of(results, 2).PriceScore);
        Assert.Equal(70m, Of(results, 2).Total);
    }

    [Fact]
    public void Compute_EqualTotals_HigherTechnicalRanksFirst()
    {
        // P1: A=5 B=4 → 40 + 24 = 64, lowest price 9,000,000 → 30; total 94.
        // P2: A=5 B=5 → 70, price 30 × 9,000,000 / 11,250,000 = 24; total 94. Equal totals: P2's higher technical score wins.
        var results = ProposalScoring.Compute(Rules(PriceFormula.LowestRatio),
            [new PricedProposal(1, 9_000_000), new PricedProposal(2, 11_250_000)],
            [new MemberScore(1, 1, 1, 5), new MemberScore(1, 1, 2, 4), new MemberScore(1, 2, 1, 5), new MemberScore(1, 2, 2, 5)]);
        Assert.Equal(94m, Of(results, 1).Total);
        Assert.Equal(94m, Of(results, 2).Total);
        Assert.Equal(1, Of(results, 2).Rank);
        Assert.Equal(2, Of(results, 1).Rank);
        Assert.False(Of(results, 1).Tied);
    }

    [Fact]
    public void Compute_SameTotalAndTechnical_SharesRankAndIsFlagged()
    {
        // Same scores and prices: both 70 + 30 = 100, rank 1 and tied; a third lower one is rank 3.
        var results = ProposalScoring.Compute(Rules(PriceFormula.LowestRatio),
            [new PricedProposal(1, 5_000_000), new PricedProposal(2, 5_000_000), new PricedProposal(3, 6_000_000)],
            [
                new MemberScore(1, 1, 1, 5), new MemberScore(1, 1, 2, 5), new MemberScore(1, 2, 1, 5), new MemberScore(1, 2, 2, 5),
                new MemberScore(1, 3, 1, 5), new MemberScore(1, 3, 2, 5),
            ]);
        Assert.Equal((1, true), (Of(results, 1).Rank, Of(results, 1).Tied));
        Assert.Equal((1, true), (Of(results, 2).Rank, Of(results, 2).Tied));
        // 70 + 30 × 5/6 = 70 + 25 = 95.
        Assert.Equal((3, false, 95m), (Of(results, 3).Rank, Of(results, 3).Tied, Of(results, 3).Total));
    }

    [Fact]
    public void Compute_TotalsTieOnlyAfterRounding_TreatedAsTie()
    {
        // One criterion of weight 10 on a scale of 3, no price score. P1: both members give 1 → 10·1/3 = 3.333… → 3.33.
        // P3: members give 0 and 2 → (0 + 6.666…)/2 = 3.333… → 3.33. Equal once rounded, so tied.
        var rules = new ScoringRules(3, 0, PriceFormula.LowestRatio, 1, [new CriterionWeight(1, 10)]);
        var results = ProposalScoring.Compute(rules,
            [new PricedProposal(1, 1), new PricedProposal(3, 1)],
            [new MemberScore(1, 1, 1, 1), new MemberScore(2, 1, 1, 1), new MemberScore(1, 3, 1, 0), new MemberScore(2, 3, 1, 2)]);
        Assert.Equal(3.33m, Of(results, 1).Total);
        Assert.Equal(3.33m, Of(results, 3).Total);
        Assert.True(Of(results, 1).Tied && Of(results, 3).Tied);
        Assert.Equal(10, ProposalScoring.MaxTotal(rules));
    }

    [Fact]
    public void Compute_HalfwayFigure_RoundsHalfUp()
    {
        // Price weight 25: 25 × 1,000,000 / 8,000,000 = 3.125 → 3.13 (half up, not half to even, which would give 3.12).
        var rules = new ScoringRules(5, 25, PriceFormula.LowestRatio, 10_000_000, [new CriterionWeight(1, 10)]);
        var results = ProposalScoring.Compute(rules,
            [new PricedProposal(1, 1_000_000), new PricedProposal(2, 8_000_000)],
            [new MemberScore(1, 1, 1, 0), new MemberScore(1, 2, 1, 0)]);
        Assert.Equal(3.13m, Of(results, 2).PriceScore);
        Assert.Equal(25m, Of(results, 1).PriceScore);
    }

    [Fact]
    public void Compute_MemberNotYetScored_LeftOutOfTheAverage()
    {
        // Member 1 gave A=5 (40); member 2 has not scored A yet: A stays 40, not (40 + 0)/2.
        var results = ProposalScoring.Compute(Rules(PriceFormula.LowestRatio, 0),
            [new PricedProposal(1, 1_000)],
            [new MemberScore(1, 1, 1, 5), new MemberScore(2, 1, 2, 5)]);
        Assert.Equal(40m, Of(results, 1).CriterionPoints[1]);
        Assert.Equal(30m, Of(results, 1).CriterionPoints[2]);
    }

    [Theory]
    [InlineData(33_000_000, 36_300_000)]
    [InlineData(1, 1)]
    [InlineData(9, 9)]
    [InlineData(10, 11)]
    [InlineData(19, 20)]
    public void ConsumptionTax_Include_AddsTenPercentRoundedDown(long excluded, long included) =>
        Assert.Equal(included, ConsumptionTax.Include(excluded));

    [Theory]
    [InlineData(36_300_000, 33_000_000)]
    [InlineData(11, 10)]
    [InlineData(21, 20)] // 19 → 20 and 20 → 22, so 21 tax included needs 20 tax excluded
    [InlineData(36_300_001, 33_000_001)]
    public void ConsumptionTax_Exclude_SmallestExcludedReachingIncluded(long included, long excluded) =>
        Assert.Equal(excluded, ConsumptionTax.Exclude(included));

    [Fact]
    public void ConsumptionTax_OnBasis_SameBasisUnchanged() =>
        Assert.Equal(123, ConsumptionTax.OnBasis(123, true, true));

    [Theory]
    [InlineData("%PDF-1.7\n...\n%%EOF\n", true)]
    [InlineData("%PDF-1.4 body %%EOF", true)]
    [InlineData("PK\u0003\u0004 not a pdf %%EOF", false)]
    [InlineData("%PDF-1.4 truncated without trailer", false)]
    [InlineData("", false)]
    public void PdfFiles_LooksLikePdf_ByHeaderAndTrailer(string content, bool expected) =>
        Assert.Equal(expected, PdfFiles.LooksLikePdf(System.Text.Encoding.Latin1.GetBytes(content)));
}
