using Marketplace.Matching.Text;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Features;

/// <summary>
/// Reads numbers typed into a form (full-width digits, separators and 円 accepted) and records a
/// message in the page's language for a field that is missing, unreadable or out of range.
/// The first message per field wins.
/// </summary>
public sealed class NumberFields(IStringLocalizer t, Dictionary<string, string> errors)
{
    public int? Int(string field, string? text, string label, int min, int max, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) errors.TryAdd(field, t["Val_Required", t[label]]);
            return null;
        }
        if (!JapaneseText.TryParseYen(text, out var v) || v < min || v > max)
        {
            errors.TryAdd(field, t["Val_IntRange", t[label], min, max]);
            return null;
        }
        return (int)v;
    }

    public double? Dec(string field, string? text, string label, double min, double max, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) errors.TryAdd(field, t["Val_Required", t[label]]);
            return null;
        }
        if (!JapaneseText.TryParseDecimal(text, out var v) || v < min || v > max)
        {
            errors.TryAdd(field, t["Val_DecimalRange", t[label], min, max]);
            return null;
        }
        return v;
    }

    /// <summary>A whole number of yen (full-width digits, separators, 円 and ¥ accepted).</summary>
    public long? Yen(string field, string? text, string label, long max, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) errors.TryAdd(field, t["Val_Required", t[label]]);
            return null;
        }
        if (!JapaneseText.TryParseYen(text, out var v))
        {
            errors.TryAdd(field, t["Val_Yen", t[label]]);
            return null;
        }
        if (v < 0)
        {
            errors.TryAdd(field, t["Val_NotNegative", t[label]]);
            return null;
        }
        if (v > max)
        {
            errors.TryAdd(field, t["Val_TooLarge", t[label]]);
            return null;
        }
        return v;
    }

    /// <summary>A date typed as 2026-04-01, 2026/4/1, 2026年4月1日 or 20260401 (full-width digits too).</summary>
    public DateOnly? Date(string field, string? text, string label, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) errors.TryAdd(field, t["Val_Required", t[label]]);
            return null;
        }
        if (!Openings.OpeningService.TryParseDate(text, out var d))
        {
            errors.TryAdd(field, t["Val_Date", t[label]]);
            return null;
        }
        return d;
    }
}
