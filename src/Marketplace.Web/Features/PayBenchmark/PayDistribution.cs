namespace Marketplace.Web.Features.PayBenchmark;

/// <summary>
/// How many days a week a posting asks for, in the bands the benchmark compares: a posting of one day a week and one
/// of five are different jobs even at the same day rate. A posting that does not state its workload is its own band.
/// </summary>
public static class WorkloadBands
{
    public const string UpToOne = "upto1";
    public const string TwoToThree = "2to3";
    public const string FourToFive = "4to5";
    public const string NotStated = "unstated";

    public static readonly IReadOnlyList<string> All = [UpToOne, TwoToThree, FourToFive, NotStated];

    public static string Of(double daysPerWeek, bool notStated) => notStated ? NotStated
        : daysPerWeek <= 1 ? UpToOne
        : daysPerWeek <= 3 ? TwoToThree
        : FourToFive;

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}

/// <summary>One public posting's comparable day rate with what it is compared by.</summary>
public readonly record struct PayPoint(string RoleCode, string EngagementCode, string Band, long DayRateYen);

/// <summary>A group of comparable postings; a null dimension means "any" (the group spans every value of it).</summary>
public readonly record struct GroupKey(string? RoleCode, string? EngagementCode, string? Band);

/// <summary>The day rates of one group, sorted, with the figures the page and the API show.</summary>
public sealed class PayGroup
{
    public GroupKey Key { get; }
    public IReadOnlyList<long> SortedRates => _rates;
    private readonly long[] _rates;

    public PayGroup(GroupKey key, long[] sortedRates)
    {
        Key = key;
        _rates = sortedRates;
    }

    public int Count => _rates.Length;
    public long Min => _rates[0];
    public long Max => _rates[^1];
    public long P10 => Percentile(10);
    public long P25 => Percentile(25);
    public long Median => Percentile(50);
    public long P75 => Percentile(75);
    public long P90 => Percentile(90);

    /// <summary>
    /// The p-th percentile by linear interpolation between the closest ranks (Excel's PERCENTILE.INC, R's type 7,
    /// NumPy's default): position h = (n − 1)·p/100 in the sorted rates, counted from 0; the value lies between the
    /// rates at ⌊h⌋ and ⌊h⌋+1 in proportion to the fraction of h; rounded to the yen.
    /// </summary>
    public long Percentile(double p)
    {
        var h = (_rates.Length - 1) * p / 100.0;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, _rates.Length - 1);
        return (long)Math.Round(_rates[lo] + (h - lo) * (_rates[hi] - _rates[lo]), MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Where a day rate stands in the group, as a percentile rank from 0 to 100: the share of the group's postings
    /// paying less, plus half of those paying exactly the same (so a rate equal to all of them stands at 50), rounded.
    /// </summary>
    public int RankOf(long dayRateYen)
    {
        var below = LowerBound(dayRateYen);
        var equal = LowerBound(dayRateYen + 1) - below;
        return (int)Math.Round(100.0 * (below + equal / 2.0) / _rates.Length, MidpointRounding.AwayFromZero);
    }

    /// <summary>How many of the group's postings pay less than the rate.</summary>
    public int CountBelow(long dayRateYen) => LowerBound(dayRateYen);

    private int LowerBound(long value)
    {
        int lo = 0, hi = _rates.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_rates[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}

/// <summary>
/// The distribution of public day rates by role, engagement form and workload band, and by every coarser grouping
/// (any role, any form, any band): built once from all public postings, then read without touching the database.
/// Groups under <see cref="MinimumGroupSize"/> postings exist here but are never shown (see <see cref="Shown"/>).
/// </summary>
public sealed class PayDistribution
{
    /// <summary>Fewer comparable postings than this say nothing about a market, and may point at one government.</summary>
    public const int MinimumGroupSize = 5;

    public static readonly PayDistribution Empty = new([], 0, DateTime.MinValue);

    private readonly Dictionary<GroupKey, PayGroup> _groups;

    public long Version { get; }
    public DateTime BuiltAt { get; }
    public int PostingCount { get; }

    public PayDistribution(IReadOnlyCollection<PayPoint> points, long version, DateTime builtAt)
    {
        Version = version;
        BuiltAt = builtAt;
        PostingCount = points.Count;
        var lists = new Dictionary<GroupKey, List<long>>();
        foreach (var p in points)
        {
            if (p.DayRateYen <= 0) continue;
            // Each posting counts in its own group and in every coarser one it belongs to (8 groups in all).
            for (var mask = 0; mask < 8; mask++)
            {
                var key = new GroupKey((mask & 1) == 0 ? p.RoleCode : null, (mask & 2) == 0 ? p.EngagementCode : null, (mask & 4) == 0 ? p.Band : null);
                if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
                list.Add(p.DayRateYen);
            }
        }
        _groups = lists.ToDictionary(kv => kv.Key, kv =>
        {
            var rates = kv.Value.ToArray();
            Array.Sort(rates);
            return new PayGroup(kv.Key, rates);
        });
    }

    /// <summary>The group, whatever its size (null when no posting is in it); callers show only <see cref="Shown"/> ones.</summary>
    public PayGroup? Find(GroupKey key) => _groups.GetValueOrDefault(key);

    public static bool Shown(PayGroup? g) => g is { Count: >= MinimumGroupSize };

    /// <summary>Every group large enough to show whose dimensions agree with the filter (a null filter matches any value, "any" included).</summary>
    public IEnumerable<PayGroup> ShownGroups(GroupKey filter) => _groups.Values
        .Where(g => Shown(g)
            && (filter.RoleCode is null || g.Key.RoleCode == filter.RoleCode)
            && (filter.EngagementCode is null || g.Key.EngagementCode == filter.EngagementCode)
            && (filter.Band is null || g.Key.Band == filter.Band));

    /// <summary>How many non-empty groups agree with the filter but are too small to show.</summary>
    public int HiddenGroupCount(GroupKey filter) => _groups.Values
        .Count(g => !Shown(g)
            && (filter.RoleCode is null || g.Key.RoleCode == filter.RoleCode)
            && (filter.EngagementCode is null || g.Key.EngagementCode == filter.EngagementCode)
            && (filter.Band is null || g.Key.Band == filter.Band));

    /// <summary>
    /// The group a posting of this role, form and workload is compared with: the same three if at least
    /// <see cref="MinimumGroupSize"/> postings share them, otherwise the same role and form at any workload;
    /// null when even that is too small.
    /// </summary>
    public PayGroup? ComparableGroup(string roleCode, string engagementCode, string band)
    {
        var exact = Find(new GroupKey(roleCode, engagementCode, band));
        if (Shown(exact)) return exact;
        var anyBand = Find(new GroupKey(roleCode, engagementCode, null));
        return Shown(anyBand) ? anyBand : null;
    }
}
