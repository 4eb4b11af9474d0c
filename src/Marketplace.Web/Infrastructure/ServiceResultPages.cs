using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// The one way a page turns a <see cref="ServiceResult"/> into a response: 404 when not found, on success a notice
/// and a redirect, otherwise the service's messages (including "changed by someone else") on the page shown again,
/// each under the key of the field it is about so the error summary links to it.
/// </summary>
public static class ServiceResultPages
{
    /// <summary>
    /// Adds the result's messages to the page's ModelState: a whole-form message ("") stays the form's; a field's
    /// goes under "<paramref name="prefix"/>.field" (e.g. "Input.Title"), or under the field's own name when there is no prefix.
    /// </summary>
    public static void AddErrors(this ModelStateDictionary state, ServiceResult result, string prefix = "") =>
        state.AddErrors(result, Key(prefix));

    /// <summary>Adds the result's messages under the keys <paramref name="key"/> gives each field (for forms whose inputs are not "Input.X").</summary>
    public static void AddErrors(this ModelStateDictionary state, ServiceResult result, Func<string, string> key)
    {
        foreach (var (field, message) in result.Errors) state.AddModelError(key(field), message);
    }

    /// <summary>
    /// Shows a refused result on the page: its messages under the keys <paramref name="key"/> gives each field
    /// (see <see cref="AddErrors(ModelStateDictionary, ServiceResult, string)"/> for the usual "Input.X"), and the status
    /// the page answers with: 409 when someone else changed the record if <paramref name="conflictIs409"/>, 422 for
    /// any other refusal if <paramref name="invalidIs422"/>, otherwise 200 (the form shown again).
    /// </summary>
    public static void ShowRefusal(this PageModel page, ServiceResult result, Func<string, string> key, bool conflictIs409 = true, bool invalidIs422 = false)
    {
        page.ModelState.AddErrors(result, key);
        if (result.Outcome == ServiceOutcome.Conflict && conflictIs409) page.Response.StatusCode = StatusCodes.Status409Conflict;
        else if (invalidIs422) page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
    }

    /// <inheritdoc cref="ShowRefusal(PageModel, ServiceResult, Func{string, string}, bool, bool)"/>
    public static void ShowRefusal(this PageModel page, ServiceResult result, string prefix = "", bool conflictIs409 = true, bool invalidIs422 = false) =>
        page.ShowRefusal(result, Key(prefix), conflictIs409, invalidIs422);

    private static Func<string, string> Key(string prefix) => field => field.Length == 0 || prefix.Length == 0 ? field : $"{prefix}.{field}";

    /// <summary>
    /// What a page does with an action's result: 404 when not found, on success <paramref name="notice"/> (none when null) and a
    /// redirect to the page with <paramref name="routeValues"/>, otherwise the messages (fields under
    /// <paramref name="prefix"/> or as <paramref name="key"/> maps them, after clearing what model binding found if <paramref name="clearFirst"/>) on the page shown again
    /// by <paramref name="showAgain"/>, with the status <see cref="ShowRefusal(PageModel, ServiceResult, string, bool, bool)"/> describes.
    /// </summary>
    public static async Task<IActionResult> OutcomeAsync(this PageModel page, ServiceResult result, string? notice, object? routeValues,
        Func<Task<IActionResult>> showAgain, string prefix = "", bool clearFirst = false, bool conflictIs409 = false, bool invalidIs422 = false,
        Func<string, string>? key = null) =>
        await page.Respond(result, notice, () => page.RedirectToPage(routeValues),
            ShowAgain(page, result, showAgain, clearFirst, key ?? Key(prefix), conflictIs409, invalidIs422));

    /// <summary>As the other overload, for a refusal the page shows its own way (e.g. beside the one field of a small form).</summary>
    public static async Task<IActionResult> OutcomeAsync(this PageModel page, ServiceResult result, string? notice, object? routeValues,
        Func<ServiceResult, Task<IActionResult>> showRefused) =>
        await page.Respond(result, notice, () => page.RedirectToPage(routeValues), showRefused);

    /// <summary>
    /// As <see cref="OutcomeAsync(PageModel, ServiceResult, string?, object?, Func{Task{IActionResult}}, string, bool, bool, bool, Func{string, string}?)"/>,
    /// for an action that succeeds on another page (the record it made or changed): on success the redirect goes to
    /// <paramref name="localUrl"/>, a URL on this site.
    /// </summary>
    public static async Task<IActionResult> OutcomeAtAsync(this PageModel page, ServiceResult result, string? notice, string localUrl,
        Func<Task<IActionResult>> showAgain, string prefix = "", bool clearFirst = false, bool conflictIs409 = false, bool invalidIs422 = false,
        Func<string, string>? key = null) =>
        await page.Respond(result, notice, () => page.LocalRedirect(localUrl),
            ShowAgain(page, result, showAgain, clearFirst, key ?? Key(prefix), conflictIs409, invalidIs422));

    /// <summary>The page shown again as it stands, for a refusal that needs nothing reloaded.</summary>
    public static Func<Task<IActionResult>> PageAgain(this PageModel page) => () => Task.FromResult<IActionResult>(page.Page());

    /// <summary>The page shown again after <paramref name="load"/> has reloaded what it shows beside the form.</summary>
    public static Func<Task<IActionResult>> PageAgain(this PageModel page, Func<Task> load) => async () =>
    {
        await load();
        return page.Page();
    };

    private static Func<ServiceResult, Task<IActionResult>> ShowAgain(PageModel page, ServiceResult result, Func<Task<IActionResult>> showAgain,
        bool clearFirst, Func<string, string> key, bool conflictIs409, bool invalidIs422) => _ =>
    {
        if (clearFirst) page.ModelState.Clear();
        page.ShowRefusal(result, key, conflictIs409, invalidIs422);
        return showAgain();
    };

    private static async Task<IActionResult> Respond(this PageModel page, ServiceResult result, string? notice, Func<IActionResult> redirect,
        Func<ServiceResult, Task<IActionResult>> showRefused)
    {
        if (result.IsNotFound) return page.NotFound();
        if (result.Succeeded)
        {
            if (notice is not null) page.TempData["Notice"] = notice;
            return redirect();
        }
        return await showRefused(result);
    }
}
