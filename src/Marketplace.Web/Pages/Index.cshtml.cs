namespace Marketplace.Web.Pages;

public sealed class IndexModel(OpeningSearch search) : PageModel
{
    public Paged<OpeningSummary> Latest { get; private set; } = new([], 1, 5, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var result = await search.SearchAsync(new OpeningQuery(), ct);
        Latest = result with { Items = result.Items.Take(5).ToList() };
    }
}
