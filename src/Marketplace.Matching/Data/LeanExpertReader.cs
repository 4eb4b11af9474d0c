using System.Buffers;
using System.Globalization;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Marketplace.Matching.Features;
using Marketplace.Matching.Text;

namespace Marketplace.Matching.Data;

/// <summary>
/// The fastest way to read a valid experts.csv: its UTF-8 bytes mapped into memory (never copied, never decoded as a
/// whole), the canonical header, then rows read in pieces on all cores with no record, field list or split array per
/// row. Codes and numbers must be ASCII and are checked as characters with the plain path's own parsing calls; codes
/// (prefecture, skills, certifications, engagements) are looked up by span and the taxonomy's own strings are kept, so a
/// row costs its id, its self-introduction (decoded alone), its skill table and two small lists. At anything unusual
/// (another header or BOM, a quote where RFC 4180 does not allow one, a lone carriage return, a wrong field count,
/// non-ASCII or invalid UTF-8, any invalid value, a duplicate id) it gives up and returns null, and the text paths of
/// <see cref="MatchingDataset"/> take over and report as before. Tests prove it gives the plain path's records.
/// </summary>
internal static class LeanExpertReader
{
    private const int Fields = 12;
    private static readonly byte[] Header = Encoding.ASCII.GetBytes(string.Join(',', MatchingDataset.ExpertColumns));
    private static readonly SearchValues<byte> Special = SearchValues.Create(",\r\n\""u8);
    private static readonly string[] PrefectureCodes = Enumerable.Range(1, 47).Select(n => n.ToString("00", CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Code lookup by span, giving the code's position in the taxonomy's list (its dense index) and its own string.</summary>
    private sealed class Codes(IReadOnlyList<TaxonomyEntry> list)
    {
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup =
            list.Select((e, i) => (e.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        public int Count => list.Count;

        public int Find(ReadOnlySpan<char> code) => _lookup.TryGetValue(code, out var i) ? i : -1;

        public string Code(int index) => list[index].Code;
    }

    /// <summary>
    /// The experts of a valid file (its bytes mapped into memory, not copied) in file order, their ids added to
    /// <paramref name="ids"/>; or null (then <paramref name="ids"/> is left as it was).
    /// </summary>
    public static unsafe List<ExpertRecord>? TryReadFile(string path, HashSet<string> ids, int parts)
    {
        var length = new FileInfo(path).Length;
        if (length is 0 or > int.MaxValue) return null;
        using var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        try
        {
            return TryRead(p + view.PointerOffset, (int)length, ids, parts);
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    /// <summary>Like <see cref="TryReadFile"/> for a file's bytes.</summary>
    public static unsafe List<ExpertRecord>? TryRead(byte[] utf8, HashSet<string> ids, int parts)
    {
        fixed (byte* p = utf8) return TryRead(p, utf8.Length, ids, parts);
    }

    /// <summary>
    /// The index of a valid experts.csv with the text weights <paramref name="idf"/>, built straight from its mapped
    /// bytes: rows are found, then read on all cores, each one's figures and text vector written into its slots of the
    /// index, with no record, self-introduction string, skill table or list per expert (only its id). The profiles
    /// behind the index (<see cref="ExpertIndex.Experts"/>) are read again from the file one by one when asked for:
    /// ranking asks only for those it proposes. Null wherever <see cref="TryReadFile"/> would give up (then the text
    /// paths report). The index equals <see cref="ExpertIndex.Build"/> over <see cref="TryReadFile"/>'s records (tests).
    /// </summary>
    /// <param name="textOnDemand">Make each text vector only when ranking first asks for it (see <see cref="ExpertIndex.MakeTextOnDemand"/>).</param>
    public static unsafe ExpertIndex? TryReadIndexFile(string path, TextIdf idf, int parts, bool textOnDemand = false)
    {
        var length = new FileInfo(path).Length;
        if (length is 0 or > int.MaxValue) return null;
        var profiles = new MappedProfiles(path, (int)length);
        try
        {
            var index = profiles.Read(p => TryIndex(p, (int)length, idf, parts, profiles, textOnDemand));
            if (index is null) profiles.Dispose();
            return index;
        }
        catch
        {
            profiles.Dispose();
            throw;
        }
    }

    private static unsafe ExpertIndex? TryIndex(byte* data, int length, TextIdf idf, int parts, MappedProfiles profiles, bool textOnDemand)
    {
        var text = new ReadOnlySpan<byte>(data, length);
        if (RowsStart(text) is not { } pos) return null;
        var cuts = Cuts(data, length, pos, length - pos < 1 << 16 ? 1 : Math.Max(1, parts));
        var address = (nint)data;
        var pieces = new List<int>[cuts.Count - 1];
        Parallel.For(0, pieces.Length, i => pieces[i] = RowStarts(new ReadOnlySpan<byte>((byte*)address, length), cuts[i], cuts[i + 1]));
        var first = new int[pieces.Length + 1];
        for (var i = 0; i < pieces.Length; i++) first[i + 1] = first[i] + pieces[i].Count;
        var n = first[^1];
        var index = ExpertIndex.Empty(n, idf);
        var ids = new string[n];
        var starts = new int[n];
        var ends = new int[n];
        // Where each self-introduction is, when its vector is made on demand (its end negated when it has escaped quotes).
        var summaries = textOnDemand ? (Starts: new int[n], Ends: new int[n]) : default;
        if (textOnDemand) index.MakeTextOnDemand(profiles.Summary);
        var failed = 0;
        Parallel.For(0, pieces.Length, i =>
        {
            if (!TryIndexPiece(new ReadOnlySpan<byte>((byte*)address, length), pieces[i], cuts[i + 1], first[i], index, ids, starts, ends, summaries))
                Volatile.Write(ref failed, 1);
        });
        if (failed != 0) return null;
        profiles.SetRows(starts, ends, summaries.Starts, summaries.Ends);
        return index.TryComplete(profiles, ids) ? index : null;
    }

    /// <summary>Where each row of the piece starts: after a line feed outside quotes, blank lines skipped (as in ReadPiece).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<int> RowStarts(ReadOnlySpan<byte> text, int pos, int end)
    {
        var starts = new List<int>((end - pos) / 400 + 16);
        while (pos < end)
        {
            if (text[pos] == '\n') { pos++; continue; }
            if (text[pos] == '\r' && pos + 1 < end && text[pos + 1] == '\n') { pos += 2; continue; }
            starts.Add(pos);
            var quoted = false;
            while (pos < end)
            {
                var k = text[pos..end].IndexOfAny((byte)'"', (byte)'\n');
                if (k < 0) { pos = end; break; }
                pos += k + 1;
                if (text[pos - 1] == '"') quoted = !quoted;
                else if (!quoted) break;
            }
        }
        return starts;
    }

    /// <summary>Reads the piece's rows (row k is expert <paramref name="first"/> + k) into the index; false at the first problem.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryIndexPiece(ReadOnlySpan<byte> text, List<int> rowStarts, int pieceEnd, int first, ExpertIndex index, string[] ids, int[] starts, int[] ends,
        (int[]? Starts, int[]? Ends) summaries)
    {
        var row = new Row();
        for (var k = 0; k < rowStarts.Count; k++)
        {
            var i = first + k;
            var pos = starts[i] = rowStarts[k];
            var end = ends[i] = k + 1 < rowStarts.Count ? rowStarts[k + 1] : pieceEnd;
            if (!TryReadRow(text, ref pos, end, row) || !TryCheck(row)) return false;
            // Only blank lines may follow the row before the next one.
            if (text[pos..end].IndexOfAnyExcept((byte)'\r', (byte)'\n') >= 0) return false;
            for (var s = 0; s < row.SkillCount; s++) index.AddSkill(i, row.Skills[s], row.SkillYears[s]);
            var certs = 0u;
            for (var c = 0; c < row.CertificationCount; c++)
                if (row.Certifications[c] < 32) certs |= 1u << row.Certifications[c];
            byte engagements = 0;
            for (var e = 0; e < row.EngagementCount; e++) engagements |= Lists.EngagementBits[row.Engagements[e]];
            index.SetFacts(i, row.SkillCount, certs, row.CertificationCount, engagements, row.Prefecture - 1, row.Available, row.Onsite,
                row.Rate, (int)row.PublicSectorYears, (int)row.YearsExperience, row.Cio, hidden: false);
            var raw = text[row.SummaryStart..row.SummaryEnd];
            if (summaries.Starts is { } summaryStarts)
            {
                if (!Utf8.IsValid(raw)) return false;
                summaryStarts[i] = row.SummaryStart;
                summaries.Ends![i] = row.SummaryEscapes ? -row.SummaryEnd : row.SummaryEnd;
                index.SetTextOnDemand(i);
            }
            else
            {
                var written = DecodeSummary(raw, row.SummaryEscapes, ref row.Text);
                if (written < 0) return false;
                index.SetText(i, row.Text.AsSpan(0, written));
            }
            ids[i] = row.Field(0).Trim().ToString();
        }
        return true;
    }

    /// <summary>Decodes a self-introduction's UTF-8 into <paramref name="chars"/> (grown as needed); its length, or -1 when it is not valid UTF-8.</summary>
    private static int DecodeSummary(ReadOnlySpan<byte> raw, bool escapes, ref char[] chars)
    {
        if (chars.Length < raw.Length) chars = new char[Math.Max(raw.Length, chars.Length * 2)];
        if (Utf8.ToUtf16(raw, chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done) return -1;
        return escapes ? Unescape(chars.AsSpan(0, written)) : written;
    }

    /// <summary>
    /// The profiles behind an index read by <see cref="TryReadIndexFile"/>: each is read from the mapped file when first
    /// asked for, then kept. The file must not change while the index is in use.
    /// </summary>
    private sealed class MappedProfiles : IReadOnlyList<ExpertRecord>, IDisposable
    {
        private readonly MemoryMappedFile _map;
        private readonly MemoryMappedViewAccessor _view;
        private readonly int _length;
        private int[] _starts = [], _ends = [];
        private int[]? _summaryStarts, _summaryEnds;
        private ExpertRecord?[] _read = [];

        public unsafe delegate T Reader<out T>(byte* data);

        public MappedProfiles(string path, int length)
        {
            _length = length;
            _map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            _view = _map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        }

        public void SetRows(int[] starts, int[] ends, int[]? summaryStarts, int[]? summaryEnds)
        {
            (_starts, _ends, _summaryStarts, _summaryEnds) = (starts, ends, summaryStarts, summaryEnds);
            _read = new ExpertRecord?[starts.Length];
        }

        /// <summary>Decodes expert <paramref name="i"/>'s self-introduction (checked when the file was read) into <paramref name="chars"/>.</summary>
        public unsafe int Summary(int i, ref char[] chars)
        {
            byte* p = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            try
            {
                var end = _summaryEnds![i];
                var raw = new ReadOnlySpan<byte>(p + _view.PointerOffset, _length)[_summaryStarts![i]..Math.Abs(end)];
                var written = DecodeSummary(raw, end < 0, ref chars);
                return written >= 0 ? written : throw new InvalidDataException("experts.csv changed while its index was in use");
            }
            finally
            {
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
            }
        }

        public unsafe T Read<T>(Reader<T> read)
        {
            byte* p = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            try
            {
                return read(p + _view.PointerOffset);
            }
            finally
            {
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
            }
        }

        public int Count => _starts.Length;

        public ExpertRecord this[int i]
        {
            get
            {
                if (Volatile.Read(ref _read[i]) is { } known) return known;
                var record = ReadRow(i);
                return Interlocked.CompareExchange(ref _read[i], record, null) ?? record;
            }
        }

        private unsafe ExpertRecord ReadRow(int i) => Read(p =>
        {
            var text = new ReadOnlySpan<byte>(p, _length);
            var row = new Row();
            var pos = _starts[i];
            return TryReadRow(text, ref pos, _ends[i], row) && TryCheck(row) && SummaryText(text, row) is { } summary
                ? Record(row, summary)
                : throw new InvalidDataException("experts.csv changed while its index was in use");
        });

        public IEnumerator<ExpertRecord> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose()
        {
            _view.Dispose();
            _map.Dispose();
        }
    }

    /// <summary>Where the rows start after the canonical header (and an optional BOM); null when the header is another.</summary>
    private static int? RowsStart(ReadOnlySpan<byte> text)
    {
        var pos = text.StartsWith("\uFEFF"u8) ? 3 : 0;
        if (!text[pos..].StartsWith(Header)) return null;
        pos += Header.Length;
        if (pos < text.Length && text[pos] == '\r') pos++;
        if (pos >= text.Length || text[pos] != '\n') return null;
        return pos + 1;
    }

    private static unsafe List<ExpertRecord>? TryRead(byte* data, int length, HashSet<string> ids, int parts)
    {
        var text = new ReadOnlySpan<byte>(data, length);
        if (RowsStart(text) is not { } pos) return null;
        var cuts = Cuts(data, length, pos, length - pos < 1 << 16 ? 1 : Math.Max(1, parts));
        var pieces = new List<ExpertRecord>?[cuts.Count - 1];
        var address = (nint)data;
        Parallel.For(0, pieces.Length, i => pieces[i] = ReadPiece(new ReadOnlySpan<byte>((byte*)address, length), cuts[i], cuts[i + 1]));
        if (pieces.Any(p => p is null)) return null;
        var result = new List<ExpertRecord>(pieces.Sum(p => p!.Count));
        var added = new List<string>(result.Capacity);
        foreach (var p in pieces)
        {
            foreach (var x in p!)
            {
                if (!ids.Add(x.Id))
                {
                    foreach (var id in added) ids.Remove(id);
                    return null;
                }
                added.Add(x.Id);
                result.Add(x);
            }
        }
        return result;
    }

    /// <summary>
    /// Piece starts after line feeds preceded by an even number of quotes (outside quotes in a well-formed text). The
    /// quotes of the whole text are counted on all cores, one equal part each; each cut then moves to the next such line end.
    /// </summary>
    private static unsafe List<int> Cuts(byte* data, int length, int start, int parts)
    {
        if (parts <= 1) return [start, length];
        var targets = new int[parts + 1];
        for (var p = 0; p <= parts; p++) targets[p] = start + (int)((long)(length - start) * p / parts);
        var counts = new long[parts];
        var address = (nint)data;
        Parallel.For(0, parts, p => counts[p] = new ReadOnlySpan<byte>((byte*)address, length)[targets[p]..targets[p + 1]].Count((byte)'"'));
        var text = new ReadOnlySpan<byte>(data, length);
        var cuts = new List<int> { start };
        var last = start;
        var before = 0L; // quotes in text[start..targets[p])
        for (var p = 1; p < parts; p++)
        {
            before += counts[p - 1];
            if (targets[p] <= last) continue; // the previous cut is already past this part's start
            var at = targets[p];
            var quotes = before;
            while (true)
            {
                var nl = text[at..].IndexOf((byte)'\n');
                if (nl < 0) { at = length; break; }
                quotes += text.Slice(at, nl).Count((byte)'"');
                at += nl + 1;
                if (quotes % 2 == 0) break;
            }
            if (at >= length) break;
            cuts.Add(at);
            last = at;
        }
        cuts.Add(length);
        return cuts;
    }

    /// <summary>
    /// One parsing thread's scratch: the current row's fields but the last, widened to characters (they must be ASCII)
    /// one after the other, where its self-introduction lies, and its values once checked.
    /// </summary>
    private sealed class Row
    {
        public readonly char[] Chars = new char[1024];
        public readonly Range[] F = new Range[Fields];
        public int SummaryStart, SummaryEnd;
        public bool SummaryEscapes;
        public int Prefecture; // 1..47
        public readonly int[] Skills = new int[Lists.Skills.Count], SkillYears = new int[Lists.Skills.Count];
        public readonly int[] Certifications = new int[Lists.Certifications.Count], Engagements = new int[Lists.Engagements.Count];
        public int SkillCount, CertificationCount, EngagementCount;
        public long YearsExperience, PublicSectorYears, Rate;
        public double Available, Onsite;
        public bool Cio;
        // The self-introduction decoded for the index, grown as needed.
        public char[] Text = new char[2048];

        public ReadOnlySpan<char> Field(int k) => Chars.AsSpan(F[k]);
    }

    /// <summary>The taxonomy's code lists, looked up by span.</summary>
    private static class Lists
    {
        public static readonly Codes Skills = new(MatchingTaxonomy.Skills);
        public static readonly Codes Certifications = new(MatchingTaxonomy.Certifications);
        public static readonly Codes Engagements = new(MatchingTaxonomy.Engagements);
        public static readonly byte[] EngagementBits = MatchingTaxonomy.Engagements.Select(e => ExpertIndex.EngagementBit(e.Code)).ToArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<ExpertRecord>? ReadPiece(ReadOnlySpan<byte> text, int pos, int end)
    {
        var result = new List<ExpertRecord>((end - pos) / 400 + 16);
        var row = new Row();
        while (pos < end)
        {
            // A blank line is no record (as in CsvTable).
            if (text[pos] == '\n') { pos++; continue; }
            if (text[pos] == '\r' && pos + 1 < end && text[pos + 1] == '\n') { pos += 2; continue; }
            if (!TryReadRow(text, ref pos, end, row) || !TryCheck(row) || SummaryText(text, row) is not { } summary) return null;
            result.Add(Record(row, summary));
        }
        return result;
    }

    /// <summary>The row's self-introduction; null when it is not valid UTF-8.</summary>
    private static string? SummaryText(ReadOnlySpan<byte> text, Row row)
    {
        var raw = text[row.SummaryStart..row.SummaryEnd];
        if (!Utf8.IsValid(raw)) return null;
        var summary = Encoding.UTF8.GetString(raw);
        return row.SummaryEscapes ? summary.Replace("\"\"", "\"", StringComparison.Ordinal) : summary;
    }

    /// <summary>Splits the row at <paramref name="pos"/> into its fields and moves past its line break; false when it is not a well-formed row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryReadRow(ReadOnlySpan<byte> text, ref int pos, int end, Row row)
    {
        var used = 0;
        for (var k = 0; k < Fields; k++)
        {
            int fieldStart, fieldEnd;
            var escapes = false;
            if (pos < end && text[pos] == '"')
            {
                // Quoted: up to the closing quote; "" is an escaped quote.
                var at = pos + 1;
                while (true)
                {
                    var q = at < end ? text[at..end].IndexOf((byte)'"') : -1;
                    if (q < 0) return false;
                    q += at;
                    if (q + 1 < end && text[q + 1] == '"') { escapes = true; at = q + 2; continue; }
                    fieldStart = pos + 1;
                    fieldEnd = q;
                    pos = q + 1;
                    break;
                }
            }
            else
            {
                var stop = text[pos..end].IndexOfAny(Special);
                fieldStart = pos;
                pos = stop < 0 ? end : pos + stop;
                fieldEnd = pos;
            }
            if (k < Fields - 1)
            {
                // Codes and numbers: ASCII only here (anything else, such as a full-width digit, is left to the plain path).
                var raw = text[fieldStart..fieldEnd];
                if (!Ascii.IsValid(raw) || used + raw.Length > row.Chars.Length) return false;
                Ascii.ToUtf16(raw, row.Chars.AsSpan(used), out var written);
                if (escapes) written = Unescape(row.Chars.AsSpan(used, written));
                row.F[k] = new Range(used, used + written);
                used += written;
            }
            else
            {
                row.SummaryStart = fieldStart;
                row.SummaryEnd = fieldEnd;
                row.SummaryEscapes = escapes;
            }
            // What follows the field: a comma before the last field, a line break (or the end) after it.
            if (k < Fields - 1)
            {
                if (pos >= end || text[pos] != ',') return false;
                pos++;
            }
            else if (pos < end)
            {
                if (text[pos] == '\n') pos++;
                else if (text[pos] == '\r' && pos + 1 < end && text[pos + 1] == '\n') pos += 2;
                else return false;
            }
        }
        return true;
    }

    /// <summary>Turns each "" into " in place; returns the new length.</summary>
    private static int Unescape(Span<char> value)
    {
        var n = 0;
        for (var i = 0; i < value.Length; i++)
        {
            value[n++] = value[i];
            if (value[i] == '"') i++;
        }
        return n;
    }

    /// <summary>Checks the row's values as MatchingDataset.ParseExpert checks them and keeps them in <paramref name="row"/>; false at the first problem.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryCheck(Row row)
    {
        if (row.Field(0).Trim().Length == 0) return false;
        var pref = row.Field(1).Trim();
        if (pref.Length != 2 || !int.TryParse(pref, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 47) return false;
        row.Prefecture = p;
        var skillField = row.Field(2);
        row.SkillCount = 0;
        foreach (var r in skillField.Split(';'))
        {
            var item = skillField[r].Trim();
            if (item.Length == 0) continue;
            var colon = item.LastIndexOf(':');
            if (colon <= 0) return false;
            var code = Lists.Skills.Find(item[..colon].Trim());
            if (code < 0) return false;
            if (!int.TryParse(item[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var years)) return false;
            if (row.Skills.AsSpan(0, row.SkillCount).Contains(code)) return false;
            row.Skills[row.SkillCount] = code;
            row.SkillYears[row.SkillCount++] = years;
        }
        if (!TryCodeList(row.Field(3), Lists.Certifications, row.Certifications, out row.CertificationCount)) return false;
        if (Long(row.Field(4)) is not { } yearsExp || yearsExp is < 0 or > int.MaxValue) return false;
        if (Long(row.Field(5)) is not { } pubYears || pubYears is < 0 or > int.MaxValue) return false;
        if (Decimal(row.Field(6)) is not { } avail || !(avail > 0 && avail <= 5)) return false;
        if (Decimal(row.Field(7)) is not { } onsite || !(onsite >= 0 && onsite <= 31)) return false;
        if (Long(row.Field(8)) is not { } rate || rate < 0) return false;
        if (!TryCodeList(row.Field(9), Lists.Engagements, row.Engagements, out row.EngagementCount)) return false;
        var cio = row.Field(10).Trim();
        if (cio.Length != 1 || cio[0] is not ('0' or '1')) return false;
        (row.YearsExperience, row.PublicSectorYears, row.Available, row.Onsite, row.Rate, row.Cio) = (yearsExp, pubYears, avail, onsite, rate, cio[0] == '1');
        return true;
    }

    /// <summary>The checked row as a record, with the taxonomy's own code strings.</summary>
    private static ExpertRecord Record(Row row, string summary)
    {
        // Sized for every item at once (the capacity does not change a dictionary's order).
        var skills = new Dictionary<string, int>(row.SkillCount, StringComparer.Ordinal);
        for (var k = 0; k < row.SkillCount; k++) skills.Add(Lists.Skills.Code(row.Skills[k]), row.SkillYears[k]);
        return new ExpertRecord(row.Field(0).Trim().ToString(), PrefectureCodes[row.Prefecture - 1], skills,
            CodeStrings(row.Certifications, row.CertificationCount, Lists.Certifications), (int)row.YearsExperience, (int)row.PublicSectorYears,
            row.Available, row.Onsite, row.Rate, CodeStrings(row.Engagements, row.EngagementCount, Lists.Engagements), row.Cio, summary, Array.Empty<string>());
    }

    private static List<string> CodeStrings(int[] indexes, int count, Codes codes)
    {
        var list = new List<string>(count);
        for (var k = 0; k < count; k++) list.Add(codes.Code(indexes[k]));
        return list;
    }

    /// <summary>As Row.Long: a whole number with an optional sign; null when it is not one.</summary>
    private static long? Long(ReadOnlySpan<char> v) =>
        long.TryParse(v.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>As Row.Decimal: a finite number with an optional sign and decimal point; null when it is not one.</summary>
    private static double? Decimal(ReadOnlySpan<char> v) =>
        double.TryParse(v.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    /// <summary>As Row.CodeList: ';'-separated known codes, each once, as dense indexes; false at an unknown or repeated one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryCodeList(ReadOnlySpan<char> v, Codes codes, int[] into, out int count)
    {
        count = 0;
        foreach (var r in v.Split(';'))
        {
            var item = v[r].Trim();
            if (item.Length == 0) continue;
            var code = codes.Find(item);
            if (code < 0 || into.AsSpan(0, count).Contains(code)) return false;
            into[count++] = code;
        }
        return true;
    }
}
