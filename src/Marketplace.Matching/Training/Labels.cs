namespace Marketplace.Matching.Training;

/// <summary>
/// Relevance levels for learning to rank, from the furthest stage an application reached. LightGBM's lambdarank
/// uses the gain 2^level − 1 for each level (0, 1, 3, 7, 15), and the evaluation uses the same gains.
/// <list type="table">
/// <item><term>hired 4</term><description>the best outcome.</description></item>
/// <item><term>offered 3</term><description>the government chose the expert (still open).</description></item>
/// <item><term>declined 2</term><description>the government made an offer, so the profile fitted, but the expert turned it down: a weaker match than an accepted offer, as good as an interview.</description></item>
/// <item><term>interviewed 2</term><description>passed screening.</description></item>
/// <item><term>applied 1</term><description>interested, no decision yet.</description></item>
/// <item><term>withdrawn 1</term><description>the expert showed interest, then withdrew: as good as an application without a decision.</description></item>
/// <item><term>screened_out 0</term><description>the government judged the profile not to fit.</description></item>
/// <item><term>no application 0</term><description>non-applicants sampled as negatives.</description></item>
/// </list>
/// </summary>
internal static class StageLabels
{
    public const int MaxLevel = 4;

    /// <summary>Level given to sampled non-applicants.</summary>
    public const int NonApplicant = 0;

    /// <summary>Outcomes at or above this level count as positive for the cold-start rule (interviewed or better).</summary>
    public const int PositiveLevel = 2;

    public static int Relevance(string stage) => stage switch
    {
        "hired" => 4,
        "offered" => 3,
        "declined" => 2,
        "interviewed" => 2,
        "applied" => 1,
        "withdrawn" => 1,
        "screened_out" => 0,
        _ => 0,
    };

    /// <summary>Gain of a level: 2^level − 1.</summary>
    public static double Gain(int level) => (1 << level) - 1;

    /// <summary>The gains passed to LightGBM (label_gain).</summary>
    internal static int[] LightGbmGains => Enumerable.Range(0, MaxLevel + 1).Select(l => (int)Gain(l)).ToArray();
}

/// <summary>Whether there is enough history to train a model, and why (shown by the app and the CLI).</summary>
/// <param name="UseModel">True when a model can be trained; otherwise the rule-based ranker ranks.</param>
public sealed record ColdStartDecision(bool UseModel, int OpeningsWithOutcomes, int Outcomes, int PositiveOutcomes, string ReasonJa, string ReasonEn)
{
    public string Reason(string language) => language.StartsWith("ja", StringComparison.OrdinalIgnoreCase) ? ReasonJa : ReasonEn;
}

/// <summary>
/// The minimum-data rule for cold start: a model is trained only with at least <see cref="MinimumOpeningsWithOutcomes"/>
/// openings that have outcomes and <see cref="MinimumPositiveOutcomes"/> outcomes that reached an interview or better.
/// Below that, the transparent rule-based ranker is used.
/// </summary>
public sealed record ColdStartRule(int MinimumOpeningsWithOutcomes = 30, int MinimumPositiveOutcomes = 50)
{
    public static ColdStartRule Default { get; } = new();

    public ColdStartDecision Evaluate(MatchingData data)
    {
        var openingIds = data.Openings.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var expertIds = data.Experts.Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        var usable = data.Outcomes.Where(r => openingIds.Contains(r.OpeningId) && expertIds.Contains(r.ExpertId)).ToList();
        var openings = usable.Select(r => r.OpeningId).Distinct().Count();
        var positive = usable.Count(r => StageLabels.Relevance(r.Stage) >= StageLabels.PositiveLevel);
        var ok = openings >= MinimumOpeningsWithOutcomes && positive >= MinimumPositiveOutcomes;
        return ok
            ? new(true, openings, usable.Count, positive,
                $"応募実績 {openings}件の募集・面接以上 {positive}件（基準 {MinimumOpeningsWithOutcomes}件・{MinimumPositiveOutcomes}件以上）により学習モデルを使用",
                $"{openings} openings with outcomes and {positive} outcomes at interview or better (minimum {MinimumOpeningsWithOutcomes} and {MinimumPositiveOutcomes}): the learned model ranks")
            : new(false, openings, usable.Count, positive,
                $"応募実績が不足（募集 {openings}/{MinimumOpeningsWithOutcomes}件、面接以上 {positive}/{MinimumPositiveOutcomes}件）のため、ルールに基づく評価で順位付け",
                $"Too few outcomes ({openings}/{MinimumOpeningsWithOutcomes} openings, {positive}/{MinimumPositiveOutcomes} at interview or better): the rule-based scorer ranks");
    }
}
