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
    public static (List<CsvRecord> Records, List<CsvSyntaxError> Errors) Parse(string text)
    {
        var records = new List<CsvRecord>();
        var errors = new List<CsvSyntaxError>();
        var fields = new List<string>();
        var positions = new List<(int, int)>();
        var field = new StringBuilder();
        int line = 1, column = 0, recordLine = 1, fieldLine = 1, fieldColumn = 1;
        bool inQuotes = false, fieldWasQuoted = false, afterQuote = false, any = false;
        var pos = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (pos < text.Length)
        {
            // Fast path: a field that starts unquoted and holds no quote runs to the next delimiter.
            if (!inQuotes && !afterQuote && field.Length == 0 && !fieldWasQuoted && text[pos] != '"')
            {
                var rest = text.AsSpan(pos);
                var stop = rest.IndexOfAny(Special);
                if (stop < 0) stop = rest.Length;
                if (stop > 0 && (stop == rest.Length || rest[stop] != '"'))
                {
                    field.Append(rest[..stop]);
                    column += stop;
                    pos += stop;
                    any = true;
                    if (pos >= text.Length) break;
                }
            }
            var ch = text[pos++];
            column++;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (pos < text.Length && text[pos] == '"')
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
                    if (pos < text.Length && text[pos] == '\n') break;
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

    /// <summary>Quotes a field when it holds a comma, quote or line break (RFC 4180).</summary>
    public static string Escape(string? value)
    {
        value ??= "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Escape));
}
