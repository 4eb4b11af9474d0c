using Marketplace.Web.Infrastructure;

namespace Marketplace.Web.Features.Dispatch;

/// <summary>
/// The outcome of a dispatch-programme action: done (with the id of what it made or changed), not found
/// (also for another party's data), or refused with messages keyed by input field ("" for the whole form).
/// A refused action has changed nothing.
/// </summary>
public sealed record DispatchResult(bool Succeeded, bool NotFound, IReadOnlyDictionary<string, string> Errors, int Id = 0)
{
    public static DispatchResult Ok(int id = 0) => new(true, false, new Dictionary<string, string>(), id);
    public static readonly DispatchResult Missing = new(false, true, new Dictionary<string, string>());
    public static DispatchResult Fail(string message) => new(false, false, new Dictionary<string, string> { [""] = message });
    public static DispatchResult Fail(Dictionary<string, string> errors) => new(false, false, errors);

    public string? FirstError => Errors.Values.FirstOrDefault();
}

public static class DispatchResults
{
    /// <summary>
    /// Saves the action's changes: done with <paramref name="id"/>, or refused with "changed by someone else"
    /// when a row was saved in between (optimistic concurrency), leaving nothing tracked.
    /// </summary>
    public static async Task<DispatchResult> SaveOrRefuseStaleAsync(this Marketplace.Data.MarketplaceDbContext db, Microsoft.Extensions.Localization.IStringLocalizer t, int id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return DispatchResult.Ok(id);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DispatchResult.Fail(t["ChangedBySomeoneElse"]);
        }
    }

    /// <summary>
    /// What a page does with an action's result: 404 when not found, on success a notice and a redirect,
    /// otherwise the messages on the page shown again by <paramref name="showAgain"/>.
    /// </summary>
    public static async Task<Microsoft.AspNetCore.Mvc.IActionResult> OutcomeAsync(this Microsoft.AspNetCore.Mvc.RazorPages.PageModel page,
        DispatchResult result, string notice, object? routeValues, Func<Task<Microsoft.AspNetCore.Mvc.IActionResult>> showAgain)
    {
        if (result.NotFound) return page.NotFound();
        if (result.Succeeded)
        {
            page.TempData["Notice"] = notice;
            return page.RedirectToPage(routeValues);
        }
        page.ModelState.AddErrors("", result.Errors.Select(e => (e.Key, e.Value)));
        return await showAgain();
    }
}
