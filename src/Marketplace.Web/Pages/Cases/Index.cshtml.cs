namespace Marketplace.Web.Pages.Cases;

/// <summary>The public case library: keyword, theme, obstacle, success factor, prefecture and "like mine" filters, paged.</summary>
public sealed class IndexModel(CaseSearch search, MarketplaceDbContext db) : PageModel
{
    public CaseQuery Query { get; private set; } = new();
    public Paged<CaseStudy> Result { get; private set; } = new([], 1, CaseSearch.PageSize, 0);
    /// <summary>The signed-in staff member's government, for the "like mine" link.</summary>
    public Organization? MyOrganization { get; private set; }

    public Infrastructure.Pager Pager => new(Result.Page, Result.PageCount, p => "/cases" + Query.ToQueryString(p));

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.OrganizationId() is { } org) MyOrganization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == org, ct);
        Query = Request.Query["like"] == "mine" && MyOrganization is not null ? CaseQuery.LikeMine(MyOrganization) : CaseQuery.FromRequest(Request.Query);
        Result = await search.SearchAsync(Query, ct);
    }
}
