using System.Runtime.CompilerServices;
using Marketplace.Matching.Geo;
using Marketplace.Matching.Pay;
using Marketplace.Matching.Text;

namespace Marketplace.Matching.Features;

/// <summary>Everything about one opening that feature computation needs, computed once per query.</summary>
internal sealed class OpeningContext : IDisposable
{
    public readonly OpeningRecord Opening;
    public readonly int[] Required;
    public readonly int[] Preferred;
    public readonly ulong RequiredMask, PreferredMask;
    public readonly uint RelevantCertMask;
    public readonly float DayRate;
    public readonly float[] DistanceFromOpening = new float[47];
    public readonly int PrefectureIndex;
    public readonly byte EngagementBit;
    public readonly bool Leadership, Advisor;
    public readonly float EngagementCode, RoleCode;
    private float[]? _query;

    public OpeningContext(OpeningRecord opening, TextIdf idf)
    {
        Opening = opening;
        Required = opening.RequiredSkills.Select(MatchingTaxonomy.SkillIndex).Where(i => i >= 0).Distinct().ToArray();
        Preferred = opening.PreferredSkills.Select(MatchingTaxonomy.SkillIndex).Where(i => i >= 0 && !Required.Contains(i)).Distinct().ToArray();
        foreach (var s in Required) RequiredMask |= 1UL << s;
        foreach (var s in Preferred) PreferredMask |= 1UL << s;
        var wanted = opening.RequiredSkills.Concat(opening.PreferredSkills).ToHashSet();
        for (var c = 0; c < MatchingTaxonomy.Certifications.Count && c < 32; c++)
            if (MatchingTaxonomy.SkillsAttestedBy(MatchingTaxonomy.Certifications[c].Code).Any(wanted.Contains)) RelevantCertMask |= 1u << c;
        DayRate = OfferedDayRate(opening);
        PrefectureIndex = Prefectures.IndexOf(opening.PrefectureCode);
        for (var p = 0; p < 47; p++) DistanceFromOpening[p] = Prefectures.DistanceKm(PrefectureIndex, p);
        EngagementBit = ExpertIndex.EngagementBit(opening.Engagement);
        Leadership = MatchingTaxonomy.IsLeadershipRole(opening.Role);
        Advisor = MatchingTaxonomy.IsAdvisorRole(opening.Role);
        EngagementCode = CodePosition(MatchingTaxonomy.Engagements, opening.Engagement);
        RoleCode = CodePosition(MatchingTaxonomy.Roles, opening.Role);
        _query = idf.DenseQuery(QueryText(opening));
    }

    private static float CodePosition(IReadOnlyList<TaxonomyEntry> list, string code)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i].Code == code) return i;
        return -1;
    }

    /// <summary>Day rate the opening pays, by the web app's normalisation (<see cref="ComparablePay"/>).</summary>
    public static float OfferedDayRate(OpeningRecord o)
    {
        var unit = o.PayUnit switch
        {
            "year" => PostedPayUnit.Year,
            "month" => PostedPayUnit.Month,
            "day" => PostedPayUnit.Day,
            "hour" => PostedPayUnit.Hour,
            "contract_total" => PostedPayUnit.ContractTotal,
            _ => throw new ArgumentException($"Unknown pay unit '{o.PayUnit}'.", nameof(o)),
        };
        var days = Math.Clamp(o.DaysPerWeek, 0.1, 5);
        return ComparablePay.Compute(new PostedPay(Math.Max(0, o.PayYen), unit, days, Math.Max(1, o.TermMonths), o.PayTaxIncluded)).DayRateYen;
    }

    /// <summary>What the self-introduction is compared with: title, description and the skill labels.</summary>
    public static string QueryText(OpeningRecord o) =>
        o.Title + "\n" + o.Description + "\n" + string.Join(" ", o.RequiredSkills.Concat(o.PreferredSkills).Select(s => MatchingTaxonomy.LabelOf(s, "ja")));

    public ReadOnlySpan<float> Query => _query ?? throw new ObjectDisposedException(nameof(OpeningContext));

    /// <summary>Hard constraints: true when the expert must not be proposed at all.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Excluded(ExpertIndex index, int e) => Opening.CertifiedCioOnly && !index.Certified[e];

    /// <summary>Computes the <see cref="MatchFeatures"/> of (this opening, expert <paramref name="e"/>).</summary>
    public void Compute(ExpertIndex x, int e, Span<float> f)
    {
        ComputeWithoutText(x, e, f);
        f[MatchFeatures.TextSimilarity] = TextSimilarity(x, e);
    }

    /// <summary>
    /// Every feature but <see cref="MatchFeatures.TextSimilarity"/>, which costs the most (the self-introduction's grams
    /// are read from memory): ranking asks for it only when the other features leave the candidate a chance.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ComputeWithoutText(ExpertIndex x, int e, Span<float> f)
    {
        var o = Opening;
        ref readonly var r = ref x.Rows[e];
        var slots = x.SkillYears.AsSpan(e * ExpertIndex.SkillSlots, ExpertIndex.SkillSlots);

        int have = 0; float yearsSum = 0, minYears = float.MaxValue, fit = 0;
        foreach (var s in Required)
        {
            var y = slots[s] - 1;
            if (y >= 0) { have++; var c = Math.Min(y, 20); yearsSum += c; if (c < minYears) minYears = c; fit += FitOf(y); }
            else { minYears = 0; fit -= 1; }
        }
        var req = Required.Length;
        f[MatchFeatures.RequiredCount] = req;
        f[MatchFeatures.RequiredCoverage] = req == 0 ? 1 : (float)have / req;
        f[MatchFeatures.RequiredMissing] = req - have;
        f[MatchFeatures.RequiredYears] = req == 0 ? 0 : yearsSum / req;
        f[MatchFeatures.RequiredMinYears] = req == 0 ? 0 : minYears;
        f[MatchFeatures.RequiredFit] = req == 0 ? 0 : fit / req;

        int pHave = 0; float pYears = 0;
        foreach (var s in Preferred)
        {
            var y = slots[s] - 1;
            if (y >= 0) { pHave++; pYears += Math.Min(y, 20); }
        }
        var pref = Preferred.Length;
        f[MatchFeatures.PreferredCount] = pref;
        f[MatchFeatures.PreferredCoverage] = pref == 0 ? 0 : (float)pHave / pref;
        f[MatchFeatures.PreferredYears] = pref == 0 ? 0 : pYears / pref;

        f[MatchFeatures.PayRatio] = PayRatio(r);
        f[MatchFeatures.OfferedDayRate] = DayRate / 10000f;

        f[MatchFeatures.AvailabilityGap] = AvailabilityGap(r);
        f[MatchFeatures.DaysPerWeek] = (float)o.DaysPerWeek;

        var km = DistanceKm(r);
        var onsite = (float)o.OnsiteDaysPerMonth;
        f[MatchFeatures.DistanceKm] = km;
        f[MatchFeatures.OnsiteDays] = onsite;
        f[MatchFeatures.OnsiteOverMax] = OnsiteOverMax(r);
        f[MatchFeatures.TravelLoad] = onsite * km / 100f;

        f[MatchFeatures.PublicSectorYears] = r.PublicYears;
        f[MatchFeatures.PublicSectorRequired] = o.PublicSectorExperienceRequired ? 1 : 0;
        f[MatchFeatures.EngagementAccepted] = (r.Engagement & EngagementBit) != 0 ? 1 : 0;
        f[MatchFeatures.LeadershipRole] = Leadership ? 1 : 0;
        f[MatchFeatures.AdvisorRole] = Advisor ? 1 : 0;
        f[MatchFeatures.YearsExperience] = r.YearsExp;
        f[MatchFeatures.RelevantCertifications] = System.Numerics.BitOperations.PopCount(r.CertMask & RelevantCertMask);
        f[MatchFeatures.CertificationCount] = r.CertCount;
        f[MatchFeatures.CertifiedCio] = r.Certified ? 1 : 0;
        f[MatchFeatures.CertifiedCioOnly] = o.CertifiedCioOnly ? 1 : 0;

        f[MatchFeatures.SkillCount] = r.SkillCount;
        f[MatchFeatures.RequiredHeld] = have;
        f[MatchFeatures.PreferredHeld] = pHave;

        f[MatchFeatures.DesiredDayRate] = r.DesiredRate / 10000f;
        f[MatchFeatures.AvailableDays] = r.Available;
        f[MatchFeatures.MaxOnsiteDays] = r.MaxOnsite;
        f[MatchFeatures.TermMonths] = o.TermMonths;
        f[MatchFeatures.EngagementCode] = EngagementCode;
        f[MatchFeatures.RoleCode] = RoleCode;
    }

    /// <summary>What one held required skill adds to <see cref="MatchFeatures.RequiredFit"/>: in [0, 1], saturating at 15 years.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FitOf(int years) => MathF.Sqrt(Math.Min(years, 15) / 15f);

    // The per-expert features the partitions also bin (PartitionScheme.Of): one formula each, so that a candidate's
    // bin and its feature value are the same float.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float PayRatio(in ExpertIndex.Row r) => r.DesiredRate <= 0 ? 3 : Math.Min(3, DayRate / r.DesiredRate);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float AvailabilityGap(in ExpertIndex.Row r) => r.Available - (float)Opening.DaysPerWeek;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float DistanceKm(in ExpertIndex.Row r) => r.Prefecture >= 0 ? DistanceFromOpening[r.Prefecture] : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float OnsiteOverMax(in ExpertIndex.Row r) => (float)Opening.OnsiteDaysPerMonth - r.MaxOnsite;

    /// <summary>Cosine similarity of the opening's and expert <paramref name="e"/>'s text vectors (both L2-normalised, non-negative).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float TextSimilarity(ExpertIndex x, int e)
    {
        var (start, end) = x.TextRange(e);
        var q = Query;
        float dot = 0;
        var ids = x.TextIds;
        var w = x.TextWeights;
        for (var k = start; k < end; k++) dot += w[k] * q[ids[k]];
        return dot;
    }

    public void Dispose()
    {
        if (_query is { } q) TextIdf.ReturnDense(q);
        _query = null;
    }
}
