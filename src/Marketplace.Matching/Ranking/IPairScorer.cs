using Marketplace.Matching.Features;

namespace Marketplace.Matching.Ranking;

/// <summary>Scores feature vectors; the part that differs between the model and the rules.</summary>
internal interface IPairScorer
{
    double Score(ReadOnlySpan<float> features);

    /// <summary>False when the score is certainly below <paramref name="threshold"/> (the scorer may stop early).</summary>
    bool TryScoreAbove(ReadOnlySpan<float> features, double threshold, out double score);

    /// <summary>
    /// For a full scan: a bound on the score from an expert's row alone, so that most experts are skipped without
    /// computing their features; null when the scorer has none.
    /// </summary>
    IRowBound? RowBound(OpeningContext ctx) => null;

    /// <summary>Contribution of each <see cref="FeatureGroup"/> (indexed by the enum value) to the score.</summary>
    void Contributions(ReadOnlySpan<float> features, Span<double> byGroup);
}

/// <summary>A score no expert with a given row can exceed, for one opening.</summary>
internal interface IRowBound
{
    double Of(in ExpertIndex.Row row);
}
