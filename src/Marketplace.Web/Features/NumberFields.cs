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
}
