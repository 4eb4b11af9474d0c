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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Contributions(ReadOnlySpan<float> f, Span<double> g)
    {
        g.Clear();
        if (f[F.RequiredCount] > 0)
            g[(int)FeatureGroup.RequiredSkills] = RequiredPoints(f[F.RequiredCoverage], YearsOfHeld(f[F.RequiredYears], f[F.RequiredCoverage]), f[F.RequiredMissing]);
        if (f[F.PreferredCount] > 0)
            g[(int)FeatureGroup.PreferredSkills] = PreferredPoints(f[F.PreferredCoverage], YearsOfHeld(f[F.PreferredYears], f[F.PreferredCoverage]));
        g[(int)FeatureGroup.Pay] = PayPoints(f[F.PayRatio]);
        g[(int)FeatureGroup.Availability] = AvailabilityPoints(f[F.AvailabilityGap]);
        g[(int)FeatureGroup.Onsite] = OnsitePoints(f[F.OnsiteDays], f[F.OnsiteOverMax], f[F.DistanceKm]);
        g[(int)FeatureGroup.PublicSector] = PublicSectorPoints(f[F.PublicSectorRequired] > 0, f[F.PublicSectorYears]);
        g[(int)FeatureGroup.Engagement] = EngagementPoints(f[F.EngagementAccepted] > 0);
        g[(int)FeatureGroup.Seniority] = SeniorityPoints(f[F.LeadershipRole] > 0, f[F.AdvisorRole] > 0, f[F.YearsExperience]);
        g[(int)FeatureGroup.Certifications] = CertificationPoints(f[F.RelevantCertifications]);
        g[(int)FeatureGroup.CertifiedCio] = CertifiedCioPoints(f[F.CertifiedCio] > 0, f[F.LeadershipRole] > 0, f[F.AdvisorRole] > 0);
        g[(int)FeatureGroup.TextSimilarity] = TextPoints(f[F.TextSimilarity]);
    }

    public IRowBound RowBound(OpeningContext ctx) => new RuleRowBound(ctx);

    /// <summary>
    /// A score no candidate with a given row can exceed, from the row alone (no skill years, no text): every term as
    /// <see cref="Contributions"/> computes it from the same float features, except skill years taken at their best
    /// (10+) and text similarity at its best (1, widened a little for rounding). Each term is non-decreasing in what is
    /// replaced, so the bound is never below the score (up to the rounding of a sum in another order, which callers
    /// allow for). The terms that take few values are tabled once per opening.
    /// </summary>
    private sealed class RuleRowBound : IRowBound
    {
        private readonly OpeningContext _ctx;
        private readonly double[] _required, _preferred, _certifications, _travel;
        private readonly double _constant, _certifiedCio, _engagementMissing;
        private readonly float _onsiteDays;

        public RuleRowBound(OpeningContext ctx)
        {
            _ctx = ctx;
            var req = ctx.Required.Length;
            _required = new double[req + 1];
            for (var have = 0; have <= req && req > 0; have++) _required[have] = RequiredPoints((float)have / req, 10, req - have);
            var pref = ctx.Preferred.Length;
            _preferred = new double[pref + 1];
            for (var have = 0; have <= pref && pref > 0; have++) _preferred[have] = PreferredPoints((float)have / pref, 10);
            _certifications = new double[33];
            for (var k = 0; k <= 32; k++) _certifications[k] = CertificationPoints(k);
            _onsiteDays = (float)ctx.Opening.OnsiteDaysPerMonth;
            // Travel by home prefecture (slot 0: unknown home, 0 km).
            _travel = new double[48];
            if (_onsiteDays > 0)
                for (var p = -1; p < 47; p++) _travel[p + 1] = TravelPoints(_onsiteDays, p >= 0 ? ctx.DistanceFromOpening[p] : 0);
            _engagementMissing = EngagementPoints(false);
            _certifiedCio = CertifiedCioPoints(true, ctx.Leadership, ctx.Advisor);
            _constant = TextPoints(BestTextSimilarity);
        }

        // Hot from the first request (the scan calls it once per expert): optimised at once, not tiered up later.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public double Of(in ExpertIndex.Row r)
        {
            var ctx = _ctx;
            var s = _required[System.Numerics.BitOperations.PopCount(r.SkillMask & ctx.RequiredMask)]
                + _preferred[System.Numerics.BitOperations.PopCount(r.SkillMask & ctx.PreferredMask)]
                + PayPoints(ctx.PayRatio(r))
                + AvailabilityPoints(ctx.AvailabilityGap(r))
                + _travel[r.Prefecture + 1];
            if (_onsiteDays > 0) s += OnsiteLimitPoints(ctx.OnsiteOverMax(r));
            s += PublicSectorPoints(ctx.Opening.PublicSectorExperienceRequired, r.PublicYears)
                + ((r.Engagement & ctx.EngagementBit) != 0 ? 0 : _engagementMissing)
                + SeniorityPoints(ctx.Leadership, ctx.Advisor, r.YearsExp)
                + _certifications[System.Numerics.BitOperations.PopCount(r.CertMask & ctx.RelevantCertMask)]
                + (r.Certified ? _certifiedCio : 0);
            return s + _constant;
        }
    }

    // Cosine similarity of non-negative unit vectors is at most 1; a hair more for float rounding.
    private const float BestTextSimilarity = 1.001f;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double Clamp(double v, double lo, double hi) => Math.Min(hi, Math.Max(lo, v));

    // One function per term, shared by the score and its bound; inlined into both (the scan calls the bound per expert).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double YearsOfHeld(float yearsPerSkill, float coverage) => coverage > 0 ? yearsPerSkill / coverage : 0;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double RequiredPoints(float coverage, double yearsOfHeld, float missing) =>
        4.0 * coverage * (0.6 + 0.4 * Math.Min(yearsOfHeld, 10) / 10) - 1.0 * missing;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double PreferredPoints(float coverage, double yearsOfHeld) => 1.5 * coverage * (0.6 + 0.4 * Math.Min(yearsOfHeld, 10) / 10);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double PayPoints(float ratio) => ratio >= 1 ? 0.5 * Math.Min(ratio - 1, 0.5) / 0.5 : -5.0 * (1 - ratio);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double AvailabilityPoints(float gap) => gap < 0 ? 1.0 * gap : 0;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double OnsitePoints(float onsiteDays, float overMax, float km) =>
        onsiteDays > 0 ? OnsiteLimitPoints(overMax) + TravelPoints(onsiteDays, km) : 0;

    // The two parts of the on-site term (both apply only when the opening asks for on-site days).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double OnsiteLimitPoints(float overMax) => -Math.Min(3, 0.75 * Math.Max(0, overMax));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double TravelPoints(float onsiteDays, float km) => -0.25 * onsiteDays * Math.Min(km, 1500) / 500;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double PublicSectorPoints(bool required, float years) =>
        required ? years <= 0 ? -2.0 : 0.5 + 1.0 * Math.Min(years, 10) / 10 : 0.5 * Math.Min(years, 10) / 10;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double EngagementPoints(bool accepted) => accepted ? 0 : -2.5;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double SeniorityPoints(bool leadership, bool advisor, float years) =>
        leadership ? 1.5 * Clamp((years - 12) / 8.0, -1, 1) : advisor ? 0.5 * Clamp((years - 8) / 8.0, -1, 1) : 0;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double CertificationPoints(float relevant) => 0.4 * Math.Min(relevant, 3);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double CertifiedCioPoints(bool certified, bool leadership, bool advisor) =>
        certified ? leadership || advisor ? 0.7 : 0.3 : 0;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double TextPoints(float similarity) => 2.0 * similarity;
}
