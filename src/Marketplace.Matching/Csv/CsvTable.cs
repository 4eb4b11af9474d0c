using System.Text;

namespace Marketplace.Matching.Csv;

/// <summary>
/// One record of a CSV file with the physical line it starts on (quoted fields may span lines) and where each field
/// starts (line and 1-based character column), so a problem in one cell can be named file:line:column.
/// </summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, IReadOnlyList<(int Line, int Column)>? Positions = null)
{
    /// <summary>Where field <paramref name="index"/> starts; past the last field, just after the record's last field.</summary>
    public (int Line, int Column) PositionOf(int index) =>
        Positions is { Count: > 0 } p ? index < p.Count ? p[index] : p[^1] : (Line, 1);
}

/// <summary>A CSV syntax problem at a line (1-based) and column (1-based character position).</summary>
public sealed record CsvSyntaxError(int Line, int Column, string Message);

/// <summary>
/// A small RFC 4180 reader: comma-separated, double-quote quoting with "" escapes, CRLF or LF,
/// an optional UTF-8 BOM. It reports where a record starts so errors can name file:line.
/// </summary>
public static class CsvTable
{
    public static (List<CsvRecord> Records, List<CsvSyntaxError> Errors) Parse(TextReader reader) => Parse(reader.ReadToEnd());

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(",\r\n\"");

    /// <summary>Parses a whole text; an unquoted field is cut out in one piece (the common case of large files).</summary>
    public static (List<CsvRecord> Records, List<CsvSyntaxError> Errors) Parse(string text) => Parse(text, 0, text.Length, 1);

    /// <summary>
    /// Like <see cref="Parse(string)"/>, in up to <paramref name="parts"/> pieces at once for a large text. The text is
    /// cut after line breaks preceded by an even number of quotes (outside any quoted field when the text before is
    /// well formed, which the piece before then proves by parsing without a problem); if any piece finds a problem,
    /// the whole text is parsed again in one piece, so records and problems are always those of <see cref="Parse(string)"/>.
    /// </summary>
    public static (List<CsvRecord> Records, List<CsvSyntaxError> Errors) ParseParallel(string text, int parts) => ParseParallel(text, parts, ParallelMinChars);

    /// <summary><see cref="ParseParallel(string, int)"/>, cutting texts of at least <paramref name="minChars"/> characters (tests cut small ones).</summary>
    internal static (List<CsvRecord> Records, List<CsvSyntaxError> Errors) ParseParallel(string text, int parts, int minChars)
    {
        if (parts <= 1 || text.Length < minChars || HasLoneCarriageReturn(text)) return Parse(text);
        var cuts = new List<int> { 0 };
        var lines = new List<int> { 1 };
        int at = 0, line = 1;
        var quotes = 0L;
        for (var p = 1; p < parts; p++)
        {
            var target = (int)((long)text.Length * p / parts);
            if (target <= at) continue;
            quotes += text.AsSpan(at, target - at).Count('"');
            line += text.AsSpan(at, target - at).Count('\n');
            at = target;
            while (true)
            {
                var nl = text.IndexOf('\n', at);
                if (nl < 0) { at = text.Length; break; }
                quotes += text.AsSpan(at, nl - at).Count('"');
                line += 1;
                at = nl + 1;
                if (quotes % 2 == 0) break;
            }
            if (at >= text.Length) break;
            cuts.Add(at);
            lines.Add(line);
        }
        cuts.Add(text.Length);
        var pieces = new (List<CsvRecord> Records, List<CsvSyntaxError> Errors)[cuts.Count - 1];
        Parallel.For(0, pieces.Length, i => pieces[i] = Parse(text, cuts[i], cuts[i + 1], lines[i]));
        if (pieces.Any(x => x.Errors.Count > 0)) return Parse(text);
        var records = new List<CsvRecord>(pieces.Sum(x => x.Records.Count));
        foreach (var x in pieces) records.AddRange(x.Records);
        return (records, []);
    }

    private const int ParallelMinChars = 1 << 20;

    // The parser counts a carriage return without a line feed as a line break outside quotes only; a text with one is
    // never cut, so that a piece's first line number can be counted from line feeds alone.
    private static bool HasLoneCarriageReturn(string text)
    {
        for (var i = text.IndexOf('\r'); i >= 0; i = text.IndexOf('\r', i + 1))
            if (i + 1 >= text.Length || text[i + 1] != '\n') return true;
        return false;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (List<CsvRecord> Records, List<CsvSyntaxError> Errors) Parse(string text, int start, int end, int firstLine)
    {
        var records = new List<CsvRecord>();
        var errors = new List<CsvSyntaxError>();
        var fields = new List<string>();
        var positions = new List<(int, int)>();
        var field = new StringBuilder();
        int line = firstLine, column = 0, recordLine = firstLine, fieldLine = firstLine, fieldColumn = 1;
        bool inQuotes = false, fieldWasQuoted = false, afterQuote = false, any = false;
        var pos = start == 0 && text.Length > 0 && text[0] == '\uFEFF' ? 1 : start;
        while (pos < end)
        {
            // Fast path: a field that starts unquoted and holds no quote runs to the next delimiter.
            if (!inQuotes && !afterQuote && field.Length == 0 && !fieldWasQuoted && text[pos] != '"')
            {
                var rest = text.AsSpan(pos, end - pos);
                var stop = rest.IndexOfAny(Special);
                if (stop < 0) stop = rest.Length;
                if (stop > 0 && (stop == rest.Length || rest[stop] != '"'))
                {
                    field.Append(rest[..stop]);
                    column += stop;
                    pos += stop;
                    any = true;
                    if (pos >= end) break;
                }
            }
            var ch = text[pos++];
            column++;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (pos < end && text[pos] == '"')
                    {
                        pos++;
                        column++;
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                        column = 0;
                    }
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case ',':
                    fields.Add(field.ToString());
                    positions.Add((fieldLine, fieldColumn));
                    (fieldLine, fieldColumn) = (line, column + 1);
                    field.Clear();
                    fieldWasQuoted = afterQuote = false;
                    any = true;
                    break;
                case '\r':
                    if (pos < end && text[pos] == '\n') break;
                    goto case '\n';
                case '\n':
                    if (any || field.Length > 0 || fields.Count > 0 || fieldWasQuoted)
                    {
                        fields.Add(field.ToString());
                        positions.Add((fieldLine, fieldColumn));
                        records.Add(new CsvRecord(recordLine, fields.ToArray(), positions.ToArray()));
                    }
                    fields.Clear();
                    positions.Clear();
                    field.Clear();
                    fieldWasQuoted = afterQuote = any = false;
                    line++;
                    column = 0;
                    recordLine = line;
                    (fieldLine, fieldColumn) = (line, 1);
                    break;
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    any = true;
                    break;
                default:
                    if (afterQuote)
                    {
                        errors.Add(new CsvSyntaxError(line, column, "text after a closing quote"));
                        afterQuote = false;
                    }
                    else if (ch == '"')
                    {
                        errors.Add(new CsvSyntaxError(line, column, "a quote inside an unquoted field"));
                    }
                    field.Append(ch);
                    any = true;
                    break;
            }
        }
        if (inQuotes) errors.Add(new CsvSyntaxError(recordLine, 1, "a quoted field is not closed"));
        if (any || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            positions.Add((fieldLine, fieldColumn));
            records.Add(new CsvRecord(recordLine, fields.ToArray(), positions.ToArray()));
        }
        return (records, errors);
    }
}
