using Microsoft.AspNetCore.OutputCaching;

namespace Marketplace.Web.Pages.Openings;

[OutputCache(PolicyName = PublicCacheSetup.Policy)]
public sealed class IndexModel(OpeningSearch search, Marketplace.Web.Features.Taxonomy.TaxonomyCatalog tax, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : PageModel
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

    /// <summary>A name for saving this search, from its keyword, prefecture, role, engagement form and kind.</summary>
    public string SuggestedName
    {
        get
        {
            static string? Of(IReadOnlyList<Marketplace.Web.Features.Taxonomy.TaxonomyEntry> list, string? code) =>
                string.IsNullOrEmpty(code) ? null : Marketplace.Web.Features.Taxonomy.TaxonomyCatalog.Label(list, code);
            var parts = new[]
            {
                Query.Q?.Trim(), Of(tax.Prefectures, Query.Prefecture), Of(tax.Roles, Query.Role), Of(tax.Engagements, Query.Engagement),
                Query.Kind == "call" ? t["Search_KindCall"].Value : Query.Kind == "opening" ? t["Search_KindOpening"].Value : null,
            }.Where(p => !string.IsNullOrEmpty(p));
            var name = string.Join("・", parts);
            return name.Length == 0 ? t["Saved_DefaultName"] : name.Length > 100 ? name[..100] : name;
        }
    }
}
