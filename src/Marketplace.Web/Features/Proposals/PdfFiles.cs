using Marketplace.Data.Entities;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Features.Proposals;

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

/// <summary>Deadlines are typed and shown in Japanese time and stored in UTC.</summary>
public static class JapanTime
{
    public static readonly TimeOnly DefaultDeadlineTime = new(17, 0);

    /// <summary>Accepts 2026-12-01T17:00, 2026/12/01 17:00, 2026年12月1日 17時00分 and a date alone (17:00), full-width digits too.</summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        var s = (text ?? "").Normalize(System.Text.NormalizationForm.FormKC).Trim().Replace('T', ' ').Replace("時", ":").Replace("分", "");
        var parts = s.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || !Openings.OpeningService.TryParseDate(parts[0], out var date)) return false;
        var time = DefaultDeadlineTime;
        if (parts.Length == 2 && !TimeOnly.TryParseExact(parts[1], ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out time)) return false;
        utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified), Localization.DisplayFormatter.Jst);
        return true;
    }

    /// <summary>The value a datetime-local input shows for a stored deadline.</summary>
    public static string ToInput(DateTime utc) => Localization.DisplayFormatter.ToJst(utc).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// What the shared attachment section (Pages/Shared/_PdfAttachments) shows: the PDFs with links under
/// <paramref name="UrlBase"/>, and for staff the remove buttons and upload form posting to the current page.
/// </summary>
public sealed record PdfAttachmentList(int ParentId, string UrlBase, IReadOnlyList<AttachmentInfo> Items, bool CanRemove = false, bool CanUpload = false);
