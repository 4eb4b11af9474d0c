namespace Marketplace.Matching.Ranking;

/// <summary>
/// Who may be proposed besides the hard constraints: hidden profiles only when listed in <paramref name="AllowHidden"/>,
/// only the listed experts when <paramref name="Only"/> is set, never those in <paramref name="Exclude"/>.
/// </summary>
public sealed record ExpertFilter(
    IReadOnlyCollection<string>? AllowHidden = null,
    IReadOnlyCollection<string>? Only = null,
    IReadOnlyCollection<string>? Exclude = null);
