using System.Collections.Concurrent;
using Marketplace.Matching;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Reasons;
using Marketplace.Matching.Training;

namespace Marketplace.Web.Features.Matching;

/// <summary>The ranker in use and why: the current trained model, or the rule-based scorer at cold start.</summary>
public sealed record RankerInUse(IMatchRanker Ranker, RankerModel? Model, string Why);

public sealed record ExpertRecommendation(ExpertProfile Expert, double Score, IReadOnlyList<MatchReason> Reasons, bool Applied, bool Invited);

/// <summary>The recommended experts of an opening; <see cref="Ranker"/> is null while the index is still being built.</summary>
public sealed record ExpertsForResult(Opening Opening, RankerInUse? Ranker, List<ExpertRecommendation> Experts, ExpertIndexState Index);

/// <summary>
/// A recommended expert's profile as staff of the opening's government may see it: the expert made it visible to
/// staff or applied to this government; contact details only in the second case.
/// </summary>
public sealed record RecommendedProfile(Opening Opening, ExpertProfile Expert, bool AppliedToGovernment, int? ApplicationId);

public sealed record OpeningRecommendation(Opening Opening, double Score, IReadOnlyList<MatchReason> Reasons);

/// <summary>Loaded rankers by model id: an accelerator only, every instance can rebuild it from the database.</summary>
public sealed class RankerCache
{
    public ConcurrentDictionary<int, IMatchRanker> Rankers { get; } = new();
}

/// <summary>
/// Recommendations in both directions. Staff see only experts who made their profile visible to staff
/// or who applied to that opening; the ranker excludes conflicts of interest and, for certified-only
/// openings, anyone not certified, before scoring.
/// </summary>
public sealed class MatchingService(MarketplaceDbContext db, ConflictOfInterest conflicts, RankerCache cache, ExpertIndexHost index, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<MatchingSpreadSettings> spreadSettings)
{
    public const int DefaultTop = 20;

    public async Task<RankerInUse> RankerAsync(CancellationToken ct = default)
    {
        var (ranker, model) = await ExpertIndexHost.CurrentRankerAsync(db, cache, ct);
        return Describe(ranker, model);
    }

    /// <summary>The ranker with the sentence the pages show about it.</summary>
    public static RankerInUse Describe(IMatchRanker ranker, RankerModel? current)
    {
        if (current is null)
        {
            return new RankerInUse(ranker, null, LocalizationSetup.IsEnglish
                ? "No model has been trained yet: the transparent rule-based scorer ranks."
                : "学習済みモデルがまだないため、ルールに基づく採点で順位付けしています。");
        }
        var why = current.Kind == "model"
            ? LocalizationSetup.IsEnglish
                ? $"Learned ranker {current.VersionId} (trained {current.TrainedAt:yyyy-MM-dd}, held-out NDCG@10 {current.ModelNdcg10:0.000})."
                : $"学習済みランカー {current.VersionId}（{current.TrainedAt:yyyy-MM-dd} 学習、検証用データでの NDCG@10 = {current.ModelNdcg10:0.000}）で順位付けしています。"
            : LocalizationSetup.IsEnglish ? current.ColdStartReasonEn : current.ColdStartReason;
        return new RankerInUse(ranker, current, why);
    }

    /// <summary>
    /// Recommended experts for one of the government's own openings; null when the opening is not theirs. Ranks the
    /// instance's long-lived index (hidden profiles only if they applied to this opening) and loads from the database
    /// only the experts shown. While the index is still being built the list is empty and the state says so.
    /// </summary>
    public async Task<ExpertsForResult?> ExpertsForAsync(int organizationId, int openingId, int top = DefaultTop, CancellationToken ct = default)
    {
        var opening = await db.Openings.AsNoTracking().Include(o => o.Organization).Include(o => o.Skills)
            .FirstOrDefaultAsync(o => o.Id == openingId && o.OrganizationId == organizationId, ct);
        if (opening is null) return null;

        var state = await index.StateAsync(db, ct);
        if (state.Snapshot is not { } snapshot) return new ExpertsForResult(opening, null, [], state);
        var appliedIds = await db.Applications.Where(a => a.OpeningId == openingId).Select(a => a.ExpertProfileId).ToListAsync(ct);
        var spread = spreadSettings.Value.Options;
        IReadOnlyList<RankedExpert> ranked = snapshot.Ranker.RankExperts(MatchingRecords.From(opening), snapshot.Index, spread.Enabled ? Math.Max(top, spread.Pool) : top,
            new ExpertFilter(AllowHidden: appliedIds.Select(MatchingRecords.Id).ToList()));
        if (spread.Enabled && ranked.Count > 0)
        {
            var loads = await LoadsAsync(openingId, ranked.Select(r => int.Parse(r.ExpertId, System.Globalization.CultureInfo.InvariantCulture)).ToList(), ct);
            ranked = SpreadReranker.Rerank(ranked, r => r.Score, r => loads.GetValueOrDefault(int.Parse(r.ExpertId, System.Globalization.CultureInfo.InvariantCulture)), spread, top);
        }
        var shown = ranked.Select(r => int.Parse(r.ExpertId, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var profiles = await db.ExpertProfiles.AsNoTracking().Where(e => shown.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var invitedIds = await db.ExpertInvitations.Where(i => i.OpeningId == openingId && shown.Contains(i.ExpertProfileId)).Select(i => i.ExpertProfileId).ToListAsync(ct);
        var result = new List<ExpertRecommendation>(ranked.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            // A profile changed after the index caught up (e.g. anonymised a moment ago) is left out, not shown stale.
            if (!profiles.TryGetValue(shown[i], out var expert) || !ExpertIndexHost.Indexable(expert)) continue;
            result.Add(new ExpertRecommendation(expert, ranked[i].Score, ranked[i].Reasons, appliedIds.Contains(expert.Id), invitedIds.Contains(expert.Id)));
        }
        return new ExpertsForResult(opening, Describe(snapshot.Ranker, snapshot.Model), result, state);
    }

    /// <summary>
    /// How much attention each candidate already has elsewhere: the other open openings they were invited to, plus
    /// their applications at interview or offer on other openings (what <see cref="SpreadReranker"/> discounts).
    /// </summary>
    internal async Task<Dictionary<int, int>> LoadsAsync(int openingId, List<int> candidates, CancellationToken ct)
    {
        var today = DisplayFormatter.TodayInJapan(clock);
        var invited = await db.ExpertInvitations
            .Where(i => i.OpeningId != openingId && candidates.Contains(i.ExpertProfileId)
                && i.Opening!.Status == OpeningStatus.Published && i.Opening.ApplicationDeadline >= today)
            .Select(i => new { i.ExpertProfileId, i.OpeningId }).Distinct().ToListAsync(ct);
        var advanced = await db.Applications
            .Where(a => a.OpeningId != openingId && candidates.Contains(a.ExpertProfileId) && (a.Stage == Stages.Interviewed || a.Stage == Stages.Offered))
            .Select(a => new { a.ExpertProfileId, a.OpeningId }).ToListAsync(ct);
        return invited.Concat(advanced).GroupBy(x => x.ExpertProfileId).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The profile behind a recommendation on the government's own opening, or null where staff may not see it.</summary>
    public async Task<RecommendedProfile?> ProfileForStaffAsync(int organizationId, int openingId, int expertId, CancellationToken ct = default)
    {
        var opening = await db.Openings.AsNoTracking().FirstOrDefaultAsync(o => o.Id == openingId && o.OrganizationId == organizationId, ct);
        if (opening is null) return null;
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.ExpertProfileId == expertId && a.Opening!.OrganizationId == organizationId)
            .Select(a => new { a.Id, a.OpeningId }).ToListAsync(ct);
        var expert = await db.ExpertProfiles.AsNoTracking().Include(e => e.Skills).Include(e => e.Career).Include(e => e.User)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Id == expertId && e.UserId != null && e.AnonymizedAt == null, ct);
        if (expert is null || (expert.Visibility != ProfileVisibility.VisibleToStaff && applications.Count == 0)) return null;
        return new RecommendedProfile(opening, expert, applications.Count > 0, applications.FirstOrDefault(a => a.OpeningId == openingId)?.Id);
    }

    /// <summary>Recommended openings, still taking applications, for the signed-in expert.</summary>
    public async Task<(ExpertProfile? Profile, RankerInUse Ranker, List<OpeningRecommendation> Openings)> OpeningsForAsync(string userId, int top = DefaultTop, CancellationToken ct = default)
    {
        var inUse = await RankerAsync(ct);
        var profile = await db.ExpertProfiles.AsNoTracking().Include(e => e.Skills).FirstOrDefaultAsync(e => e.UserId == userId, ct);
        if (profile is null || !MatchingRecords.IsMatchable(profile)) return (profile, inUse, []);
        var today = DisplayFormatter.TodayInJapan(clock);
        var openings = await db.Openings.AsNoTracking().Include(o => o.Organization).Include(o => o.Skills)
            .Where(o => o.Status == OpeningStatus.Published && o.ApplicationDeadline >= today)
            .ToListAsync(ct);
        var expert = await ExpertRecordAsync(profile, ct);
        var ranked = inUse.Ranker.RankOpenings(expert, openings.Select(MatchingRecords.From).ToList(), top);
        var byId = openings.ToDictionary(o => MatchingRecords.Id(o.Id));
        return (profile, inUse, ranked.Select(r => new OpeningRecommendation(byId[r.OpeningId], r.Score, r.Reasons)).ToList());
    }

    /// <summary>
    /// The expert as the matcher sees them: from this instance's index once it has caught up (no conflict-of-interest
    /// query over every profile), else computed from the profile.
    /// </summary>
    private async Task<ExpertRecord> ExpertRecordAsync(ExpertProfile profile, CancellationToken ct)
    {
        if (index.Current is not null)
        {
            await index.CatchUpAsync(db, ct);
            if (index.Current is { } snapshot && snapshot.Index.IndexOf(MatchingRecords.Id(profile.Id)) is var at and >= 0)
                return snapshot.Index.Experts[at] with { Hidden = false };
        }
        var codes = await conflicts.ConflictOrgCodesAsync(ct);
        return MatchingRecords.From(profile, codes.GetValueOrDefault(profile.Id) ?? []);
    }

    /// <summary>Everything the database knows, as the matching component's training data.</summary>
    public async Task<MatchingData> TrainingDataAsync(CancellationToken ct = default)
    {
        var openings = await db.Openings.AsNoTracking().Include(o => o.Organization).Include(o => o.Skills)
            .Where(o => o.Status != OpeningStatus.Draft).ToListAsync(ct);
        var experts = await db.ExpertProfiles.AsNoTracking().Include(e => e.Skills).ToListAsync(ct);
        experts = experts.Where(MatchingRecords.IsMatchable).ToList();
        var expertIds = experts.Select(e => e.Id).ToHashSet();
        var openingIds = openings.Select(o => o.Id).ToHashSet();
        var outcomes = await db.Applications.AsNoTracking().Select(a => new { a.OpeningId, a.ExpertProfileId, a.Stage }).ToListAsync(ct);
        var conflictCodes = await conflicts.ConflictOrgCodesAsync(ct);
        return new MatchingData(
            openings.Select(MatchingRecords.From).ToList(),
            experts.Select(e => MatchingRecords.From(e, conflictCodes.GetValueOrDefault(e.Id) ?? [])).ToList(),
            outcomes.Where(o => openingIds.Contains(o.OpeningId) && expertIds.Contains(o.ExpertProfileId))
                .Select(o => new OutcomeRecord(MatchingRecords.Id(o.OpeningId), MatchingRecords.Id(o.ExpertProfileId), o.Stage)).ToList());
    }
}

/// <summary>
/// Configuration <c>Matching:Spread</c>: how the recommended-experts page spreads attention (see
/// <see cref="SpreadOptions"/>). <see cref="Strength"/> 0 turns re-ranking off.
/// </summary>
public sealed class MatchingSpreadSettings
{
    public double Strength { get; set; } = SpreadOptions.DefaultStrength;
    public int Pool { get; set; } = SpreadOptions.DefaultPool;

    public SpreadOptions Options => new(Math.Max(0, Strength), Math.Max(1, Pool));
}
