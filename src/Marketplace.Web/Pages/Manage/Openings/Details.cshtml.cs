using Marketplace.Data;
using Microsoft.EntityFrameworkCore;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.Openings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Manage.Openings;

public sealed class DetailsModel(OpeningService openings, MarketplaceDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public Opening Opening { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public int ApplicantCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await openings.FindOwnAsync(User.OrganizationId()!.Value, id, ct);
        if (found is null) return NotFound();
        Opening = found;
        Token = openings.TokenOf(found);
        ApplicantCount = await db.Applications.CountAsync(a => a.OpeningId == id, ct);
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(int id, string? token, CancellationToken ct) =>
        Act(id, ct, () => openings.PublishAsync(User.OrganizationId()!.Value, id, token, ct), "Opening_Published");

    public Task<IActionResult> OnPostCloseAsync(int id, string? token, CancellationToken ct) =>
        Act(id, ct, () => openings.CloseAsync(User.OrganizationId()!.Value, id, token, ct), "Opening_Closed");

    public Task<IActionResult> OnPostCancelAsync(int id, string? token, CancellationToken ct) =>
        Act(id, ct, () => openings.CancelAsync(User.OrganizationId()!.Value, id, token, ct), "Opening_Cancelled");

    private async Task<IActionResult> Act(int id, CancellationToken ct, Func<Task<OpeningResult>> action, string doneKey)
    {
        var result = await action();
        switch (result.Outcome)
        {
            case OpeningOutcome.NotFound:
                return NotFound();
            case OpeningOutcome.Ok:
                TempData["Notice"] = t[doneKey].Value;
                return RedirectToPage(new { id });
            default:
                foreach (var e in result.Errors) ModelState.AddModelError("", e.Value);
                Response.StatusCode = result.Outcome == OpeningOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
                return await OnGetAsync(id, ct);
        }
    }
}
