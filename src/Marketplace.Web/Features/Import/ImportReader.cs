using System.Text;
using System.Text.Json;

namespace Marketplace.Web.Features.Import;

/// <summary>How the bytes of a CSV file are decoded: detected, or as the user chose.</summary>
public enum ImportEncoding
{
    Auto,
    Utf8,
    ShiftJis,
}

/// <summary>A file's rows as read, with the problems of the file itself (syntax, unknown columns) at their places.</summary>
public sealed record ImportTable(List<ImportRow> Rows, List<ImportProblem> Problems, string EncodingName);

/// <summary>
/// Reads an import file into rows of cells that know their place: CSV in UTF-8 (with or without BOM) or Shift_JIS (CP932,
/// as Excel saves it), or JSON (UTF-8): an array of objects, or an object whose "rows" is that array.
/// </summary>
public sealed class ImportReader(IStringLocalizer<SharedResource> t)
{
    static ImportReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding ShiftJis => Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    public static bool LooksLikeJson(string fileName, byte[] bytes)
    {
        if (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return true;
        var i = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return i < bytes.Length && bytes[i] is (byte)'[' or (byte)'{';
    }

    public ImportTable Read(ImportKind kind, string fileName, byte[] bytes, ImportEncoding encoding) =>
        LooksLikeJson(fileName, bytes) ? ReadJson(kind, bytes) : ReadCsv(kind, bytes, encoding);

    /// <summary>
    /// UTF-8 unless the bytes are not valid UTF-8 (then Shift_JIS), or as chosen. A file that is valid in neither is
    /// refused with the place of the first bad byte rather than read with replacement characters.
    /// </summary>
    private (string? Text, string Name, ImportProblem? Problem) Decode(byte[] bytes, ImportEncoding choice)
    {
        var hasBom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        if (choice != ImportEncoding.ShiftJis)
        {
            try
            {
                return (StrictUtf8.GetString(bytes, hasBom ? 3 : 0, bytes.Length - (hasBom ? 3 : 0)), "UTF-8", null);
            }
            catch (DecoderFallbackException ex) when (choice == ImportEncoding.Utf8)
            {
                var (line, column) = PlaceOfByte(bytes, Math.Max(0, ex.Index + (hasBom ? 3 : 0)));
                return (null, "UTF-8", new ImportProblem(line, column, "", t["Import_NotUtf8"]));
            }
            catch (DecoderFallbackException)
            {
            }
        }
        try
        {
            return (ShiftJis.GetString(bytes), "Shift_JIS", null);
        }
        catch (DecoderFallbackException ex)
        {
            var (line, column) = PlaceOfByte(bytes, Math.Max(0, ex.Index));
            return (null, "Shift_JIS", new ImportProblem(line, column, "", t["Import_NotShiftJis"]));
        }
    }

    /// <summary>The line and byte column of a byte offset (for a file that could not be decoded, bytes are all there is).</summary>
    private static (int Line, int Column) PlaceOfByte(byte[] bytes, int offset)
    {
        int line = 1, start = 0;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                start = i + 1;
            }
        }
        return (line, offset - start + 1);
    }

    private ImportTable ReadCsv(ImportKind kind, byte[] bytes, ImportEncoding encoding)
    {
        var (text, name, problem) = Decode(bytes, encoding);
        if (text is null) return new([], [problem!], name);
        var (records, syntax) = Csv.Read(text);
        var problems = syntax.Select(e => new ImportProblem(e.Line, e.Column, "", t["Import_CsvSyntax", CsvMessage(e.Reason)])).ToList();
        var rows = new List<ImportRow>();
        if (records.Count == 0) return new(rows, [.. problems, new ImportProblem(1, 1, "", t["Import_Empty"])], name);

        var header = records[0];
        var columns = new ImportColumn?[header.Fields.Count];
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var (line, column) = header.PositionOf(i);
            var title = header.Fields[i].Trim();
            if (title.Length == 0) continue;
            columns[i] = ImportFormat.Find(kind, title);
            if (columns[i] is null) problems.Add(new ImportProblem(line, column, title, t["Import_UnknownColumn", title]));
            else if (columns.Take(i).Any(c => c?.Name == columns[i]!.Name)) problems.Add(new ImportProblem(line, column, title, t["Import_DuplicateColumn", title]));
        }
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.All(f => f.Trim().Length == 0)) continue;
            var cells = new Dictionary<string, ImportCell>();
            for (var i = 0; i < record.Fields.Count; i++)
            {
                var (line, column) = record.PositionOf(i);
                if (i >= columns.Length)
                {
                    if (record.Fields[i].Trim().Length > 0) problems.Add(new ImportProblem(line, column, "", t["Import_ExtraField", columns.Length]));
                    continue;
                }
                if (columns[i] is { } c) cells.TryAdd(c.Name, new ImportCell(record.Fields[i], line, column));
            }
            rows.Add(new ImportRow(record.Line, 1, cells));
        }
        return new(rows, problems, name);
    }

    private string CsvMessage(CsvHelper.CsvMalformedReason reason) => reason switch
    {
        CsvHelper.CsvMalformedReason.TextAfterClosingQuote => t["Import_Csv_AfterQuote"],
        CsvHelper.CsvMalformedReason.StrayQuote => t["Import_Csv_QuoteInside"],
        CsvHelper.CsvMalformedReason.UnterminatedQuote => t["Import_Csv_Unclosed"],
        _ => reason.ToString(),
    };

    private ImportTable ReadJson(ImportKind kind, byte[] bytes)
    {
        // The reader takes no BOM; places are counted in the text after it.
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[3..];
        var lines = new JsonLines(bytes);
        var rows = new List<ImportRow>();
        var problems = new List<ImportProblem>();
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read()) return new(rows, [new ImportProblem(1, 1, "", t["Import_Empty"])], "UTF-8");
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                // { "rows": [ ... ] } (other properties, such as a note, are allowed and ignored)
                var found = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isRows = reader.ValueTextEquals("rows");
                    reader.Read();
                    if (isRows && reader.TokenType == JsonTokenType.StartArray)
                    {
                        found = true;
                        ReadJsonRows(kind, ref reader, lines, rows, problems);
                    }
                    else reader.Skip();
                }
                if (!found) problems.Add(new ImportProblem(1, 1, "", t["Import_JsonShape"]));
            }
            else if (reader.TokenType == JsonTokenType.StartArray) ReadJsonRows(kind, ref reader, lines, rows, problems);
            else
            {
                var (line, column) = lines.PlaceOf(reader.TokenStartIndex);
                problems.Add(new ImportProblem(line, column, "", t["Import_JsonShape"]));
            }
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            problems.Add(new ImportProblem(line, lines.ColumnOfBytePosition(line, (int)(ex.BytePositionInLine ?? 0)), "", t["Import_JsonSyntax"]));
        }
        return new(rows, problems, "UTF-8");
    }

    /// <summary>Reads the objects of the rows array; the reader is on its StartArray and ends on its EndArray.</summary>
    private void ReadJsonRows(ImportKind kind, ref Utf8JsonReader reader, JsonLines lines, List<ImportRow> rows, List<ImportProblem> problems)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var (rowLine, rowColumn) = lines.PlaceOf(reader.TokenStartIndex);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                problems.Add(new ImportProblem(rowLine, rowColumn, "", t["Import_JsonRowNotObject"]));
                reader.Skip();
                continue;
            }
            var cells = new Dictionary<string, ImportCell>();
            ReadJsonObject(kind, ref reader, lines, "", cells, problems);
            rows.Add(new ImportRow(rowLine, rowColumn, cells));
        }
    }

    private void ReadJsonObject(ImportKind kind, ref Utf8JsonReader reader, JsonLines lines, string prefix, Dictionary<string, ImportCell> cells, List<ImportProblem> problems)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var (nameLine, nameColumn) = lines.PlaceOf(reader.TokenStartIndex);
            var name = prefix + reader.GetString();
            reader.Read();
            var (line, column) = lines.PlaceOf(reader.TokenStartIndex);
            if (prefix.Length == 0 && reader.TokenType == JsonTokenType.StartArray && ImportFormat.Find(kind, name + "[0].Name") is not null)
            {
                // Call roles and criteria as arrays of objects: [{"Name": "CIO補佐官", "MayCombine": true}, ...]
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.StartObject) ReadJsonObject(kind, ref reader, lines, $"{name}[{index}].", cells, problems);
                    else reader.Skip();
                    index++;
                }
                continue;
            }
            var column0 = ImportFormat.Find(kind, name);
            if (column0 is null)
            {
                problems.Add(new ImportProblem(nameLine, nameColumn, name, t["Import_UnknownColumn", name]));
                reader.Skip();
                continue;
            }
            string? value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                JsonTokenType.Null => "",
                JsonTokenType.StartArray => JsonStrings(ref reader),
                _ => null,
            };
            if (value is null)
            {
                problems.Add(new ImportProblem(line, column, column0.Name, t["Import_JsonValue"]));
                reader.Skip();
                continue;
            }
            cells[column0.Name] = new ImportCell(value, line, column);
        }
    }

    /// <summary>An array of strings or numbers, one a line (duties, skill codes); null if it holds anything else.</summary>
    private static string? JsonStrings(ref Utf8JsonReader reader)
    {
        var items = new List<string>();
        var ok = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String) items.Add(reader.GetString()!);
            else if (reader.TokenType == JsonTokenType.Number) items.Add(Encoding.UTF8.GetString(reader.ValueSpan));
            else
            {
                ok = false;
                reader.Skip();
            }
        }
        return ok ? string.Join('\n', items) : null;
    }

    /// <summary>Turns byte offsets of a UTF-8 document into 1-based lines and character columns.</summary>
    private sealed class JsonLines
    {
        private readonly byte[] bytes;
        private readonly List<int> starts = [0];

        public JsonLines(byte[] bytes)
        {
            this.bytes = bytes;
            for (var i = 0; i < bytes.Length; i++) if (bytes[i] == (byte)'\n') starts.Add(i + 1);
        }

        public (int Line, int Column) PlaceOf(long offset)
        {
            var index = starts.BinarySearch((int)offset);
            if (index < 0) index = ~index - 1;
            return (index + 1, Chars(starts[index], (int)offset) + 1);
        }

        public int ColumnOfBytePosition(int line, int bytePosition)
        {
            var start = line - 1 < starts.Count ? starts[line - 1] : 0;
            return Chars(start, Math.Min(bytes.Length, start + bytePosition)) + 1;
        }

        private int Chars(int from, int to)
        {
            return to <= from ? 0 : Encoding.UTF8.GetCharCount(bytes, from, to - from);
        }
    }
}
