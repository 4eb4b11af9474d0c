using System.Globalization;
using System.Text;

namespace Marketplace.Matching.Text;

/// <summary>Normalisation that makes Japanese text comparable: full-width ASCII and half-width kana folded by NFKC, then lower-cased.</summary>
public static class JapaneseText
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // Most self-introductions hold only characters that NFKC maps to themselves, plus upper-case ASCII and full-width
        // ASCII (ＤＸ, （）), which NFKC and lower-casing map one character to one character: do that in one pass and skip
        // the (costly) normaliser. Anything else goes through NFKC and lower-casing as written.
        var change = false;
        foreach (var c in text)
        {
            if (c is >= 'A' and <= 'Z' or >= FullWidthFirst and <= FullWidthLast) change = true;
            else if (!NfkcStable(c)) return text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        }
        // Every character was checked above, so the one-pass fold cannot refuse.
        return change ? string.Create(text.Length, text, static (span, t) => _ = TryFold(t, span)) : text;
    }

    /// <summary>
    /// Writes <see cref="Normalize"/>'s result into <paramref name="into"/> (at least as long as the text) when it is
    /// the one-pass fold of the common case (same length); false when the text needs the full normaliser.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static bool TryFold(ReadOnlySpan<char> text, Span<char> into)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= FullWidthFirst and <= FullWidthLast) c = (char)(c - FullWidthOffset);
            else if (!NfkcStable(c) && c is not (>= 'A' and <= 'Z')) return false;
            into[i] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
        }
        return true;
    }

    // Full-width ASCII (！ to ～): NFKC maps each to the ASCII character 0xFEE0 below it.
    private const char FullWidthFirst = '\uFF01', FullWidthLast = '\uFF5E';
    private const int FullWidthOffset = 0xFEE0;

    /// <summary>
    /// True for a character that NFKC maps to itself whatever its neighbours (none composes with another) and that
    /// has no lower case: printable ASCII other than A–Z, tab/line breaks, CJK unified ideographs, hiragana, full-width
    /// katakana (without the compatibility ones) and the common Japanese punctuation (、。〃々〆〇「」『』・ー).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool NfkcStable(char c) => c switch
    {
        >= ' ' and <= '~' => true,
        '\n' or '\r' or '\t' => true,
        >= '\u4E00' and <= '\u9FFF' => true,
        >= '\u3041' and <= '\u3096' => true,
        >= '\u30A1' and <= '\u30FE' => true,
        >= '\u3001' and <= '\u3003' => true,
        >= '\u3005' and <= '\u3007' => true,
        >= '\u300C' and <= '\u300F' => true,
        _ => false,
    };

    /// <summary>Splits a search query into normalised terms (on any kind of white space, including 全角スペース).</summary>
    public static IReadOnlyList<string> SearchTerms(string? query) =>
        Normalize(query).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct()
            .Take(10)
            .ToArray();

    /// <summary>
    /// Parses a whole amount as people write it: full-width digits, separators (, ，), 円, ¥, and the
    /// 万/億/千 units (27万3,800円, 3万, 1,140万円). An amount marked approximate (約, 程度) is refused here;
    /// fields that accept those use <see cref="JapaneseAmount.TryParse"/>.
    /// </summary>
    public static bool TryParseYen(string? input, out long value)
    {
        value = 0;
        if (!JapaneseAmount.TryParse(input, out var parsed) || parsed.Approximate) return false;
        value = parsed.Value;
        return true;
    }

    /// <summary>Parses a decimal such as "2", "0.5" or "２．５" (full-width).</summary>
    public static bool TryParseDecimal(string? input, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(input)) return false;
        var s = input.Normalize(NormalizationForm.FormKC).Trim().Replace("−", "-");
        return double.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>
    /// Folds width (NFKC) and removes every space: for a name people type to search, with or without the space between
    /// family and given name, half- or full-width (山田　花子).
    /// </summary>
    public static string WithoutSpaces(string? input) =>
        string.IsNullOrEmpty(input) ? "" : new string(input.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>Folds full-width digits and letters to ASCII and removes spaces and hyphens: for codes people type.</summary>
    public static string NormalizeCode(string? input) =>
        string.IsNullOrEmpty(input)
            ? ""
            : new string(input.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
}
