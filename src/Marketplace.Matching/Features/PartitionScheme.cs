namespace Marketplace.Matching.Features;

/// <summary>
/// How the exact top-k search groups candidates: partitions by required skills held, engagement accepted,
/// availability, on-site limit, distance and pay; sub-partitions by public-sector years, years of experience and a
/// finer pay band. Except for skills and engagement, the cut points are the thresholds of the trained trees whose
/// splits move the score most, so that a group's box decides the ensemble's most important splits and its bound is
/// tight. A value v is in bin b when cuts[b − 1] &lt; v ≤ cuts[b], the same side a tree sends it to.
/// </summary>
internal sealed class PartitionScheme
{
    private readonly float[] _avail, _onsite, _distance, _pay;
    private readonly float[] _public, _years, _payFine;

    /// <summary>Sub-partitions per partition (at most 64: their bounds are computed together over a bit mask).</summary>
    public int SubPartitions { get; }

    /// <summary>The features sub-partitions narrow beyond their partition's box (bit i = feature i).</summary>
    public const ulong SubPartitionFeatures =
        1UL << MatchFeatures.PublicSectorYears | 1UL << MatchFeatures.YearsExperience | 1UL << MatchFeatures.PayRatio;

    private PartitionScheme(float[] avail, float[] onsite, float[] distance, float[] pay, float[] publicYears, float[] years, float[] payFine)
    {
        (_avail, _onsite, _distance, _pay, _public, _years, _payFine) = (avail, onsite, distance, pay, publicYears, years, payFine);
        SubPartitions = (_public.Length + 1) * (_years.Length + 1) * (_payFine.Length + 1);
        if (SubPartitions > 64) throw new ArgumentException("At most 64 sub-partitions.");
    }

    /// <summary>
    /// The scheme for an ensemble described by its splits: (feature, threshold, how much the split moves the score).
    /// The fine pay cuts include the partition's pay cuts, so every fine band lies inside one partition band.
    /// </summary>
    public static PartitionScheme FromSplits(IEnumerable<(int Feature, float Threshold, double Gap)> splits)
    {
        var byFeature = splits.GroupBy(s => s.Feature).ToDictionary(
            g => g.Key,
            g => g.GroupBy(s => s.Threshold).Select(t => (Threshold: t.Key, Gap: t.Sum(s => s.Gap)))
                .OrderByDescending(t => t.Gap).ThenBy(t => t.Threshold).Select(t => t.Threshold).ToArray());
        float[] Cuts(int feature, int count)
        {
            var best = byFeature.TryGetValue(feature, out var t) ? t : [];
            // Too few thresholds: the extra bins stay empty.
            return best.Take(count).Concat(Enumerable.Repeat(float.PositiveInfinity, Math.Max(0, count - best.Length))).Order().ToArray();
        }
        // Counts measured with `matching bench`: more partitions cost more bounds than they save in scoring.
        return new PartitionScheme(
            Cuts(MatchFeatures.AvailabilityGap, 1), Cuts(MatchFeatures.OnsiteOverMax, 1), Cuts(MatchFeatures.DistanceKm, 2),
            Cuts(MatchFeatures.PayRatio, 2), Cuts(MatchFeatures.PublicSectorYears, 2), Cuts(MatchFeatures.YearsExperience, 2),
            Cuts(MatchFeatures.PayRatio, 6));
    }

    /// <summary>Number of partitions <see cref="Of"/> can return for an opening.</summary>
    public int PartitionCount(OpeningContext ctx) =>
        (ctx.Required.Length + 1) * 2 * (_avail.Length + 1) * (_onsite.Length + 1) * (_distance.Length + 1) * (_pay.Length + 1);

    // Counting every cut the value exceeds (the cuts are sorted) has no data-dependent branch to mispredict.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int Bin(float[] cuts, float v)
    {
        var b = 0;
        foreach (var c in cuts) b += v > c ? 1 : 0;
        return b;
    }

    private static (float Lo, float Hi) Range(float[] cuts, int bin) => (
        bin == 0 ? float.NegativeInfinity : MathF.BitIncrement(cuts[bin - 1]),
        bin == cuts.Length ? float.PositiveInfinity : cuts[bin]);

    /// <summary>The partition and sub-partition of expert <paramref name="e"/>, from the same float values as <see cref="OpeningContext.Compute"/>.</summary>
    // Once per candidate per query, in short processes too: optimised at once, not tiered up later.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public (int Partition, int Sub) Of(OpeningContext ctx, ExpertIndex x, int e)
    {
        ref readonly var r = ref x.Rows[e];
        var held = System.Numerics.BitOperations.PopCount(r.SkillMask & ctx.RequiredMask);
        var eng = (r.Engagement & ctx.EngagementBit) != 0 ? 1 : 0;
        var avail = Bin(_avail, ctx.AvailabilityGap(r));
        var onsite = Bin(_onsite, ctx.OnsiteOverMax(r));
        var dist = Bin(_distance, ctx.DistanceKm(r));
        var ratio = ctx.PayRatio(r);
        var partition = ((((held * 2 + eng) * (_avail.Length + 1) + avail) * (_onsite.Length + 1) + onsite) * (_distance.Length + 1) + dist)
            * (_pay.Length + 1) + Bin(_pay, ratio);
        var sub = (Bin(_public, r.PublicYears) * (_years.Length + 1) + Bin(_years, r.YearsExp)) * (_payFine.Length + 1) + Bin(_payFine, ratio);
        return (partition, sub);
    }

    /// <summary>The feature box [lo, hi] of a partition; <paramref name="context"/> holds the opening's context features.</summary>
    public void PartitionBox(OpeningContext ctx, int partition, ReadOnlySpan<float> context, float[] lo, float[] hi)
    {
        var pay = partition % (_pay.Length + 1); partition /= _pay.Length + 1;
        var dist = partition % (_distance.Length + 1); partition /= _distance.Length + 1;
        var onsite = partition % (_onsite.Length + 1); partition /= _onsite.Length + 1;
        var avail = partition % (_avail.Length + 1); partition /= _avail.Length + 1;
        var eng = partition % 2; partition /= 2;
        var held = partition;
        Array.Fill(lo, float.NegativeInfinity);
        Array.Fill(hi, float.PositiveInfinity);
        for (var i = 0; i < MatchFeatures.Count; i++)
            if (MatchFeatures.Groups[i] == FeatureGroup.Context) lo[i] = hi[i] = context[i];
        void Set(int i, (float Lo, float Hi) range) => (lo[i], hi[i]) = range;
        var req = ctx.Required.Length;
        var coverage = req == 0 ? 1 : (float)held / req;
        Set(MatchFeatures.RequiredHeld, (held, held));
        Set(MatchFeatures.RequiredCoverage, (coverage, coverage));
        Set(MatchFeatures.RequiredMissing, (req - held, req - held));
        Set(MatchFeatures.RequiredYears, (0, req == 0 ? 0 : 20f * held / req * 1.0001f));
        Set(MatchFeatures.RequiredMinYears, (0, req == 0 || held < req ? 0 : 20));
        // Each held skill adds 0..1 and each missing one −1 (then divided by req); widened by a hair for float rounding.
        Set(MatchFeatures.RequiredFit, req == 0 ? (0, 0) : (-(req - held) / (float)req - 1e-4f, (held - (req - held)) / (float)req + 1e-4f));
        Set(MatchFeatures.EngagementAccepted, (eng, eng));
        Set(MatchFeatures.AvailabilityGap, Range(_avail, avail));
        Set(MatchFeatures.OnsiteOverMax, Range(_onsite, onsite));
        var (kmLo, kmHi) = Range(_distance, dist);
        kmLo = Math.Max(0, kmLo);
        Set(MatchFeatures.DistanceKm, (kmLo, kmHi));
        var days = (float)ctx.Opening.OnsiteDaysPerMonth;
        Set(MatchFeatures.TravelLoad, days <= 0 ? (0, 0)
            : (days * kmLo / 100f * 0.9999f, float.IsPositiveInfinity(kmHi) ? float.PositiveInfinity : days * kmHi / 100f * 1.0001f));
        var (payLo, payHi) = Range(_pay, pay);
        Set(MatchFeatures.PayRatio, (Math.Max(0, payLo), Math.Min(3, payHi)));
    }

    /// <summary>The ranges of <see cref="SubPartitionFeatures"/> in sub-partition <paramref name="sub"/> (other slots untouched).</summary>
    public void SubPartitionBox(int sub, Span<float> lo, Span<float> hi)
    {
        var pay = sub % (_payFine.Length + 1); sub /= _payFine.Length + 1;
        var years = sub % (_years.Length + 1); sub /= _years.Length + 1;
        var pub = sub;
        (lo[MatchFeatures.PublicSectorYears], hi[MatchFeatures.PublicSectorYears]) = Range(_public, pub);
        (lo[MatchFeatures.YearsExperience], hi[MatchFeatures.YearsExperience]) = Range(_years, years);
        (lo[MatchFeatures.PayRatio], hi[MatchFeatures.PayRatio]) = Range(_payFine, pay);
    }
}
