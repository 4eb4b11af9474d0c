using Marketplace.Data.Entities;
using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.Dispatch;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Dispatch;

/// <summary>The CIO's own dispatch, and the final report.</summary>
public sealed class AssignmentModel(DispatchService dispatches, IStringLocalizer<SharedResource> t) : PageModel
{
    public CioDispatch Item { get; private set; } = null!;
    public bool Started { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var d = await dispatches.ForCioAsync(User.UserId()!, id, ct);
        if (d is null) return NotFound();
        Item = d;
        Started = dispatches.HasStarted(d);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? report, CancellationToken ct)
    {
        return await this.OutcomeAsync(await dispatches.ReportAsync(User.UserId()!, id, report, ct), t["Dispatch_ReportSaved"].Value, new { id }, () => OnGetAsync(id, ct));
    }
}
