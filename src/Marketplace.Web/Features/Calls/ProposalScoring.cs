namespace Marketplace.Web.Features.Calls;

public sealed record ScoringRules(int ScoreScale, int PriceWeight, PriceFormula Formula, long CeilingYen, IReadOnlyList<CriterionWeight> Criteria);

public sealed record CriterionWeight(int CriterionId, int Weight);

public sealed record PricedProposal(int ProposalId, long PriceYen);

public sealed record MemberScore(int MemberId, int ProposalId, int CriterionId, int Score);

public sealed record ProposalResult(
    int ProposalId,
    IReadOnlyDictionary<int, decimal> CriterionPoints,
    IReadOnlyDictionary<int, decimal> MemberTechnical,
    decimal Technical,
    decimal PriceScore,
    decimal Total,
    int Rank,
    bool Tied);

/// <summary>
/// Weighted totals of a scored evaluation, as the call's rules say:
/// a criterion earns 配点 × score ÷ scale from each member and the members' figures are averaged;
/// the price score is 配点 × 最低提案価格 ÷ 提案価格 (<see cref="PriceFormula.LowestRatio"/>) or
/// 配点 × (1 − 提案価格 ÷ 上限額) (<see cref="PriceFormula.CeilingDiscount"/>).
/// Figures are rounded half up to two decimals (小数点以下第3位を四捨五入) once, at the end; proposals are
/// ranked on the rounded total, a tie broken by the higher technical score, and a tie that remains
/// shares the rank and is flagged for the committee to settle.
/// </summary>
public static class ProposalScoring
{
    public static IReadOnlyList<ProposalResult> Compute(ScoringRules rules, IReadOnlyList<PricedProposal> proposals, IReadOnlyList<MemberScore> scores)
    {
        if (rules.ScoreScale <= 0) throw new ArgumentOutOfRangeException(nameof(rules), "The score scale must be positive.");
        if (proposals.Count == 0) return [];
        var lowest = proposals.Min(p => p.PriceYen);
        var members = scores.Select(s => s.MemberId).Distinct().ToList();
        var byKey = scores.ToDictionary(s => (s.MemberId, s.ProposalId, s.CriterionId), s => s.Score);

        var rows = proposals.Select(p =>
        {
            var criterionPoints = new Dictionary<int, decimal>();
            foreach (var c in rules.Criteria)
            {
                // A member who has not scored this yet is left out of the average rather than counted as zero.
                var given = members.Where(m => byKey.ContainsKey((m, p.ProposalId, c.CriterionId)))
                    .Select(m => Points(c.Weight, byKey[(m, p.ProposalId, c.CriterionId)], rules.ScoreScale)).ToList();
                criterionPoints[c.CriterionId] = given.Count == 0 ? 0 : given.Sum() / given.Count;
            }
            var memberTechnical = members.ToDictionary(m => m, m => Round(rules.Criteria
                .Where(c => byKey.ContainsKey((m, p.ProposalId, c.CriterionId)))
                .Sum(c => Points(c.Weight, byKey[(m, p.ProposalId, c.CriterionId)], rules.ScoreScale))));
            var technical = criterionPoints.Values.Sum();
            var price = PriceScore(rules, p.PriceYen, lowest);
            return new
            {
                p.ProposalId,
                Criteria = criterionPoints.ToDictionary(kv => kv.Key, kv => Round(kv.Value)),
                Members = memberTechnical,
                Technical = Round(technical),
                Price = Round(price),
                // The total is the sum of the two figures as published, so a reader can add them up.
                Total = Round(Round(technical) + Round(price)),
            };
        }).ToList();

        var ordered = rows.OrderByDescending(r => r.Total).ThenByDescending(r => r.Technical).ToList();
        return ordered.Select(r =>
        {
            var rank = 1 + ordered.Count(o => o.Total > r.Total || o.Total == r.Total && o.Technical > r.Technical);
            var tied = ordered.Count(o => o.Total == r.Total && o.Technical == r.Technical) > 1;
            return new ProposalResult(r.ProposalId, r.Criteria, r.Members, r.Technical, r.Price, r.Total, rank, tied);
        }).ToList();
    }

    public static decimal PriceScore(ScoringRules rules, long price, long lowest)
    {
        if (price <= 0) throw new ArgumentOutOfRangeException(nameof(price), "A proposal price must be positive.");
        return rules.Formula switch
        {
            PriceFormula.LowestRatio => rules.PriceWeight * (decimal)lowest / price,
            PriceFormula.CeilingDiscount => Math.Max(0, rules.PriceWeight * (1 - (decimal)price / rules.CeilingYen)),
            _ => throw new ArgumentOutOfRangeException(nameof(rules), rules.Formula, "Unknown price formula."),
        };
    }

    /// <summary>The highest total the rules allow: every criterion's weight plus the price weight.</summary>
    public static int MaxTotal(ScoringRules rules) => rules.Criteria.Sum(c => c.Weight) + rules.PriceWeight;

    private static decimal Points(int weight, int score, int scale) => (decimal)weight * score / scale;

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Consumption tax at the current 10% rate. Tax on a tax-excluded amount is rounded down (端数切捨て);
/// a tax-included amount converts to the smallest tax-excluded amount whose tax-included figure reaches it,
/// so a price converted for a ceiling check is never made to look cheaper than it is.
/// </summary>
public static class ConsumptionTax
{
    public const int RatePercent = 10;

    public static long Include(long excluded) => excluded + excluded * RatePercent / 100;

    public static long Exclude(long included)
    {
        var guess = included * 100 / (100 + RatePercent);
        while (Include(guess) < included) guess++;
        while (guess > 0 && Include(guess - 1) >= included) guess--;
        return guess;
    }

    /// <summary>An amount restated on the wanted basis.</summary>
    public static long OnBasis(long amount, bool amountIncludesTax, bool wantIncluded) =>
        amountIncludesTax == wantIncluded ? amount : wantIncluded ? Include(amount) : Exclude(amount);
}
