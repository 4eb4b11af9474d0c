using System.Globalization;
using System.Text;

namespace Marketplace.Matching.Text;

/// <summary>Normalisation that makes Japanese text comparable: full-width ASCII and half-width kana folded by NFKC, then lower-cased.</summary>
public static class JapaneseText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var nfkc = text.Normalize(NormalizationForm.FormKC);
        return nfkc.ToLower(CultureInfo.InvariantCulture);
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
