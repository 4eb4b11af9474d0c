using System.Globalization;
using System.Text;

namespace Marketplace.Matching.Text;

/// <summary>Normalisation that makes Japanese text comparable: full-width ASCII and half-width kana folded by NFKC, then lower-cased.</summary>
public static class JapaneseText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // Most self-introductions hold only characters NFKC leaves as they are: skip the (costly) normaliser then.
        var nfkc = NfkcStable(text) ? text : text.Normalize(NormalizationForm.FormKC);
        return nfkc.ToLower(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// True when every character is one NFKC maps to itself: printable ASCII and tab/line breaks, CJK unified
    /// ideographs, hiragana, full-width katakana (without the compatibility ones) and the common Japanese punctuation.
    /// </summary>
    private static bool NfkcStable(string text)
    {
        foreach (var c in text)
        {
            var ok = c switch
            {
                >= ' ' and <= '~' => true,
                '\n' or '\r' or '\t' => true,
                >= '\u4E00' and <= '\u9FFF' => true,
                >= '\u3041' and <= '\u3096' => true,
                >= '\u30A1' and <= '\u30FA' => true,
                >= '\u30FC' and <= '\u30FE' => true,
                >= '\u3001' and <= '\u3003' => true,
                >= '\u3005' and <= '\u3007' => true,
                >= '\u300C' and <= '\u300F' => true,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

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

    /// <summary>Folds full-width digits and letters to ASCII and removes spaces and hyphens: for codes people type.</summary>
    public static string NormalizeCode(string? input) =>
        string.IsNullOrEmpty(input)
            ? ""
            : new string(input.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
}
