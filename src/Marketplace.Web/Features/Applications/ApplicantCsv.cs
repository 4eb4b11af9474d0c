using System.Globalization;
using System.Text;
using Marketplace.Data.Entities;
using Marketplace.Matching.Csv;
using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Features.Applications;

/// <summary>
/// Applicants of an opening as CSV: UTF-8 with a BOM by default, Shift_JIS (code page 932) on request,
/// because Excel on government PCs opens that without an import dialog.
/// </summary>
public static class ApplicantCsv
{
    static ApplicantCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding ShiftJis => Encoding.GetEncoding(932, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);

    public static byte[] Build(IReadOnlyList<Application> applicants, IReadOnlyDictionary<int, ConflictFlag> flags, IStringLocalizer t, DisplayFormatter fmt, Taxonomy.TaxonomyCatalog taxonomy, bool shiftJis)
    {
        var sb = new StringBuilder();
        sb.Append(CsvTable.Line([
            t["Csv_ApplicationId"], t["Csv_Name"], t["Field_Email"], t["Csv_Phone"], t["Csv_HomePrefecture"], t["Csv_Stage"],
            t["Csv_AppliedAt"], t["Csv_UpdatedAt"], t["Csv_DesiredDayRate"], t["Csv_PublicSectorYears"], t["Csv_Conflict"], t["Field_Motivation"],
        ])).Append("\r\n");
        foreach (var a in applicants)
        {
            var e = a.Expert!;
            sb.Append(CsvTable.Line(new[]
            {
                a.Id.ToString(CultureInfo.InvariantCulture),
                e.AnonymizedAt is null ? e.FullName : t["Applicant_Deleted"],
                e.User?.Email,
                e.Phone,
                Taxonomy.TaxonomyCatalog.Label(taxonomy.Prefectures, e.HomePrefectureCode),
                t[$"Stage_{a.Stage}"],
                fmt.DateTime(a.CreatedAt),
                fmt.DateTime(a.UpdatedAt),
                e.DesiredDayRateYen.ToString(CultureInfo.InvariantCulture),
                e.PublicSectorYears.ToString(CultureInfo.InvariantCulture),
                flags.TryGetValue(e.Id, out var flag) ? flag.Reason : "",
                a.Motivation,
            }.Select(Defuse))).Append("\r\n");
        }
        return Encode(sb.ToString(), shiftJis);
    }

    /// <summary>Whether a download asked for Shift_JIS (<c>encoding=sjis</c> or <c>shift_jis</c>) rather than UTF-8.</summary>
    public static bool WantsShiftJis(string? encoding) =>
        string.Equals(encoding, "sjis", StringComparison.OrdinalIgnoreCase) || string.Equals(encoding, "shift_jis", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// CSV text as Excel opens it: Shift_JIS, or UTF-8 with a BOM at the start of the file (<paramref name="start"/>
    /// false for a later piece of a file written in parts).
    /// </summary>
    public static byte[] Encode(string text, bool shiftJis, bool start = true) =>
        shiftJis ? ShiftJis.GetBytes(text) : start ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    /// <summary>
    /// Characters that make a spreadsheet read a cell as a formula or a command (DDE), also in their full-width forms
    /// (Excel folds ＝ to = when Japanese input is on), and | ; which some programs treat as separators of commands.
    /// </summary>
    internal const string FormulaStarts = "=+-@＝＋－＠|;\t\r\n";

    /// <summary>A cell starting with a formula character would run in Excel; a leading apostrophe keeps it text.</summary>
    internal static string? Defuse(string? cell) =>
        cell is { Length: > 0 } && FormulaStarts.Contains(cell[0]) ? "'" + cell : cell;
}
