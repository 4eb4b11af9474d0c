using Marketplace.Matching.Reasons;

namespace Marketplace.Matching.Ranking;

/// <summary>An opening proposed to an expert, with the main reasons.</summary>
public sealed record RankedOpening(string OpeningId, double Score, IReadOnlyList<MatchReason> Reasons);
