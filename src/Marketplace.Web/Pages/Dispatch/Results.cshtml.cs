using Microsoft.AspNetCore.OutputCaching;

namespace Marketplace.Web.Pages.Dispatch;

/// <summary>
/// Public results: the accepted pairings of every round from its result date on, in one paged table filtered by
/// round, prefecture of a host, role and a name (host or CIO). Rounds not yet published say when they will be.
/// </summary>
[OutputCache(PolicyName = PublicCacheSetup.Policy)]
public sealed class ResultsModel(RoundService rounds, MarketplaceDbContext db) : ListPageModel<DispatchProposal>
{
    [BindProperty(SupportsGet = true)]
    public int? Round { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Prefecture { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    public List<DispatchRound> Rounds { get; private set; } = [];
    public List<DispatchRound> Unpublished { get; private set; } = [];

    /// <summary>Published dispatches by prefecture, over every round: each host of a pairing counts in its own prefecture.</summary>
    public Dictionary<string, int> Coverage { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rounds = await rounds.ListAsync(ct);
        var published = Rounds.Where(r => rounds.Phase(r) == RoundPhase.Published).Select(r => r.Id).ToList();
        Unpublished = Rounds.Where(r => !published.Contains(r.Id) && (Round is null || Round == r.Id)).ToList();

        var all = db.DispatchProposals.AsNoTracking()
            .Where(p => published.Contains(p.Request!.RoundId) && (p.Status == DispatchProposalStatus.Accepted || p.Status == DispatchProposalStatus.Dispatched));
        // The map shows every published pairing whatever the filters; a joint dispatch counts once in each host's prefecture.
        // (Two flat queries: SQLite cannot run the APPLY that a nested projection needs.)
        var pairs = await all.Select(p => new { p.Id, p.RequestId }).ToListAsync(ct);
        var requestIds = pairs.Select(p => p.RequestId).Distinct().ToList();
        var hosts = await db.Set<DispatchRequestHost>().AsNoTracking().Where(h => requestIds.Contains(h.RequestId))
            .Select(h => new { h.RequestId, h.Organization!.PrefectureCode }).ToListAsync(ct);
        Coverage = pairs.Join(hosts, p => p.RequestId, h => h.RequestId, (p, h) => (p.Id, h.PrefectureCode)).Distinct()
            .GroupBy(x => x.PrefectureCode).ToDictionary(g => g.Key, g => g.Count());
        var q = all;
        if (Round is { } round) q = q.Where(p => p.Request!.RoundId == round);
        if (ListUrl.Trimmed(Prefecture) is { } pref) q = q.Where(p => p.Request!.Hosts.Any(h => h.Organization!.PrefectureCode == pref));
        if (ListUrl.Trimmed(Role) is { } role) q = q.Where(p => p.Request!.RoleCode == role);
        if (Keyword is { } text)
        {
            q = q.Where(p => p.Expert!.FullName.Contains(text) || p.Request!.Hosts.Any(h => h.Organization!.NameJa.Contains(text) || h.Organization.NameEn.Contains(text)));
        }
        Result = await q.Include(p => p.Expert).Include(p => p.Request).ThenInclude(r => r!.Round)
            .Include(p => p.Request).ThenInclude(r => r!.Hosts).ThenInclude(h => h.Organization)
            .AsSplitQuery()
            .OrderByDescending(p => p.Request!.Round!.FiscalYear).ThenBy(p => p.Id)
            .ToPagedAsync(RequestedPage, ct: ct);
    }

    public string PageUrl(int page) => ListUrl.Of("/dispatch-results", page,
        ("round", Round?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("prefecture", Prefecture), ("role", Role), ("q", Q));
}
