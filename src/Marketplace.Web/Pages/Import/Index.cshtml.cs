using Marketplace.Web.Features.Import;

namespace Marketplace.Web.Pages.Import;

/// <summary>
/// Upload → preview → confirm. The upload is checked and previewed without saving anything; the preview carries the file
/// in a token only its uploader can confirm; the confirmation checks the file again and saves every row or none.
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.NationalOffice)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportService.MaxFileBytes + 64 * 1024, ValueLengthLimit = 8 * 1024 * 1024)]
public sealed class IndexModel(ImportService imports, ImportPreviewToken tokens, Data.MarketplaceDbContext db, IStringLocalizer<SharedResource> t) : StaffOrOfficePage(db)
{
    [BindProperty]
    public ImportKind Kind { get; set; } = ImportKind.Openings;

    [BindProperty]
    public ImportEncoding Encoding { get; set; } = ImportEncoding.Auto;

    public string? FileError { get; private set; }
    public ImportCheck? Check { get; private set; }
    public string? Token { get; private set; }
    public ImportSaved? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ForbidOrLoadAsync(ct) is { } refused) return refused;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (await ForbidOrLoadAsync(ct) is { } refused) return refused;
        if (!Enum.IsDefined(Kind)) Kind = ImportKind.Openings;
        if (file is null || file.Length == 0) FileError = t["Import_NoFile"];
        else if (file.Length > ImportService.MaxFileBytes) FileError = t["Import_TooLarge", ImportService.MaxFileMegabytes];
        if (FileError is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer, ct);
        var upload = new ImportUpload(Kind, Encoding, Path.GetFileName(file.FileName), buffer.ToArray());
        Check = await imports.CheckAsync(StaffOrganizationId, User.UserId()!, upload.Kind, upload.FileName, upload.Bytes, upload.Encoding, ct);
        if (Check.CanSave) Token = tokens.Protect(User.UserId()!, upload);
        else Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? token, CancellationToken ct)
    {
        if (await ForbidOrLoadAsync(ct) is { } refused) return refused;
        // Not this account's preview, altered or expired: nothing to confirm.
        if (tokens.Unprotect(User.UserId()!, token) is not { } upload)
        {
            FileError = t["Import_PreviewInvalid"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        (Kind, Encoding) = (upload.Kind, upload.Encoding);
        Check = await imports.CheckAsync(StaffOrganizationId, User.UserId()!, upload.Kind, upload.FileName, upload.Bytes, upload.Encoding, ct);
        if (!Check.CanSave)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        try
        {
            Saved = await imports.SaveAsync(Check, User.UserId()!, ct);
        }
        catch (DbUpdateException)
        {
            Check.Problems.Add(new ImportProblem(1, 1, "", t["Import_SaveFailed"]));
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        return Page();
    }
}
