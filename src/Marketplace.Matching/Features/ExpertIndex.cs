using Marketplace.Matching.Geo;
using Marketplace.Matching.Text;

namespace Marketplace.Matching.Features;

/// <summary>
/// Precomputed expert vectors: skills by dense index, certification and engagement bit masks, prefecture index,
/// pay and availability figures and a truncated tf-idf vector of the self-introduction. Build it once from the
/// expert profiles (preferably with <see cref="Ranking.IMatchRanker.BuildIndex"/>, which uses the ranker's text
/// weights) and rebuild it when profiles change. Immutable and safe to share between threads.
/// </summary>
public sealed class ExpertIndex
{
    /// <summary>Grams kept per self-introduction.</summary>
    public const int TextTermsPerExpert = 64;

    internal const int SkillSlots = 64;
    internal readonly byte[] SkillYears;          // [expert * SkillSlots + skill], 0 = absent, else min(years,254)+1
    internal readonly ulong[] SkillMask;
    internal readonly uint[] CertMask;
    internal readonly byte[] EngagementMask;
    internal readonly sbyte[] Prefecture;
    internal readonly float[] Available, MaxOnsite, DesiredRate, PublicYears, YearsExp, CertCount, SkillCountArr;
    internal readonly bool[] Certified;
    internal readonly bool[] Hidden;
    internal readonly int[] TextOffsets;
    internal readonly ushort[] TextIds;
    internal readonly float[] TextWeights;
    internal readonly Row[] Rows;
    private readonly Dictionary<string, int[]> _conflicts;

    /// <summary>One cache line per expert with everything feature computation reads besides skills and text.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Size = 64)]
    internal struct Row
    {
        public ulong SkillMask;
        public uint CertMask;
        public byte Engagement;
        public sbyte Prefecture;
        public bool Certified;
        public float Available, MaxOnsite, DesiredRate, PublicYears, YearsExp, CertCount, SkillCount;
        public int TextStart, TextEnd;
    }
    private readonly Dictionary<string, int> _byId;

    /// <summary>The profiles, in index order.</summary>
    public IReadOnlyList<ExpertRecord> Experts { get; }

    /// <summary>The text weights the vectors were built with.</summary>
    public TextIdf Idf { get; }

    public int Count => Experts.Count;

    /// <summary>Gives the text vector of expert <paramref name="i"/> (grams sorted by id, L2-normalised weights).</summary>
    private delegate void VectorSource(int i, out ReadOnlySpan<ushort> ids, out ReadOnlySpan<float> weights);

    private ExpertIndex(IReadOnlyList<ExpertRecord> experts, TextIdf idf)
        : this(experts, idf, Vectorize(experts, idf))
    {
    }

    /// <summary>Vectors of every expert, on all cores, written into one flat pair of arrays per chunk of experts (no arrays per expert).</summary>
    private static VectorSource Vectorize(IReadOnlyList<ExpertRecord> experts, TextIdf idf)
    {
        const int chunk = 2048;
        var n = experts.Count;
        var chunks = (n + chunk - 1) / chunk;
        var ids = new ushort[chunks][];
        var weights = new float[chunks][];
        var offsets = new int[n + chunks];
        Parallel.For(0, chunks, c =>
        {
            var first = c * chunk;
            var count = Math.Min(chunk, n - first);
            var chunkIds = new ushort[count * TextTermsPerExpert];
            var chunkWeights = new float[count * TextTermsPerExpert];
            var at = 0;
            for (var k = 0; k < count; k++)
            {
                offsets[first + c + k] = at;
                at += idf.VectorizeInto(experts[first + k].Summary, TextTermsPerExpert, chunkIds.AsSpan(at), chunkWeights.AsSpan(at));
            }
            offsets[first + c + count] = at;
            ids[c] = chunkIds;
            weights[c] = chunkWeights;
        });
        // Expert i's vector starts at offsets[i + i / chunk] of its chunk (each chunk has one more offset than experts).
        return (int i, out ReadOnlySpan<ushort> vectorIds, out ReadOnlySpan<float> w) =>
        {
            var c = i / chunk;
            var from = offsets[i + c];
            var length = offsets[i + c + 1] - from;
            vectorIds = ids[c].AsSpan(from, length);
            w = weights[c].AsSpan(from, length);
        };
    }

    // Runs once per index over every expert: compiled optimised at once rather than first in the quick tier.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private ExpertIndex(IReadOnlyList<ExpertRecord> experts, TextIdf idf, VectorSource vectors)
    {
        Experts = experts;
        Idf = idf;
        var n = experts.Count;
        SkillYears = new byte[n * SkillSlots];
        SkillMask = new ulong[n];
        CertMask = new uint[n];
        EngagementMask = new byte[n];
        Prefecture = new sbyte[n];
        Available = new float[n];
        MaxOnsite = new float[n];
        DesiredRate = new float[n];
        PublicYears = new float[n];
        YearsExp = new float[n];
        CertCount = new float[n];
        SkillCountArr = new float[n];
        Certified = new bool[n];
        Hidden = new bool[n];
        TextOffsets = new int[n + 1];
        // Each expert's own figures on all cores (every write is to the expert's own slots); ids, conflicts and text
        // offsets in order after.
        var textLengths = new int[n];
        Parallel.For(0, (n + 4095) / 4096, chunk =>
        {
            for (var i = chunk * 4096; i < Math.Min(n, (chunk + 1) * 4096); i++)
            {
                var x = experts[i];
                if (x.Skills is Dictionary<string, int> skills)
                {
                    foreach (var (code, years) in skills) AddSkill(i, code, years);
                }
                else
                {
                    foreach (var (code, years) in x.Skills) AddSkill(i, code, years);
                }
                foreach (var c in x.Certifications)
                {
                    var ci = MatchingTaxonomy.CertificationIndex(c);
                    if (ci is >= 0 and < 32) CertMask[i] |= 1u << ci;
                }
                foreach (var e in x.AcceptsEngagements) EngagementMask[i] |= EngagementBit(e);
                Prefecture[i] = (sbyte)Geo.Prefectures.IndexOf(x.HomePrefectureCode);
                Available[i] = (float)x.AvailableDaysPerWeek;
                MaxOnsite[i] = (float)x.MaxOnsiteDaysPerMonth;
                DesiredRate[i] = x.DesiredDayRateYen;
                PublicYears[i] = Math.Min(x.PublicSectorYears, 40);
                YearsExp[i] = Math.Min(x.YearsExperience, 50);
                CertCount[i] = x.Certifications.Count;
                SkillCountArr[i] = x.Skills.Count;
                Certified[i] = x.CertifiedCio;
                Hidden[i] = x.Hidden;
                vectors(i, out var ids, out _);
                textLengths[i] = ids.Length;
            }
        });
        var conflicts = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        _byId = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var x = experts[i];
            _byId.TryAdd(x.Id, i);
            TextOffsets[i + 1] = TextOffsets[i] + textLengths[i];
            foreach (var org in x.ConflictOrgCodes)
            {
                if (!conflicts.TryGetValue(org, out var list)) conflicts[org] = list = [];
                list.Add(i);
            }
        }
        TextIds = new ushort[TextOffsets[n]];
        TextWeights = new float[TextOffsets[n]];
        Rows = new Row[n];
        Parallel.For(0, (n + 4095) / 4096, chunk =>
        {
            for (var i = chunk * 4096; i < Math.Min(n, (chunk + 1) * 4096); i++)
            {
                vectors(i, out var ids, out var w);
                ids.CopyTo(TextIds.AsSpan(TextOffsets[i]));
                w.CopyTo(TextWeights.AsSpan(TextOffsets[i]));
                Rows[i] = new Row
                {
                    SkillMask = SkillMask[i], CertMask = CertMask[i], Engagement = EngagementMask[i], Prefecture = Prefecture[i],
                    Certified = Certified[i], Available = Available[i], MaxOnsite = MaxOnsite[i], DesiredRate = DesiredRate[i],
                    PublicYears = PublicYears[i], YearsExp = YearsExp[i], CertCount = CertCount[i], SkillCount = SkillCountArr[i],
                    TextStart = TextOffsets[i], TextEnd = TextOffsets[i + 1],
                };
            }
        });
        _conflicts = conflicts.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    private void AddSkill(int i, string code, int years)
    {
        var s = MatchingTaxonomy.SkillIndex(code);
        if (s is < 0 or >= SkillSlots) return;
        SkillYears[i * SkillSlots + s] = (byte)(Math.Clamp(years, 0, 254) + 1);
        SkillMask[i] |= 1UL << s;
    }

    /// <summary>Whether expert <paramref name="i"/>'s profile is hidden (see <see cref="ExpertRecord.Hidden"/>).</summary>
    public bool IsHidden(int i) => Hidden[i];

    /// <summary>The text vector of expert <paramref name="i"/>: gram buckets and weights (for comparing indexes).</summary>
    public (ushort[] Ids, float[] Weights) TextVector(int i) =>
        (TextIds[TextOffsets[i]..TextOffsets[i + 1]], TextWeights[TextOffsets[i]..TextOffsets[i + 1]]);

    /// <summary>Builds the index. <paramref name="idf"/> defaults to weights learned from these self-introductions.</summary>
    public static ExpertIndex Build(IReadOnlyList<ExpertRecord> experts, TextIdf? idf = null) =>
        new(experts, idf ?? TextIdf.FromCorpus(experts.Select(x => x.Summary)));

    /// <summary>
    /// A new index with <paramref name="upserts"/> added or replaced and <paramref name="removals"/> taken out; every
    /// other expert keeps its precomputed text vector, so only what changed is vectorised again. Experts are kept in
    /// the order of <paramref name="order"/> (new ones are inserted at their place), so the result equals
    /// <see cref="Build"/> over the same profiles in that order with the same text weights. This index is unchanged.
    /// </summary>
    public ExpertIndex Apply(IReadOnlyCollection<ExpertRecord> upserts, IReadOnlyCollection<string> removals, IComparer<string> order)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removals);
        ArgumentNullException.ThrowIfNull(order);
        var replaced = new Dictionary<string, ExpertRecord>(StringComparer.Ordinal);
        foreach (var u in upserts) replaced[u.Id] = u;
        var gone = new HashSet<string>(removals, StringComparer.Ordinal);
        var fresh = replaced.Values.Where(u => !gone.Contains(u.Id)).ToList();
        var freshVectors = new (ushort[] Ids, float[] W)[fresh.Count];
        Parallel.For(0, fresh.Count, i => freshVectors[i] = Idf.Vectorize(fresh[i].Summary, TextTermsPerExpert));
        var freshAt = new Dictionary<string, int>(fresh.Count, StringComparer.Ordinal);
        for (var i = 0; i < fresh.Count; i++) freshAt[fresh[i].Id] = i;
        var newcomers = fresh.Where(u => !_byId.ContainsKey(u.Id)).Select(u => u.Id).ToList();
        newcomers.Sort(order);

        // Merge the kept experts (already in order) with the newcomers; -1 - k marks the k-th fresh record.
        var experts = new List<ExpertRecord>(Count + newcomers.Count);
        var source = new List<int>(Count + newcomers.Count);
        var nextNew = 0;
        void AddFresh(string id)
        {
            var k = freshAt[id];
            experts.Add(fresh[k]);
            source.Add(-1 - k);
        }
        for (var i = 0; i < Count; i++)
        {
            var id = Experts[i].Id;
            while (nextNew < newcomers.Count && order.Compare(newcomers[nextNew], id) < 0) AddFresh(newcomers[nextNew++]);
            if (gone.Contains(id)) continue;
            if (freshAt.ContainsKey(id)) AddFresh(id);
            else
            {
                experts.Add(Experts[i]);
                source.Add(i);
            }
        }
        while (nextNew < newcomers.Count) AddFresh(newcomers[nextNew++]);
        return new ExpertIndex(experts, Idf, (int i, out ReadOnlySpan<ushort> ids, out ReadOnlySpan<float> w) =>
        {
            var from = source[i];
            if (from < 0)
            {
                ids = freshVectors[-1 - from].Ids;
                w = freshVectors[-1 - from].W;
                return;
            }
            ids = TextIds.AsSpan(TextOffsets[from], TextOffsets[from + 1] - TextOffsets[from]);
            w = TextWeights.AsSpan(TextOffsets[from], TextOffsets[from + 1] - TextOffsets[from]);
        });
    }

    /// <summary>Position of an expert id, or -1.</summary>
    public int IndexOf(string expertId) => _byId.TryGetValue(expertId, out var i) ? i : -1;

    /// <summary>Experts that must never be proposed to this local government (conflict of interest).</summary>
    internal int[] ConflictedWith(string orgCode) => _conflicts.TryGetValue(orgCode, out var a) ? a : [];

    internal static byte EngagementBit(string code) => code switch
    {
        "fixed_term_staff" => 1,
        "part_time_appointee" => 2,
        "fiscal_year_appointee" => 4,
        "outsourced" => 8,
        _ => 16,
    };

    /// <summary>
    /// Asks the processor to start loading expert <paramref name="e"/>'s row. Ranking visits experts in partition
    /// order, which the hardware cannot predict; a prefetch is only a hint (it never faults, and a stale address after
    /// the GC moved an array merely wastes it), so taking the address unpinned is safe.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal unsafe void PrefetchRow(int e)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref Rows[e]));
    }

    /// <summary>Like <see cref="PrefetchRow"/> for the skill years (the text vector is read only for the few candidates that need it).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal unsafe void PrefetchSkills(int e)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref SkillYears[e * SkillSlots]));
    }

    /// <summary>Skill years of expert <paramref name="i"/> for dense skill index <paramref name="s"/>; -1 if absent.</summary>
    internal int YearsOf(int i, int s) => SkillYears[i * SkillSlots + s] - 1;
}
