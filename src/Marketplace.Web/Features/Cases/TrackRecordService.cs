namespace Marketplace.Web.Features.Cases;

public sealed record TrackRecordCase(int Id, string Title, IReadOnlyList<string> Themes);

/// <summary>
/// A dispatch the expert finished: the hosts, the role, the period and how many results in figures were reported; and
/// the host's evaluation (rating 1–5 and text) only when the expert chose to show it, otherwise both are null.
/// </summary>
public sealed record TrackRecordDispatch(int Id, IReadOnlyList<string> HostsJa, IReadOnlyList<string> HostsEn, string RoleCode,
    DateOnly Start, DateOnly End, DispatchStatus Status, int KpisReported, int? Rating = null, string? Evaluation = null);

/// <summary>One of the expert's own dispatches with the host's evaluation, as the expert sees it to choose whether to show it.</summary>
public sealed record OwnEvaluation(int DispatchId, IReadOnlyList<string> HostsJa, IReadOnlyList<string> HostsEn, DateOnly Start, DateOnly End,
    DispatchStatus Status, int Rating, string Evaluation, DateTime EvaluatedAt, bool Shown);

/// <summary>What an expert carries from one government to the next: published cases they consented to be linked on, and finished dispatches.</summary>
public sealed record TrackRecord(IReadOnlyList<TrackRecordCase> Cases, IReadOnlyList<TrackRecordDispatch> Dispatches)
{
    public static readonly TrackRecord None = new([], []);
    public bool IsEmpty => Cases.Count == 0 && Dispatches.Count == 0;

    /// <summary>Has a published case on one of <paramref name="themes"/> (shown as a reason beside a recommendation).</summary>
    public bool HasCaseIn(IEnumerable<string> themes) => Cases.Any(c => c.Themes.Intersect(themes).Any());
}

/// <summary>
/// Track records for one expert or a page of them, in two queries. Only published cases on which the expert consented
/// to be linked count, and a host's evaluation only when the expert chose to show it, so nothing the expert has not
/// agreed to show reaches another government through this.
/// </summary>
public sealed class TrackRecordService(MarketplaceDbContext db, TimeProvider clock)
{
    private static readonly DispatchStatus[] Finished = [DispatchStatus.Completed, DispatchStatus.EndedEarly];

    public async Task<TrackRecord> ForExpertAsync(int expertProfileId, CancellationToken ct = default) =>
        (await ForExpertsAsync([expertProfileId], ct)).GetValueOrDefault(expertProfileId, TrackRecord.None);

    public async Task<Dictionary<int, TrackRecord>> ForExpertsAsync(IEnumerable<int> expertProfileIds, CancellationToken ct = default)
    {
        var ids = expertProfileIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        var cases = (await db.CasePeople.AsNoTracking()
                .Where(p => p.ExpertProfileId != null && ids.Contains(p.ExpertProfileId.Value) && p.ExpertConsentedAt != null)
                .Join(db.Cases.Where(c => c.Status == CaseStatus.Published), p => p.CaseId, c => c.Id,
                    (p, c) => new { Expert = p.ExpertProfileId!.Value, c.Id, c.Title, c.Themes, c.PublishedAt })
                .ToListAsync(ct))
            .OrderByDescending(c => c.PublishedAt).ToLookup(c => c.Expert);
        var dispatches = (await db.Dispatches.AsNoTracking()
                .Where(d => ids.Contains(d.ExpertProfileId) && Finished.Contains(d.Status))
                .Select(d => new
                {
                    d.Id, d.ExpertProfileId, d.Request!.RoleCode, d.StartDate, d.EndDate, d.Status, Kpis = d.Kpis.Count,
                    // Read from the database only when shown: a hidden evaluation never leaves it on this path.
                    Rating = d.EvaluationShownAt != null ? d.HostRating : null,
                    Evaluation = d.EvaluationShownAt != null ? d.HostEvaluation : null,
                    Hosts = d.Request.Hosts.OrderByDescending(h => h.IsLead).Select(h => new { h.Organization!.NameJa, h.Organization.NameEn }).ToList(),
                })
                .ToListAsync(ct))
            .OrderByDescending(d => d.EndDate).ToLookup(d => d.ExpertProfileId);
        return ids.ToDictionary(id => id, id => new TrackRecord(
            cases[id].DistinctBy(c => c.Id).Select(c => new TrackRecordCase(c.Id, c.Title, c.Themes)).ToList(),
            dispatches[id].Select(d => new TrackRecordDispatch(d.Id, d.Hosts.Select(h => h.NameJa).ToList(), d.Hosts.Select(h => h.NameEn).ToList(),
                d.RoleCode, d.StartDate, d.EndDate, d.Status, d.Kpis, d.Rating, d.Evaluation)).ToList()));
    }

    /// <summary>The evaluations hosts gave the expert's finished dispatches, newest first, each with whether it is shown.</summary>
    public async Task<List<OwnEvaluation>> OwnEvaluationsAsync(string userId, CancellationToken ct = default) =>
        (await db.Dispatches.AsNoTracking()
            .Where(d => d.Expert!.UserId == userId && Finished.Contains(d.Status) && d.HostEvaluation != null && d.HostRating != null)
            .Select(d => new
            {
                d.Id, d.StartDate, d.EndDate, d.Status, d.HostRating, d.HostEvaluation, d.HostEvaluatedAt, d.EvaluationShownAt,
                Hosts = d.Request!.Hosts.OrderByDescending(h => h.IsLead).Select(h => new { h.Organization!.NameJa, h.Organization.NameEn }).ToList(),
            })
            .ToListAsync(ct))
        .OrderByDescending(d => d.EndDate)
        .Select(d => new OwnEvaluation(d.Id, d.Hosts.Select(h => h.NameJa).ToList(), d.Hosts.Select(h => h.NameEn).ToList(), d.StartDate, d.EndDate,
            d.Status, d.HostRating!.Value, d.HostEvaluation!, d.HostEvaluatedAt ?? DateTime.MinValue, d.EvaluationShownAt != null))
        .ToList();

    /// <summary>The expert shows or hides the host's evaluation of one of their finished dispatches; false when it is not theirs or has none.</summary>
    public async Task<bool> ShowEvaluationAsync(string userId, int dispatchId, bool show, CancellationToken ct = default)
    {
        var d = await db.Dispatches.FirstOrDefaultAsync(x => x.Id == dispatchId && x.Expert!.UserId == userId
            && Finished.Contains(x.Status) && x.HostEvaluation != null && x.HostRating != null, ct);
        if (d is null) return false;
        d.EvaluationShownAt = show ? d.EvaluationShownAt ?? clock.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
