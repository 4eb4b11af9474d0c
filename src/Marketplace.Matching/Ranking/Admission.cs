using Marketplace.Matching.Features;

namespace Marketplace.Matching.Ranking;

/// <summary>Who a ranking may propose, by index position (hard constraints aside): see <see cref="ExpertFilter"/>.</summary>
internal sealed class Admission
{
    private readonly bool[] _hidden;
    private readonly HashSet<int>? _allowHidden, _only, _excluded;
    private readonly bool _anyHidden;

    private Admission(bool[] hidden, HashSet<int>? allowHidden, HashSet<int>? only, HashSet<int>? excluded)
    {
        _hidden = hidden;
        _anyHidden = Array.IndexOf(hidden, true) >= 0;
        _allowHidden = allowHidden;
        _only = only;
        _excluded = excluded;
    }

    /// <summary>Conflicts of interest with the opening's government, plus the filter.</summary>
    public static Admission Of(ExpertIndex index, OpeningRecord opening, ExpertFilter? filter)
    {
        HashSet<int>? Positions(IEnumerable<string>? ids) => ids is null ? null : ids.Select(index.IndexOf).Where(i => i >= 0).ToHashSet();
        var conflicted = index.ConflictedWith(opening.OrgCode);
        var excluded = Positions(filter?.Exclude);
        if (conflicted.Length > 0) (excluded ??= []).UnionWith(conflicted);
        return new Admission(index.Hidden, Positions(filter?.AllowHidden), Positions(filter?.Only), excluded);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool Admits(int e) =>
        (_only is null || _only.Contains(e))
        && (!_anyHidden || !_hidden[e] || (_allowHidden is not null && _allowHidden.Contains(e)))
        && (_excluded is null || !_excluded.Contains(e));
}
