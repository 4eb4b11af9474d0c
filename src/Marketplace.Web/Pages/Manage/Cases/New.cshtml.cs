using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.Cases;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Manage.Cases;

/// <summary>A government writes a case about itself, as a draft.</summary>
public sealed class NewModel(CaseService cases, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public CaseInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await cases.CreateAsync(User.OrganizationId()!.Value, User.UserId()!, Input, ct);
        if (result.Succeeded)
        {
            TempData["Notice"] = t["Case_Saved"].Value;
            return LocalRedirect($"/manage/cases/{result.Id}");
        }
        ModelState.Clear();
        ModelState.AddErrors(result, "Input");
        return Page();
    }
}
