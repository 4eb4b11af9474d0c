using Microsoft.AspNetCore.OutputCaching;

namespace Marketplace.Web.Pages.Calls;

/// <summary>Public list of calls for proposals, with keyword, prefecture and state filters.</summary>
[OutputCache(PolicyName = PublicCacheSetup.Policy)]
public sealed class IndexModel(CallService calls) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Prefecture { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    /// <summary>The page asked for: read from the query alone (<see cref="ListUrl.PageOf"/>).</summary>
    public int PageNumber => ListUrl.PageOf(Request);

    public Paged<ProposalCall> Result { get; private set; } = new([], 1, CallService.PageSize, 0);

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await calls.SearchPublicAsync(Q, Prefecture, State, PageNumber, ct);

    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["prefecture"] = Prefecture, ["state"] = State, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToString();
}
