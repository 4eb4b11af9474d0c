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
    /// Parses a whole number as people type it: full-width digits, thousands separators (, ，),
    /// a trailing 円 or spaces. Returns false for anything else, including decimals and signs other than a leading minus.
    /// </summary>
    public static bool TryParseYen(string? input, out long value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(input)) return false;
        var s = input.Normalize(NormalizationForm.FormKC).Trim();
        if (s.EndsWith('円')) s = s[..^1];
        if (s.StartsWith('¥') || s.StartsWith('\\')) s = s[1..];
        s = s.Replace(",", "").Replace(" ", "").Replace("−", "-").Replace("ー", "-");
        return s.Length > 0 && s.Length <= 16 && s.All(c => char.IsAsciiDigit(c) || c == '-')
            && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
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
