using Marketplace.Web.Features.PublicCache;
using Microsoft.AspNetCore.OutputCaching;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Dispatch;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.DispatchResults;

/// <summary>Public results: each round's accepted pairings, from its result date on.</summary>
[OutputCache(PolicyName = PublicCacheSetup.Policy)]
public sealed class IndexModel(RoundService rounds, DispatchMatchingService matching) : PageModel
{
    public List<(DispatchRound Round, List<DispatchProposal> Pairs, bool Published)> Rounds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        foreach (var round in await rounds.ListAsync(ct))
        {
            var phase = rounds.Phase(round);
            Rounds.Add((round, await matching.PublishedAsync(round, ct), phase == RoundPhase.Published));
        }
    }
}
