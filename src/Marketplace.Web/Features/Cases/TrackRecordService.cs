using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Cases;

public sealed record TrackRecordCase(int Id, string Title, IReadOnlyList<string> Themes);

/// <summary>A dispatch the expert finished: the hosts, the role, the period and how many results in figures were reported.</summary>
public sealed record TrackRecordDispatch(int Id, IReadOnlyList<string> HostsJa, IReadOnlyList<string> HostsEn, string RoleCode,
    DateOnly Start, DateOnly End, DispatchStatus Status, int KpisReported);

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
/// to be linked count, so nothing the expert has not agreed to show reaches another government through this.
/// </summary>
public sealed class TrackRecordService(MarketplaceDbContext db)
{
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
                .Where(d => ids.Contains(d.ExpertProfileId) && (d.Status == DispatchStatus.Completed || d.Status == DispatchStatus.EndedEarly))
                .Select(d => new
                {
                    d.Id, d.ExpertProfileId, d.Request!.RoleCode, d.StartDate, d.EndDate, d.Status, Kpis = d.Kpis.Count,
                    Hosts = d.Request.Hosts.OrderByDescending(h => h.IsLead).Select(h => new { h.Organization!.NameJa, h.Organization.NameEn }).ToList(),
                })
                .ToListAsync(ct))
            .OrderByDescending(d => d.EndDate).ToLookup(d => d.ExpertProfileId);
        return ids.ToDictionary(id => id, id => new TrackRecord(
            cases[id].DistinctBy(c => c.Id).Select(c => new TrackRecordCase(c.Id, c.Title, c.Themes)).ToList(),
            dispatches[id].Select(d => new TrackRecordDispatch(d.Id, d.Hosts.Select(h => h.NameJa).ToList(), d.Hosts.Select(h => h.NameEn).ToList(),
                d.RoleCode, d.StartDate, d.EndDate, d.Status, d.Kpis)).ToList()));
    }
}
