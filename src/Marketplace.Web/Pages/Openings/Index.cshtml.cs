using Marketplace.Web.Features.PublicCache;
using Microsoft.AspNetCore.OutputCaching;
using Marketplace.Web.Features.Openings;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Openings;

[OutputCache(PolicyName = PublicCacheSetup.Policy)]
public sealed class IndexModel(OpeningSearch search) : PageModel
{
    public OpeningQuery Query { get; private set; } = new();
    public Paged<OpeningSummary> Result { get; private set; } = new([], 1, OpeningSearch.PageSize, 0);
    public bool MinDayRateInvalid { get; private set; }
    public bool MaxOnsiteInvalid { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Query = OpeningQuery.FromRequest(Request.Query);
        MinDayRateInvalid = !string.IsNullOrWhiteSpace(Query.MinDayRate) && OpeningSearch.ParseMinDayRate(Query) is null;
        MaxOnsiteInvalid = !string.IsNullOrWhiteSpace(Query.MaxOnsiteDays) && OpeningSearch.ParseMaxOnsite(Query) is null;
        Result = await search.SearchAsync(Query, ct);
    }
}
