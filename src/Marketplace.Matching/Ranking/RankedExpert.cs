using Marketplace.Matching.Reasons;

namespace Marketplace.Matching.Ranking;

/// <summary>An expert proposed for an opening, with the main reasons.</summary>
public sealed record RankedExpert(string ExpertId, double Score, IReadOnlyList<MatchReason> Reasons);
