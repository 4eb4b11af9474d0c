using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.Cases;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Admin.Cases;

/// <summary>The office writes a case itself (about the governments named by 団体コード); it publishes it from the review page.</summary>
public sealed class NewModel(CaseService cases, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public CaseInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await cases.CreateAsync(null, User.UserId()!, Input, ct);
        if (result.Succeeded)
        {
            TempData["Notice"] = t["Case_Saved"].Value;
            return LocalRedirect($"/admin/cases/{result.Id}");
        }
        ModelState.Clear();
        ModelState.AddErrors(result, "Input");
        return Page();
    }
}
