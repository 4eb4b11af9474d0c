using Marketplace.Matching.Features;

namespace Marketplace.Matching.Ranking;

/// <summary>
/// Proposes experts for openings and openings for experts. Hard constraints (certified-CIO-only openings,
/// conflicts of interest) exclude candidates before any scoring. Implementations are thread-safe.
/// </summary>
public interface IMatchRanker
{
    /// <summary>"model" (the learned ranker) or "rules" (the transparent cold-start scorer).</summary>
    string Kind { get; }

    /// <summary>Version and a one-line description, for the app and the CLI to say which ranker is in use.</summary>
    string Description { get; }

    /// <summary>Builds the precomputed expert vectors with this ranker's text weights.</summary>
    ExpertIndex BuildIndex(IReadOnlyList<ExpertRecord> experts);

    /// <summary>The best <paramref name="top"/> experts of <paramref name="index"/> for an opening, best first (hidden profiles left out).</summary>
    IReadOnlyList<RankedExpert> RankExperts(OpeningRecord opening, ExpertIndex index, int top);

    /// <summary>Like <see cref="RankExperts(OpeningRecord, ExpertIndex, int)"/>, with a <paramref name="filter"/> on who may be proposed.</summary>
    IReadOnlyList<RankedExpert> RankExperts(OpeningRecord opening, ExpertIndex index, int top, ExpertFilter? filter);

    /// <summary>
    /// <see cref="RankExperts(OpeningRecord, ExpertIndex, int)"/> for each of <paramref name="openings"/>, for batch work:
    /// whole openings run side by side, one per core. <paramref name="ranked"/> is told each opening's position as it is
    /// done (from any thread, in any order); the results are in the openings' order.
    /// </summary>
    IReadOnlyList<RankedExpert>[] RankExpertsForAll(IReadOnlyList<OpeningRecord> openings, ExpertIndex index, int top, Action<int>? ranked = null);

    /// <summary>The best <paramref name="top"/> openings for an expert, best first.</summary>
    IReadOnlyList<RankedOpening> RankOpenings(ExpertRecord expert, IReadOnlyList<OpeningRecord> openings, int top);
}
