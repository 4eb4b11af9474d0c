using Marketplace.Data.Entities;
using Marketplace.Web.Features.Dispatch;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.DispatchResults;

/// <summary>Public results: each round's accepted pairings, from its result date on.</summary>
public sealed class IndexModel(RoundService rounds, DispatchMatchingService matching) : PageModel
{
    public List<(DispatchRound Round, List<DispatchProposal> Pairs, bool Published)> Rounds { get; private set; } = [];

    /// <summary>Published dispatches by prefecture, over every round: each host of a pairing counts in its own prefecture.</summary>
    public Dictionary<string, int> Coverage { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        foreach (var round in await rounds.ListAsync(ct))
        {
            var phase = rounds.Phase(round);
            Rounds.Add((round, await matching.PublishedAsync(round, ct), phase == RoundPhase.Published));
        }
        Coverage = Rounds.Where(r => r.Published).SelectMany(r => r.Pairs)
            .SelectMany(p => p.Request!.Hosts.Select(h => h.Organization!.PrefectureCode).Distinct())
            .GroupBy(code => code).ToDictionary(g => g.Key, g => g.Count());
    }
}
