using Marketplace.Web.Features.SavedSearches;

namespace Marketplace.Web.Pages.SavedSearches;

/// <summary>
/// The signed-in expert's or vendor's saved searches, paged: open one, rename it, change or stop its alert, delete it;
/// and the target of the search page's "save this search" form. Only the person's own searches are found.
/// </summary>
public sealed class IndexModel(SavedSearchService saved, IStringLocalizer<SharedResource> t) : PageModel
{
    public Paged<SavedSearch> Result { get; private set; } = new([], 1, SavedSearchService.PageSize, 0);

    /// <summary>A search that could not be saved, shown again with what to fix.</summary>
    public string? UnsavedQuery { get; private set; }
    public string? UnsavedName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? query, DigestFrequency frequency, CancellationToken ct)
    {
        var errors = await saved.CreateAsync(User.UserId()!, name, query, frequency, ct);
        if (errors.Count == 0)
        {
            TempData["Notice"] = t["Saved_Created", name!.Trim()].Value;
            return RedirectToPage();
        }
        foreach (var e in errors) ModelState.AddModelError("new-name", e);
        (UnsavedQuery, UnsavedName) = (SavedSearchService.Normalise(query), name);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(int id, string? name, DigestFrequency frequency, string? token, CancellationToken ct)
    {
        var errors = await saved.UpdateAsync(User.UserId()!, id, name, frequency, token, ct);
        if (errors is null) return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = t["Saved_Updated", name!.Trim()].Value;
            return Redirect(ListUrl.Of("/saved-searches", ListUrl.PageOf(Request)));
        }
        foreach (var e in errors) ModelState.AddModelError($"name-{id}", e);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await saved.DeleteAsync(User.UserId()!, id, ct)) return NotFound();
        TempData["Notice"] = t["Saved_Deleted"].Value;
        return RedirectToPage();
    }

    public string TokenOf(SavedSearch s) => saved.ConcurrencyTokenOf(s);

    private async Task LoadAsync(CancellationToken ct) => Result = await saved.ListAsync(User.UserId()!, ListUrl.PageOf(Request), ct);
}
