using Marketplace.Web.Features.Organizations;

namespace Marketplace.Web.Pages.Admin.Organizations;

/// <summary>Registers many municipalities at once from a CSV file (all rows or none).</summary>
public sealed class ImportModel(OrganizationService organizations, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int MaxFileMegabytes = 5;
    public const long MaxFileBytes = MaxFileMegabytes * 1024L * 1024L;

    /// <summary>A problem with the file input itself (missing, too large).</summary>
    public string? FileError { get; private set; }

    /// <summary>Problems found in the file's contents, one per line as "file:line: ...".</summary>
    public IReadOnlyList<string> ImportErrors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            FileError = t["Admin_Import_NoFile"];
            return Page();
        }
        if (file.Length > MaxFileBytes)
        {
            FileError = t["Admin_Import_TooLarge", MaxFileMegabytes];
            return Page();
        }
        var fileName = Path.GetFileName(file.FileName);
        ImportResult result;
        await using (var stream = file.OpenReadStream())
        {
            result = await organizations.ImportAsync(stream, fileName, ct);
        }
        if (result.Errors.Count > 0)
        {
            ImportErrors = result.Errors;
            return Page();
        }
        TempData["Notice"] = t["Admin_Import_Done", result.Added, result.Skipped].Value;
        return LocalRedirect("/admin/organizations");
    }
}
