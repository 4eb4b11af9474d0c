using Marketplace.Matching.Features;
using Marketplace.Matching.Text;
using F = Marketplace.Matching.Features.MatchFeatures;

namespace Marketplace.Matching.Ranking;

/// <summary>
/// The transparent cold-start ranker: a sum of points over the same features the model uses, each term
/// being one of the things that make a good match (domain.md). Used while there are too few outcomes to train on.
/// <list type="bullet">
/// <item>Required skills: up to +4 for full coverage (each covered skill counts 0.6, plus up to 0.4 for 10+ years), −1 per missing skill.</item>
/// <item>Preferred skills: up to +1.5 by coverage, weighted by years the same way.</item>
/// <item>Pay (ComparablePay day rate vs desired day rate): up to +0.5 when it pays more (saturating at +50%), −5 × the shortfall when it pays less.</item>
/// <item>Availability: −1 per day a week missing.</item>
/// <item>On-site load: −0.75 per on-site day above the expert's limit (at most −3), and −0.25 × days × km/500 (km capped at 1,500) for travel.</item>
/// <item>Public sector: −2 without experience when required; otherwise up to +0.5 (+1.5 when required) for 10+ years.</item>
/// <item>Engagement form not accepted: −2.5.</item>
/// <item>Seniority: CIO/deputy CIO/CDO roles ±1.5 around 12 years (full at 20, floor at 4); advisor roles ±0.5 around 8 years.</item>
/// <item>Relevant certifications: +0.4 each (at most 3). Certified CIO: +0.7 for leadership and advisor roles, +0.3 otherwise.</item>
/// <item>Self-introduction similar to the opening text: +2 × cosine similarity.</item>
/// </list>
/// </summary>
public sealed class RuleBasedRanker : MatchRankerBase
{
    private readonly TextIdf? _idf;

    /// <param name="idf">Text weights for new indexes; null learns them from the indexed self-introductions.</param>
    public RuleBasedRanker(TextIdf? idf = null) => _idf = idf;

    internal override IPairScorer Scorer { get; } = new RuleScorer();
    internal override TextIdf? Idf => _idf;
    public override string Kind => "rules";
    public override string Description => "rules v1: transparent points for skills, pay, availability, on-site load, public sector, engagement, seniority, certifications, text";

    /// <summary>Points of one feature vector (the sum of the terms).</summary>
    public static double Points(ReadOnlySpan<float> f) => new RuleScorer().Score(f);
}

internal sealed class RuleScorer : IPairScorer
{
    private static readonly int GroupCount = Enum.GetValues<FeatureGroup>().Length;

    public double Score(ReadOnlySpan<float> f)
    {
        Span<double> g = stackalloc double[GroupCount];
        Contributions(f, g);
        double s = 0;
        foreach (var v in g) s += v;
        return s;
    }

    public bool TryScoreAbove(ReadOnlySpan<float> f, double threshold, out double score)
    {
        score = Score(f);
        return score >= threshold;
    }

    public void Contributions(ReadOnlySpan<float> f, Span<double> g)
    {
        g.Clear();
        static double Clamp(double v, double lo, double hi) => Math.Min(hi, Math.Max(lo, v));

        var req = f[F.RequiredCount];
        if (req > 0)
        {
            var cov = f[F.RequiredCoverage];
            var yearsOfHeld = cov > 0 ? f[F.RequiredYears] / cov : 0;
            g[(int)FeatureGroup.RequiredSkills] = 4.0 * cov * (0.6 + 0.4 * Math.Min(yearsOfHeld, 10) / 10) - 1.0 * f[F.RequiredMissing];
        }
        if (f[F.PreferredCount] > 0)
        {
            var cov = f[F.PreferredCoverage];
            var yearsOfHeld = cov > 0 ? f[F.PreferredYears] / cov : 0;
            g[(int)FeatureGroup.PreferredSkills] = 1.5 * cov * (0.6 + 0.4 * Math.Min(yearsOfHeld, 10) / 10);
        }
        var r = f[F.PayRatio];
        g[(int)FeatureGroup.Pay] = r >= 1 ? 0.5 * Math.Min(r - 1, 0.5) / 0.5 : -5.0 * (1 - r);
        var gap = f[F.AvailabilityGap];
        g[(int)FeatureGroup.Availability] = gap < 0 ? 1.0 * gap : 0;
        var onsite = f[F.OnsiteDays];
        if (onsite > 0)
        {
            var over = Math.Max(0, f[F.OnsiteOverMax]);
            g[(int)FeatureGroup.Onsite] = -Math.Min(3, 0.75 * over) - 0.25 * onsite * Math.Min(f[F.DistanceKm], 1500) / 500;
        }
        var pub = f[F.PublicSectorYears];
        if (f[F.PublicSectorRequired] > 0)
            g[(int)FeatureGroup.PublicSector] = pub <= 0 ? -2.0 : 0.5 + 1.0 * Math.Min(pub, 10) / 10;
        else
            g[(int)FeatureGroup.PublicSector] = 0.5 * Math.Min(pub, 10) / 10;
        g[(int)FeatureGroup.Engagement] = f[F.EngagementAccepted] > 0 ? 0 : -2.5;
        var years = f[F.YearsExperience];
        if (f[F.LeadershipRole] > 0) g[(int)FeatureGroup.Seniority] = 1.5 * Clamp((years - 12) / 8.0, -1, 1);
        else if (f[F.AdvisorRole] > 0) g[(int)FeatureGroup.Seniority] = 0.5 * Clamp((years - 8) / 8.0, -1, 1);
        g[(int)FeatureGroup.Certifications] = 0.4 * Math.Min(f[F.RelevantCertifications], 3);
        if (f[F.CertifiedCio] > 0)
            g[(int)FeatureGroup.CertifiedCio] = f[F.LeadershipRole] > 0 || f[F.AdvisorRole] > 0 ? 0.7 : 0.3;
        g[(int)FeatureGroup.TextSimilarity] = 2.0 * f[F.TextSimilarity];
    }
}
