namespace Marketplace.Web.Pages.Admin.Dispatch;

/// <summary>The national office's start page for the dispatch programme: its rounds and where to go next.</summary>
public sealed class IndexModel(RoundService rounds) : PageModel
{
    public List<DispatchRound> Rounds { get; private set; } = [];
    public RoundService RoundService => rounds;

    public async Task OnGetAsync(CancellationToken ct) => Rounds = await rounds.ListAsync(ct);
}
