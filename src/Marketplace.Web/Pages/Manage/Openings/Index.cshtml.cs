namespace Marketplace.Web.Pages.Manage.Openings;

/// <summary>All openings of the signed-in staff member's government, drafts included; no one else's.</summary>
public sealed class IndexModel(MarketplaceDbContext db) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true)]
    public OpeningStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The page asked for: read from the query alone (<see cref="ListUrl.PageOf"/>).</summary>
    public int PageNumber => ListUrl.PageOf(Request);

    public Paged<Opening> Result { get; private set; } = Paged<Opening>.Empty(PageSize);
    public string OrganizationName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var orgId = User.OrganizationId()!.Value;
        OrganizationName = await db.Organizations.Where(o => o.Id == orgId).Select(o => o.NameJa).SingleAsync(ct);
        var q = db.Openings.AsNoTracking().Where(o => o.OrganizationId == orgId);
        if (Status is { } s) q = q.Where(o => o.Status == s);
        q = OpeningSearch.MatchingAllTerms(q, Q);
        Result = await q.OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id).ToPagedAsync(PageNumber, PageSize, ct);
    }
}
