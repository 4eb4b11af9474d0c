using Marketplace.Web.Features.PastResults;

namespace Marketplace.Web.Pages.PastResults;

/// <summary>The past results recorded after the fact: a government's own, or every government's for the office.</summary>
[Authorize(Roles = Roles.Staff + "," + Roles.NationalOffice)]
public sealed class IndexModel(PastResultService past) : PageModel
{
    public List<PastResultRow> Rows { get; private set; } = [];
    public bool IsOffice => User.IsInRole(Roles.NationalOffice);

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await past.ListAsync(IsOffice ? null : User.OrganizationId() ?? -1, ct);
}
