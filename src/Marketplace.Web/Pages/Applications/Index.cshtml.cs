using Marketplace.Data.Entities;
using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.Applications;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Applications;

public sealed class IndexModel(ApplicationService applications) : PageModel
{
    public List<Application> Applications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Applications = await applications.MineAsync(User.UserId()!, ct);
}
