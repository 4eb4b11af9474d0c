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
    internal readonly bool[] Certified;
    internal readonly bool[] Hidden;
    // Expert i's text vector is TextIds/TextWeights[TextRange(i)]: in its own slot of TextTermsPerExpert entries starting
    // at i * TextTermsPerExpert (Rows[i].TextStart..TextEnd), written in place on all cores with no per-expert arrays and
    // no second copy; or, in an index whose vectors are made on demand (TextEnd -1), wherever it was written when first
    // asked for (see TextRange).
    internal readonly ushort[] TextIds;
    internal readonly float[] TextWeights;
    internal readonly Row[] Rows;
    private Dictionary<string, int[]> _conflicts = [];

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
    private Dictionary<string, int> _byId = [];

    /// <summary>The profiles, in index order.</summary>
    public IReadOnlyList<ExpertRecord> Experts { get; private set; } = [];

    /// <summary>The text weights the vectors were built with.</summary>
    public TextIdf Idf { get; }

    public int Count { get; }

    /// <summary>Writes the text vector of expert <paramref name="i"/> into its slot; returns its length.</summary>
    private delegate int VectorSource(int i, Span<ushort> ids, Span<float> weights);

    /// <summary>An index of <paramref name="count"/> empty slots, filled by the factories below.</summary>
    private ExpertIndex(int count, TextIdf idf)
    {
        Count = count;
        Idf = idf;
        SkillYears = new byte[count * SkillSlots];
        Certified = new bool[count];
        Hidden = new bool[count];
        TextIds = new ushort[count * TextTermsPerExpert];
        TextWeights = new float[count * TextTermsPerExpert];
        Rows = new Row[count];
    }

    /// <summary>Decodes expert i's self-introduction into <paramref name="buffer"/> (growing it as needed); gives its length.</summary>
    internal delegate int SummarySource(int i, ref char[] buffer);

    // On-demand vectors: where each one was written ((start << 32) | (end + 1); 0 until written), the next free entry of
    // TextIds/TextWeights, and locks striped over experts so that each vector is made once.
    private long[]? _made;
    private SummarySource? _summaries;
    private int _nextFree;
    private readonly object[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new object())];
    [ThreadStatic] private static char[]? t_summary;
    [ThreadStatic] private static ushort[]? t_ids;
    [ThreadStatic] private static float[]? t_weights;

    /// <summary>
    /// Text vectors of experts marked with <see cref="SetTextOnDemand"/> are made from <paramref name="summaries"/> when
    /// first asked for: a batch that ranks a few openings makes only those of the experts that come near the top, and the
    /// untouched part of the vector arrays is never paged in. Call before filling the slots.
    /// </summary>
    internal void MakeTextOnDemand(SummarySource summaries)
    {
        _summaries = summaries;
        _made = new long[Count];
    }

    /// <summary>Expert <paramref name="i"/>'s text vector is made when first asked for (see <see cref="MakeTextOnDemand"/>).</summary>
    internal void SetTextOnDemand(int i)
    {
        if (_made is null) throw new InvalidOperationException("MakeTextOnDemand first.");
        Rows[i].TextStart = -1;
        Rows[i].TextEnd = -1;
    }

    /// <summary>Where expert <paramref name="e"/>'s text vector is in <see cref="TextIds"/>/<see cref="TextWeights"/> (made now if it is made on demand).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal (int Start, int End) TextRange(int e)
    {
        ref readonly var r = ref Rows[e];
        if (r.TextEnd >= 0) return (r.TextStart, r.TextEnd);
        var made = Volatile.Read(ref _made![e]);
        if (made == 0) made = MakeText(e);
        return ((int)(made >> 32), (int)made - 1);
    }

    private long MakeText(int e)
    {
        // Made outside the lock (two threads rarely want the same expert at once; then one result is dropped), written
        // and published under it, so that each expert takes its entries of the arrays once.
        var summary = t_summary ??= new char[2048];
        var length = _summaries!(e, ref summary);
        t_summary = summary;
        var ids = t_ids ??= new ushort[TextTermsPerExpert];
        var weights = t_weights ??= new float[TextTermsPerExpert];
        var n = Idf.VectorizeInto(summary.AsSpan(0, length), TextTermsPerExpert, ids, weights);
        lock (_stripes[e & 63])
        {
            var made = _made![e];
            if (made != 0) return made;
            // Each vector is written once, so the arrays' Count * TextTermsPerExpert entries suffice (the stripes share
            // the arrays: entries are taken atomically).
            var start = Interlocked.Add(ref _nextFree, n) - n;
            ids.AsSpan(0, n).CopyTo(TextIds.AsSpan(start));
            weights.AsSpan(0, n).CopyTo(TextWeights.AsSpan(start));
            made = ((long)start << 32) | (uint)(start + n + 1);
            Volatile.Write(ref _made[e], made);
            return made;
        }
    }

    /// <summary>An index of <paramref name="count"/> experts whose slots a reader fills (<see cref="AddSkill"/>, <see cref="SetFacts"/>, <see cref="SetText"/> or <see cref="SetTextOnDemand"/>), then <see cref="TryComplete"/>.</summary>
    internal static ExpertIndex Empty(int count, TextIdf idf) => new(count, idf);

    /// <summary>Writes expert <paramref name="i"/>'s text vector into its slot (see <see cref="TextIdf.VectorizeInto"/>) and records its length.</summary>
    internal void SetText(int i, ReadOnlySpan<char> text) =>
        SetTextLength(i, Idf.VectorizeInto(text, TextTermsPerExpert, TextIds.AsSpan(i * TextTermsPerExpert, TextTermsPerExpert),
            TextWeights.AsSpan(i * TextTermsPerExpert, TextTermsPerExpert)));

    /// <summary>The index of <paramref name="experts"/>, each one's slots filled on all cores; vectors from <paramref name="vectors"/>.</summary>
    private static ExpertIndex FromRecords(IReadOnlyList<ExpertRecord> experts, TextIdf idf, VectorSource vectors)
    {
        var index = new ExpertIndex(experts.Count, idf);
        Parallel.For(0, (experts.Count + 4095) / 4096, chunk => index.FillChunk(experts, vectors, chunk * 4096, Math.Min(experts.Count, (chunk + 1) * 4096)));
        var ids = new string[experts.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = experts[i].Id;
        index.Complete(experts, ids, experts.Select((x, i) => (x.ConflictOrgCodes, i)), refuseRepeatedIds: false);
        return index;
    }

    // Runs over every expert once per index: compiled optimised at once rather than first in the quick tier.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void FillChunk(IReadOnlyList<ExpertRecord> experts, VectorSource vectors, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var x = experts[i];
            if (x.Skills is Dictionary<string, int> skills)
            {
                foreach (var (code, years) in skills) AddSkill(i, MatchingTaxonomy.SkillIndex(code), years);
            }
            else
            {
                foreach (var (code, years) in x.Skills) AddSkill(i, MatchingTaxonomy.SkillIndex(code), years);
            }
            var certs = 0u;
            foreach (var c in x.Certifications)
            {
                var ci = MatchingTaxonomy.CertificationIndex(c);
                if (ci is >= 0 and < 32) certs |= 1u << ci;
            }
            byte engagements = 0;
            foreach (var e in x.AcceptsEngagements) engagements |= EngagementBit(e);
            SetFacts(i, x.Skills.Count, certs, x.Certifications.Count, engagements, Geo.Prefectures.IndexOf(x.HomePrefectureCode),
                x.AvailableDaysPerWeek, x.MaxOnsiteDaysPerMonth, x.DesiredDayRateYen, x.PublicSectorYears, x.YearsExperience, x.CertifiedCio, x.Hidden);
            SetTextLength(i, vectors(i, TextIds.AsSpan(i * TextTermsPerExpert, TextTermsPerExpert), TextWeights.AsSpan(i * TextTermsPerExpert, TextTermsPerExpert)));
        }
    }

    /// <summary>Records skill <paramref name="s"/> (dense index; ignored outside the slots) held for <paramref name="years"/>.</summary>
    internal void AddSkill(int i, int s, int years)
    {
        if (s is < 0 or >= SkillSlots) return;
        SkillYears[i * SkillSlots + s] = (byte)(Math.Clamp(years, 0, 254) + 1);
        Rows[i].SkillMask |= 1UL << s;
    }

    /// <summary>Everything of expert <paramref name="i"/> but skills and text, converted as every path converts it.</summary>
    internal void SetFacts(int i, int skillCount, uint certMask, int certCount, byte engagements, int prefecture, double available,
        double maxOnsite, long desiredRate, int publicYears, int yearsExperience, bool certified, bool hidden)
    {
        ref var r = ref Rows[i];
        r.CertMask = certMask;
        r.Engagement = engagements;
        r.Prefecture = (sbyte)prefecture;
        r.Certified = certified;
        r.Available = (float)available;
        r.MaxOnsite = (float)maxOnsite;
        r.DesiredRate = desiredRate;
        r.PublicYears = Math.Min(publicYears, 40);
        r.YearsExp = Math.Min(yearsExperience, 50);
        r.CertCount = certCount;
        r.SkillCount = skillCount;
        Certified[i] = certified;
        Hidden[i] = hidden;
    }

    private void SetTextLength(int i, int length)
    {
        Rows[i].TextStart = i * TextTermsPerExpert;
        Rows[i].TextEnd = i * TextTermsPerExpert + length;
    }

    /// <summary>A filled index's profiles (in index order, with no conflicts of interest) and ids; false at a repeated id.</summary>
    internal bool TryComplete(IReadOnlyList<ExpertRecord> experts, string[] ids) => Complete(experts, ids, [], refuseRepeatedIds: true);

    /// <summary>Ids in index order (unless refused, the first of a repeated id wins, as before), conflicts, and the profiles.</summary>
    private bool Complete(IReadOnlyList<ExpertRecord> experts, string[] ids, IEnumerable<(IReadOnlyCollection<string> Orgs, int Index)> conflicts, bool refuseRepeatedIds)
    {
        Experts = experts;
        _byId = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
            if (!_byId.TryAdd(ids[i], i) && refuseRepeatedIds) return false;
        var byOrg = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (orgs, i) in conflicts)
        {
            foreach (var org in orgs)
            {
                if (!byOrg.TryGetValue(org, out var list)) byOrg[org] = list = [];
                list.Add(i);
            }
        }
        _conflicts = byOrg.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        return true;
    }

    /// <summary>Whether expert <paramref name="i"/>'s profile is hidden (see <see cref="ExpertRecord.Hidden"/>).</summary>
    public bool IsHidden(int i) => Hidden[i];

    /// <summary>The text vector of expert <paramref name="i"/>: gram buckets and weights (for comparing indexes).</summary>
    public (ushort[] Ids, float[] Weights) TextVector(int i)
    {
        var (start, end) = TextRange(i);
        return (TextIds[start..end], TextWeights[start..end]);
    }

    /// <summary>Builds the index. <paramref name="idf"/> defaults to weights learned from these self-introductions.</summary>
    public static ExpertIndex Build(IReadOnlyList<ExpertRecord> experts, TextIdf? idf = null)
    {
        var weights = idf ?? TextIdf.FromCorpus(experts.Select(x => x.Summary));
        return FromRecords(experts, weights, (i, ids, w) => weights.VectorizeInto(experts[i].Summary, TextTermsPerExpert, ids, w));
    }

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
        return FromRecords(experts, Idf, (i, ids, w) =>
        {
            var from = source[i];
            var (start, end) = from < 0 ? (0, 0) : TextRange(from);
            ReadOnlySpan<ushort> fromIds = from < 0 ? freshVectors[-1 - from].Ids : TextIds.AsSpan(start..end);
            ReadOnlySpan<float> fromWeights = from < 0 ? freshVectors[-1 - from].W : TextWeights.AsSpan(start..end);
            fromIds.CopyTo(ids);
            fromWeights.CopyTo(w);
            return fromIds.Length;
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
