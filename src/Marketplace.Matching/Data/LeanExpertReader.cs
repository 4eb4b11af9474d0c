using System.Buffers;
using System.Globalization;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

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
    private static readonly Lazy<Codes> Skills = new(() => new Codes(MatchingTaxonomy.Skills));
    private static readonly Lazy<Codes> Certifications = new(() => new Codes(MatchingTaxonomy.Certifications));
    private static readonly Lazy<Codes> Engagements = new(() => new Codes(MatchingTaxonomy.Engagements));

    /// <summary>Code lookup by span, giving the taxonomy's own string.</summary>
    private sealed class Codes(IReadOnlyList<TaxonomyEntry> list)
    {
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup =
            list.ToDictionary(e => e.Code, e => e.Code, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        public string? Find(ReadOnlySpan<char> code) => _lookup.TryGetValue(code, out var s) ? s : null;
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

    private static unsafe List<ExpertRecord>? TryRead(byte* data, int length, HashSet<string> ids, int parts)
    {
        var text = new ReadOnlySpan<byte>(data, length);
        var pos = text.StartsWith("\uFEFF"u8) ? 3 : 0;
        if (!text[pos..].StartsWith(Header)) return null;
        pos += Header.Length;
        if (pos < length && text[pos] == '\r') pos++;
        if (pos >= length || text[pos] != '\n') return null;
        pos++;
        var cuts = Cuts(text, pos, length - pos < 1 << 16 ? 1 : Math.Max(1, parts));
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

    /// <summary>Piece starts after line feeds preceded by an even number of quotes (outside quotes in a well-formed text).</summary>
    private static List<int> Cuts(ReadOnlySpan<byte> text, int start, int parts)
    {
        var cuts = new List<int> { start };
        var at = start;
        var quotes = 0L;
        for (var p = 1; p < parts; p++)
        {
            var target = start + (int)((long)(text.Length - start) * p / parts);
            if (target <= at) continue;
            quotes += text[at..target].Count((byte)'"');
            at = target;
            while (true)
            {
                var nl = text[at..].IndexOf((byte)'\n');
                if (nl < 0) { at = text.Length; break; }
                quotes += text.Slice(at, nl).Count((byte)'"');
                at += nl + 1;
                if (quotes % 2 == 0) break;
            }
            if (at >= text.Length) break;
            cuts.Add(at);
        }
        cuts.Add(text.Length);
        return cuts;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<ExpertRecord>? ReadPiece(ReadOnlySpan<byte> text, int pos, int end)
    {
        var result = new List<ExpertRecord>((end - pos) / 400 + 16);
        Span<Range> f = stackalloc Range[Fields];
        // The row's fields but the last, widened to characters (they must be ASCII), one after the other.
        var chars = new char[1024];
        string? summary = null;
        while (pos < end)
        {
            // A blank line is no record (as in CsvTable).
            if (text[pos] == '\n') { pos++; continue; }
            if (text[pos] == '\r' && pos + 1 < end && text[pos + 1] == '\n') { pos += 2; continue; }
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
                        if (q < 0) return null;
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
                var raw = text[fieldStart..fieldEnd];
                if (k < Fields - 1)
                {
                    // Codes and numbers: ASCII only here (anything else, such as a full-width digit, is left to the plain path).
                    if (!Ascii.IsValid(raw) || used + raw.Length > chars.Length) return null;
                    Ascii.ToUtf16(raw, chars.AsSpan(used), out var written);
                    var value = chars.AsSpan(used, written);
                    if (escapes) written = Unescape(value);
                    f[k] = new Range(used, used + written);
                    used += written;
                }
                else
                {
                    if (!Utf8.IsValid(raw)) return null;
                    summary = Encoding.UTF8.GetString(raw);
                    if (escapes) summary = summary.Replace("\"\"", "\"", StringComparison.Ordinal);
                }
                // What follows the field: a comma before the last field, a line break (or the end) after it.
                if (k < Fields - 1)
                {
                    if (pos >= end || text[pos] != ',') return null;
                    pos++;
                }
                else if (pos < end)
                {
                    if (text[pos] == '\n') pos++;
                    else if (text[pos] == '\r' && pos + 1 < end && text[pos + 1] == '\n') pos += 2;
                    else return null;
                }
            }
            if (Expert(chars, f, summary!) is not { } expert) return null;
            result.Add(expert);
        }
        return result;
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

    /// <summary>One row's expert, checked as MatchingDataset.ParseExpert checks it; null at the first problem.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ExpertRecord? Expert(char[] chars, Span<Range> f, string summary)
    {
        var id = chars.AsSpan(f[0]).Trim();
        if (id.Length == 0) return null;
        var pref = chars.AsSpan(f[1]).Trim();
        if (pref.Length != 2 || !int.TryParse(pref, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 47) return null;
        // Sized for every item at once (the capacity does not change a dictionary's order).
        var skills = new Dictionary<string, int>(chars.AsSpan(f[2]).Count(';') + 1, StringComparer.Ordinal);
        var skillCodes = Skills.Value;
        foreach (var r in chars.AsSpan(f[2]).Split(';'))
        {
            var item = chars.AsSpan(f[2])[r].Trim();
            if (item.Length == 0) continue;
            var colon = item.LastIndexOf(':');
            if (colon <= 0) return null;
            if (skillCodes.Find(item[..colon].Trim()) is not { } code) return null;
            if (!int.TryParse(item[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var years)) return null;
            if (!skills.TryAdd(code, years)) return null;
        }
        if (CodeList(chars.AsSpan(f[3]), Certifications.Value) is not { } certs) return null;
        if (Long(chars.AsSpan(f[4])) is not { } yearsExp || yearsExp is < 0 or > int.MaxValue) return null;
        if (Long(chars.AsSpan(f[5])) is not { } pubYears || pubYears is < 0 or > int.MaxValue) return null;
        if (Decimal(chars.AsSpan(f[6])) is not { } avail || !(avail > 0 && avail <= 5)) return null;
        if (Decimal(chars.AsSpan(f[7])) is not { } onsite || !(onsite >= 0 && onsite <= 31)) return null;
        if (Long(chars.AsSpan(f[8])) is not { } rate || rate < 0) return null;
        if (CodeList(chars.AsSpan(f[9]), Engagements.Value) is not { } accepts) return null;
        var cio = chars.AsSpan(f[10]).Trim();
        if (cio.Length != 1 || cio[0] is not ('0' or '1')) return null;
        return new ExpertRecord(id.ToString(), PrefectureCodes[p - 1], skills, certs, (int)yearsExp, (int)pubYears,
            avail, onsite, rate, accepts, cio[0] == '1', summary, Array.Empty<string>());
    }

    /// <summary>As Row.Long: a whole number with an optional sign; null when it is not one.</summary>
    private static long? Long(ReadOnlySpan<char> v) =>
        long.TryParse(v.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>As Row.Decimal: a finite number with an optional sign and decimal point; null when it is not one.</summary>
    private static double? Decimal(ReadOnlySpan<char> v) =>
        double.TryParse(v.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    /// <summary>As Row.CodeList: ';'-separated known codes, each once; null at an unknown or repeated one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<string>? CodeList(ReadOnlySpan<char> v, Codes codes)
    {
        var result = new List<string>(v.Count(';') + 1);
        foreach (var r in v.Split(';'))
        {
            var item = v[r].Trim();
            if (item.Length == 0) continue;
            if (codes.Find(item) is not { } code || result.Contains(code)) return null;
            result.Add(code);
        }
        return result;
    }
}
