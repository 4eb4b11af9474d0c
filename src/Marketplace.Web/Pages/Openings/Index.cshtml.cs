using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Openings;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Openings;

public sealed class IndexModel(OpeningSearch search, MarketplaceDbContext db) : PageModel
{
    public OpeningQuery Query { get; private set; } = new();
    public Paged<OpeningSummary> Result { get; private set; } = new([], 1, OpeningSearch.PageSize, 0);
    public List<Prefecture> Prefectures { get; private set; } = [];
    public bool MinDayRateInvalid { get; private set; }
    public bool MaxOnsiteInvalid { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Query = OpeningQuery.FromRequest(Request.Query);
        MinDayRateInvalid = !string.IsNullOrWhiteSpace(Query.MinDayRate) && OpeningSearch.ParseMinDayRate(Query) is null;
        MaxOnsiteInvalid = !string.IsNullOrWhiteSpace(Query.MaxOnsiteDays) && OpeningSearch.ParseMaxOnsite(Query) is null;
        Prefectures = await db.Prefectures.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        Result = await search.SearchAsync(Query, ct);
    }
}
