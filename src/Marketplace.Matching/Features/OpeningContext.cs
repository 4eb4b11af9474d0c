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
        _query = idf.DenseQuery(QueryText(opening));
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
    public void ComputeWithoutText(ExpertIndex x, int e, Span<float> f)
    {
        var o = Opening;
        ref readonly var r = ref x.Rows[e];
        var slots = x.SkillYears.AsSpan(e * ExpertIndex.SkillSlots, ExpertIndex.SkillSlots);

        int have = 0; float yearsSum = 0, minYears = float.MaxValue;
        foreach (var s in Required)
        {
            var y = slots[s] - 1;
            if (y >= 0) { have++; var c = Math.Min(y, 20); yearsSum += c; if (c < minYears) minYears = c; }
            else minYears = 0;
        }
        var req = Required.Length;
        f[MatchFeatures.RequiredCount] = req;
        f[MatchFeatures.RequiredCoverage] = req == 0 ? 1 : (float)have / req;
        f[MatchFeatures.RequiredMissing] = req - have;
        f[MatchFeatures.RequiredYears] = req == 0 ? 0 : yearsSum / req;
        f[MatchFeatures.RequiredMinYears] = req == 0 ? 0 : minYears;

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

        var desired = r.DesiredRate;
        f[MatchFeatures.PayRatio] = desired <= 0 ? 3 : Math.Min(3, DayRate / desired);
        f[MatchFeatures.OfferedDayRate] = DayRate / 10000f;

        f[MatchFeatures.AvailabilityGap] = r.Available - (float)o.DaysPerWeek;
        f[MatchFeatures.DaysPerWeek] = (float)o.DaysPerWeek;

        var p = r.Prefecture;
        var km = p >= 0 ? DistanceFromOpening[p] : 0;
        var onsite = (float)o.OnsiteDaysPerMonth;
        f[MatchFeatures.DistanceKm] = km;
        f[MatchFeatures.OnsiteDays] = onsite;
        f[MatchFeatures.OnsiteOverMax] = onsite - r.MaxOnsite;
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
    }

    /// <summary>Cosine similarity of the opening's and expert <paramref name="e"/>'s text vectors (both L2-normalised, non-negative).</summary>
    public float TextSimilarity(ExpertIndex x, int e)
    {
        ref readonly var r = ref x.Rows[e];
        var q = Query;
        float dot = 0;
        var ids = x.TextIds;
        var w = x.TextWeights;
        for (var k = r.TextStart; k < r.TextEnd; k++) dot += w[k] * q[ids[k]];
        return dot;
    }

    /// <summary>Number of partitions <see cref="PartitionOf"/> can return.</summary>
    public int PartitionCount => (Required.Length + 1) * 72;

    /// <summary>
    /// A cheap partition of candidates by facts that bound the score: required skills held, engagement accepted,
    /// availability, on-site limit, distance band (same prefecture, under 300 km, farther) and pay band
    /// (under 85 %, under 100 %, at least the desired day rate). Uses the same float values as <see cref="Compute"/>.
    /// </summary>
    public int PartitionOf(ExpertIndex x, int e)
    {
        ref readonly var r = ref x.Rows[e];
        var held = System.Numerics.BitOperations.PopCount(r.SkillMask & RequiredMask);
        var eng = (r.Engagement & EngagementBit) != 0 ? 1 : 0;
        var avail = r.Available - (float)Opening.DaysPerWeek >= 0 ? 1 : 0;
        var onsite = (float)Opening.OnsiteDaysPerMonth - r.MaxOnsite <= 0 ? 1 : 0;
        var p = r.Prefecture;
        var km = p >= 0 ? DistanceFromOpening[p] : 0;
        var dist = km <= 0 ? 0 : km < 300 ? 1 : 2;
        var desired = r.DesiredRate;
        var ratio = desired <= 0 ? 3 : Math.Min(3, DayRate / desired);
        var pay = ratio < 0.85f ? 0 : ratio < 1f ? 1 : 2;
        return ((((held * 2 + eng) * 2 + avail) * 2 + onsite) * 3 + dist) * 3 + pay;
    }

    /// <summary>
    /// Sub-partitions of a partition: public-sector years (0, 1–4, 5+) × years of experience (under 10, 10–19, 20+)
    /// × preferred skills held (0, 1, 2+) × holds a relevant certification.
    /// </summary>
    public const int SubPartitions = 54;

    public int SubPartitionOf(ExpertIndex x, int e)
    {
        ref readonly var r = ref x.Rows[e];
        var pub = r.PublicYears;
        var years = r.YearsExp;
        var pref = Math.Min(2, System.Numerics.BitOperations.PopCount(r.SkillMask & PreferredMask));
        var cert = (r.CertMask & RelevantCertMask) != 0 ? 1 : 0;
        return (((pub <= 0 ? 0 : pub < 5 ? 1 : 2) * 3 + (years < 10 ? 0 : years < 20 ? 1 : 2)) * 3 + pref) * 2 + cert;
    }

    /// <summary>The features <see cref="SubPartitionBox"/> narrows (bit i = feature i).</summary>
    public const ulong SubPartitionFeatures =
        1UL << MatchFeatures.PublicSectorYears | 1UL << MatchFeatures.YearsExperience | 1UL << MatchFeatures.PreferredHeld
        | 1UL << MatchFeatures.PreferredCoverage | 1UL << MatchFeatures.PreferredYears | 1UL << MatchFeatures.RelevantCertifications;

    /// <summary>Narrows a partition's box to a sub-partition.</summary>
    public void SubPartitionBox(int sub, Span<float> lo, Span<float> hi)
    {
        var cert = sub % 2; sub /= 2;
        var pref = sub % 3; sub /= 3;
        var years = sub % 3; sub /= 3;
        var pub = sub;
        var (pLo, pHi) = pub switch { 0 => (float.NegativeInfinity, 0f), 1 => (float.Epsilon, 4.99999f), _ => (5f, float.PositiveInfinity) };
        var (yLo, yHi) = years switch { 0 => (float.NegativeInfinity, 9.99999f), 1 => (10f, 19.99999f), _ => (20f, float.PositiveInfinity) };
        lo[MatchFeatures.PublicSectorYears] = pLo; hi[MatchFeatures.PublicSectorYears] = pHi;
        lo[MatchFeatures.YearsExperience] = yLo; hi[MatchFeatures.YearsExperience] = yHi;
        var n = Preferred.Length;
        var (hLo, hHi) = pref switch { 0 => (0f, 0f), 1 => (1f, 1f), _ => (2f, (float)Math.Max(2, n)) };
        lo[MatchFeatures.PreferredHeld] = hLo; hi[MatchFeatures.PreferredHeld] = hHi;
        lo[MatchFeatures.PreferredCoverage] = n == 0 ? 0 : hLo / n * 0.9999f; hi[MatchFeatures.PreferredCoverage] = n == 0 ? 0 : hHi / n * 1.0001f;
        lo[MatchFeatures.PreferredYears] = 0; hi[MatchFeatures.PreferredYears] = n == 0 ? 0 : 20f * hHi / n * 1.0001f;
        if (cert == 0) { lo[MatchFeatures.RelevantCertifications] = 0; hi[MatchFeatures.RelevantCertifications] = 0; }
        else { lo[MatchFeatures.RelevantCertifications] = 1; hi[MatchFeatures.RelevantCertifications] = float.PositiveInfinity; }
    }

    /// <summary>The feature box [lo, hi] of a partition; <paramref name="context"/> holds the opening's context features.</summary>
    public void PartitionBox(int partition, ReadOnlySpan<float> context, float[] lo, float[] hi)
    {
        var pay = partition % 3; partition /= 3;
        var dist = partition % 3; partition /= 3;
        var onsiteOk = partition % 2; partition /= 2;
        var avail = partition % 2; partition /= 2;
        var eng = partition % 2; partition /= 2;
        var held = partition;
        Array.Fill(lo, float.NegativeInfinity);
        Array.Fill(hi, float.PositiveInfinity);
        for (var i = 0; i < MatchFeatures.Count; i++)
            if (MatchFeatures.Groups[i] == FeatureGroup.Context) lo[i] = hi[i] = context[i];
        void Set(int i, float a, float b) { lo[i] = a; hi[i] = b; }
        var req = Required.Length;
        Set(MatchFeatures.RequiredHeld, held, held);
        Set(MatchFeatures.RequiredCoverage, req == 0 ? 1 : (float)held / req, req == 0 ? 1 : (float)held / req);
        Set(MatchFeatures.RequiredMissing, req - held, req - held);
        Set(MatchFeatures.RequiredYears, 0, req == 0 ? 0 : 20f * held / req * 1.0001f);
        Set(MatchFeatures.RequiredMinYears, 0, req == 0 || held < req ? 0 : 20);
        Set(MatchFeatures.EngagementAccepted, eng, eng);
        if (avail == 1) Set(MatchFeatures.AvailabilityGap, 0, float.PositiveInfinity);
        else Set(MatchFeatures.AvailabilityGap, float.NegativeInfinity, -float.Epsilon);
        if (onsiteOk == 1) Set(MatchFeatures.OnsiteOverMax, float.NegativeInfinity, 0);
        else Set(MatchFeatures.OnsiteOverMax, float.Epsilon, float.PositiveInfinity);
        var (kmLo, kmHi) = dist switch { 0 => (0f, 0f), 1 => (float.Epsilon, 300f), _ => (300f, float.PositiveInfinity) };
        Set(MatchFeatures.DistanceKm, kmLo, kmHi);
        var onsite = (float)Opening.OnsiteDaysPerMonth;
        if (onsite <= 0) Set(MatchFeatures.TravelLoad, 0, 0);
        else Set(MatchFeatures.TravelLoad, onsite * kmLo / 100f * 0.9999f, float.IsPositiveInfinity(kmHi) ? float.PositiveInfinity : onsite * kmHi / 100f * 1.0001f);
        var (pLo, pHi) = pay switch { 0 => (float.NegativeInfinity, 0.85f), 1 => (0.85f, 1f), _ => (1f, 3f) };
        Set(MatchFeatures.PayRatio, pLo, pHi);
    }

    public void Dispose()
    {
        if (_query is { } q) TextIdf.ReturnDense(q);
        _query = null;
    }
}
