namespace Marketplace.Web.Features.Calls;

/// <summary>
/// Attachments are PDF only, judged by content rather than name: the file must start with the
/// "%PDF-" header and end with the "%%EOF" marker, and stay within the size limit.
/// </summary>
public static class PdfFiles
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxFiles = 5;
    public const int NameMax = 200;

    private static readonly byte[] Header = "%PDF-"u8.ToArray();
    private static readonly byte[] Trailer = "%%EOF"u8.ToArray();

    public static bool LooksLikePdf(ReadOnlySpan<byte> content)
    {
        if (content.Length < Header.Length + Trailer.Length || !content.StartsWith(Header)) return false;
        // Writers may put a line break or a little padding after the marker, so look in the last kilobyte.
        var tail = content[Math.Max(0, content.Length - 1024)..];
        return tail.IndexOf(Trailer) >= 0;
    }

    /// <summary>
    /// Reads a file to attach next to <paramref name="existing"/> others, or returns why it is refused (in the
    /// page's language, under the "file" field): too many files already, missing, too large or not a PDF.
    /// </summary>
    public static async Task<(T? Pdf, IReadOnlyDictionary<string, string>? Errors)> AttachAsync<T>(IFormFile? file, int existing, IStringLocalizer t, DateTime now, CancellationToken ct) where T : StoredPdf, new()
    {
        if (existing >= MaxFiles) return (null, new Dictionary<string, string> { ["file"] = t["Call_Val_PdfTooMany", MaxFiles] });
        var (pdf, error) = await ReadAsync<T>(file, t, now, ct);
        return pdf is null ? (null, new Dictionary<string, string> { ["file"] = error! }) : (pdf, null);
    }

    /// <summary>Reads an uploaded file, or returns why it is refused (in the page's language).</summary>
    public static async Task<(T? Pdf, string? Error)> ReadAsync<T>(IFormFile? file, IStringLocalizer t, DateTime now, CancellationToken ct) where T : StoredPdf, new()
    {
        if (file is null || file.Length == 0) return (null, t["Call_Val_PdfMissing"]);
        var name = Path.GetFileName(file.FileName ?? "").Trim();
        if (name.Length == 0) name = "attachment.pdf";
        if (file.Length > MaxBytes) return (null, t["Call_Val_PdfTooLarge", name, MaxBytes / (1024 * 1024)]);
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (!LooksLikePdf(bytes)) return (null, t["Call_Val_PdfOnly", name]);
        if (name.Length > NameMax) name = name[..(NameMax - 4)] + ".pdf";
        if (!name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)) name += ".pdf";
        return (new T { FileName = name, SizeBytes = bytes.Length, Content = bytes, UploadedAt = now }, null);
    }
}

/// <summary>
/// What the shared attachment section (Pages/Shared/_PdfAttachments) shows: the PDFs with links under
/// <paramref name="UrlBase"/>, and for staff the remove buttons and upload form posting to the current page.
/// </summary>
public sealed record PdfAttachmentList(int ParentId, string UrlBase, IReadOnlyList<AttachmentInfo> Items, bool CanRemove = false, bool CanUpload = false);
