namespace Marketplace.Web.Pages.Manage.Cases;

/// <summary>This government's own cases (drafts, under review, published).</summary>
public sealed class IndexModel(CaseService cases) : PageModel
{
    public List<CaseStudy> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await cases.OfOwnerAsync(User.OrganizationId()!.Value, ct);
}
