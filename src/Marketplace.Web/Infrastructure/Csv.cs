using System.Text;
using CsvHelper;

namespace Marketplace.Web.Infrastructure;

/// <summary>One CSV record with the physical line it starts on and where each field starts (line, 1-based column).</summary>
public sealed record CsvLine(int Line, IReadOnlyList<string> Fields, IReadOnlyList<(int Line, int Column)> Positions)
{
    /// <summary>Where field <paramref name="index"/> starts; past the last field, where the last field starts.</summary>
    public (int Line, int Column) PositionOf(int index) => Positions.Count == 0 ? (Line, 1) : index < Positions.Count ? Positions[index] : Positions[^1];
}

/// <summary>A quoting mistake in a CSV file, at a line and 1-based column.</summary>
public sealed record CsvProblem(int Line, int Column, CsvMalformedReason Reason)
{
    /// <summary>The mistake in English (for logs and the organisation import's message).</summary>
    public string Message => Reason switch
    {
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is not closed",
        _ => Reason.ToString(),
    };
}

/// <summary>
/// CSV as the app reads and writes it, through CsvHelper: comma-separated RFC 4180, CRLF line ends when written.
/// Downloads are UTF-8 with a BOM by default and Shift_JIS (code page 932) on request, because Excel on government PCs
/// opens that without an import dialog; cells that a spreadsheet would run as a formula are defused.
/// </summary>
public static class Csv
{
    static Csv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding ShiftJis => Encoding.GetEncoding(932, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);

    private static readonly CsvWriterOptions WriteOptions = CsvWriterOptions.Default with
    {
        NewLine = "\r\n", Quoting = CsvQuoting.WhenNeeded, Injection = CsvInjection.None, ValidateFieldCount = false,
    };

    private static readonly CsvReaderOptions ReadOptions = CsvReaderOptions.Default with
    {
        Separator = ',', HasHeader = false, TrimWhitespace = false, SkipEmptyLines = true, AllowLineBreaksInQuotes = true,
        TrackLineNumbers = true, MalformedData = CsvMalformedDataHandling.Recover, FieldCountMismatch = CsvFieldCountHandling.Allow,
    };

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
    /// CsvHelper's own injection guard knows only the ASCII ones, so cells are defused here.
    /// </summary>
    internal const string FormulaStarts = "=+-@＝＋－＠|;\t\r\n";

    /// <summary>A cell starting with a formula character would run in Excel; a leading apostrophe keeps it text.</summary>
    internal static string? Defuse(string? cell) =>
        cell is { Length: > 0 } && FormulaStarts.Contains(cell[0]) ? "'" + cell : cell;

    /// <summary>Starts CSV text: add a header and rows, then take the text with <see cref="CsvText.ToString"/>.</summary>
    public static CsvText Text() => new(WriteOptions);

    /// <summary>
    /// Reads CSV text (without a BOM) into records with the place of each field, and the quoting mistakes found.
    /// A mistaken record is still read as CsvHelper recovers it (a stray quote kept, text after a closing quote appended,
    /// an unclosed quote running to the end), so one mistake does not hide the problems of the other rows.
    /// </summary>
    public static (List<CsvLine> Records, List<CsvProblem> Problems) Read(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var problems = new List<CsvProblem>();
        var records = new List<CsvLine>();
        using (var reader = CsvReader.Create(utf8, ReadOptions with { OnMalformedRecord = m => problems.Add(ProblemAt(utf8, m)) }))
        {
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i);
                records.Add(new CsvLine((int)reader.LineNumber, fields, Positions((int)reader.LineNumber, Encoding.UTF8.GetString(reader.RawRecord), fields)));
            }
        }
        return (records, problems);
    }

    /// <summary>
    /// Where each field of a well-formed record starts, from its raw text and its values: a quoted field takes its value,
    /// the two quotes and one more character per doubled quote; a field is followed by one comma.
    /// </summary>
    private static (int Line, int Column)[] Positions(int line, string raw, string[] fields)
    {
        var positions = new (int, int)[fields.Length];
        int offset = 0, lineStart = 0;
        for (var i = 0; i < fields.Length; i++)
        {
            positions[i] = (line, offset - lineStart + 1);
            var quoted = offset < raw.Length && raw[offset] == '"';
            var end = Math.Min(raw.Length, offset + (quoted ? fields[i].Length + 2 + fields[i].Count(c => c == '"') : fields[i].Length));
            for (var p = offset; p < end; p++)
            {
                if (raw[p] != '\n') continue;
                line++;
                lineStart = p + 1;
            }
            offset = end + 1;
        }
        return positions;
    }

    private static CsvProblem ProblemAt(byte[] utf8, CsvMalformedRecord m)
    {
        // An unclosed quote runs to the end of the file: it is named at the start of its record.
        if (m.Reason == CsvMalformedReason.UnterminatedQuote) return new CsvProblem((int)m.LineNumber, 1, m.Reason);
        var offset = (int)Math.Clamp(m.ByteOffset, 0, utf8.Length);
        var lineStart = utf8.AsSpan(0, offset).LastIndexOf((byte)'\n') + 1;
        var line = 1 + utf8.AsSpan(0, offset).Count((byte)'\n');
        return new CsvProblem(line, Encoding.UTF8.GetCharCount(utf8, lineStart, offset - lineStart) + 1, m.Reason);
    }
}

/// <summary>CSV text being written (CRLF line ends, quotes only where RFC 4180 needs them).</summary>
public sealed class CsvText
{
    private readonly StringWriter _text = new(System.Globalization.CultureInfo.InvariantCulture);
    private readonly CsvWriter _csv;

    internal CsvText(CsvWriterOptions options) => _csv = CsvWriter.Create(_text, options, leaveOpen: true);

    /// <summary>A row of column names, written as they are.</summary>
    public CsvText Header(IEnumerable<string?> names)
    {
        foreach (var n in names) _csv.WriteField(n ?? "");
        _csv.EndRecord();
        return this;
    }

    /// <summary>A row of values; a value that a spreadsheet would run as a formula is defused.</summary>
    public CsvText Row(IEnumerable<string?> cells)
    {
        foreach (var c in cells) _csv.WriteField(Csv.Defuse(c) ?? "");
        _csv.EndRecord();
        return this;
    }

    public override string ToString()
    {
        _csv.Flush();
        return _text.ToString();
    }
}
