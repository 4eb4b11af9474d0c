using Marketplace.Matching.Pay;

namespace Marketplace.Web.Features;

/// <summary>
/// Reads numbers typed into a form (full-width digits, separators and 円 accepted), dates and text, and records a
/// message in the page's language for a field that is missing, unreadable, too long or out of range.
/// The first message per field wins.
/// </summary>
public sealed class NumberFields(IStringLocalizer t, Dictionary<string, string> errors)
{
    public Dictionary<string, string> Errors => errors;

    /// <summary>Each amount or term read, as the number understood, to echo beside the field ("27万3,800円" → 273,800円).</summary>
    public Dictionary<string, string> Understood { get; } = [];

    /// <summary>An amount of yen as written (27万3,800円, 約1,140万円); whether it was marked approximate comes back too.</summary>
    public ParsedAmount? Amount(string field, string? text, string label, long max, bool required = false)
    {
        if (Blank(field, text, label, required)) return null;
        if (!JapaneseAmount.TryParse(text, out var v))
        {
            errors.TryAdd(field, t[JapaneseAmount.IsTooLarge(text) ? "Val_TooLarge" : "Val_Yen", t[label]]);
            return null;
        }
        if (v.Value < 0)
        {
            errors.TryAdd(field, t["Val_NotNegative", t[label]]);
            return null;
        }
        if (v.Value > max)
        {
            errors.TryAdd(field, t["Val_TooLarge", t[label]]);
            return null;
        }
        Understood[field] = t["Understood_Yen", v.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), v.Approximate ? t["Approx_Word"] : ""];
        return v;
    }

    /// <summary>
    /// Pay as a notice writes it: an <see cref="Amount"/>, with the unit it is per allowed in front (月額27万3,800円,
    /// 年額1,140万円) when it agrees with the unit chosen beside the field (<paramref name="chosen"/>; null when that
    /// choice is itself invalid). Zero is refused with the message <paramref name="zeroRefusal"/> (saying how to record no
    /// pay on that form) unless it is null: a missing digit should not post "0円".
    /// </summary>
    public ParsedAmount? Pay(string field, string? text, string label, long max, PostedPayUnit? chosen, Func<PostedPayUnit, string> unitLabel,
        string? zeroRefusal, bool required = false)
    {
        if (JapaneseAmount.LeadingUnit(text, out var rest) is { } written)
        {
            if (chosen is { } c && c != written)
            {
                errors.TryAdd(field, t["Val_PayUnitDiffers", t[label], unitLabel(written), unitLabel(c)]);
                return null;
            }
            text = rest;
            if (string.IsNullOrWhiteSpace(text))
            {
                errors.TryAdd(field, t["Val_Yen", t[label]]);
                return null;
            }
        }
        var v = Amount(field, text, label, max, required);
        if (v is { Value: 0 } && zeroRefusal is not null)
        {
            errors.TryAdd(field, t[zeroRefusal, t[label]]);
            Understood.Remove(field);
            return null;
        }
        return v;
    }

    /// <summary>A term in months as written (6, 約6か月, 1年, 2年6か月).</summary>
    public ParsedAmount? Months(string field, string? text, string label, int min, int max, bool required = false)
    {
        if (Blank(field, text, label, required)) return null;
        if (!JapaneseAmount.TryParseMonths(text, out var v) || v.Value < min || v.Value > max)
        {
            errors.TryAdd(field, t["Val_MonthsRange", t[label], min, max]);
            return null;
        }
        Understood[field] = t["Understood_Months", v.Value, v.Approximate ? t["Approx_Word"] : ""];
        return v;
    }

    public int? Int(string field, string? text, string label, int min, int max, bool required = false)
    {
        if (Blank(field, text, label, required)) return null;
        if (!JapaneseText.TryParseYen(text, out var v) || v < min || v > max)
        {
            errors.TryAdd(field, t["Val_IntRange", t[label], min, max]);
            return null;
        }
        return (int)v;
    }

    public double? Dec(string field, string? text, string label, double min, double max, bool required = false)
    {
        if (Blank(field, text, label, required)) return null;
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
        if (Blank(field, text, label, required)) return null;
        if (!JapaneseText.TryParseYen(text, out var v))
        {
            errors.TryAdd(field, t[JapaneseAmount.IsTooLarge(text) ? "Val_TooLarge" : JapaneseAmount.TryParse(text, out _) ? "Val_YenExact" : "Val_Yen", t[label]]);
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

    /// <summary>Days as written, "約2", "2日程度", "週2日": the number and whether it is approximate.</summary>
    public (double Value, bool Approximate)? Days(string field, string? text, string label, double min, double max, bool required = false)
    {
        var stripped = StripApproximation(text, out var approx);
        var v = Dec(field, stripped, label, min, max, required);
        return v is { } d ? (d, approx) : null;
    }

    private static string? StripApproximation(string? text, out bool approximate)
    {
        approximate = false;
        if (string.IsNullOrWhiteSpace(text)) return text;
        var s = text.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        foreach (var w in new[] { "約", "およそ", "概ね" })
        {
            if (s.StartsWith(w, StringComparison.Ordinal)) { s = s[w.Length..]; approximate = true; }
        }
        foreach (var w in new[] { "程度", "前後", "くらい" })
        {
            if (s.EndsWith(w, StringComparison.Ordinal)) { s = s[..^w.Length]; approximate = true; }
        }
        if (s.StartsWith('週') || s.StartsWith('月')) s = s[1..];
        if (s.EndsWith('日')) s = s[..^1];
        return s.Trim();
    }

    /// <summary>A date typed as 2026-04-01, 2026/4/1, 2026年4月1日 or 20260401 (full-width digits too).</summary>
    public DateOnly? Date(string field, string? text, string label, bool required = false)
    {
        if (Blank(field, text, label, required)) return null;
        if (!Openings.OpeningService.TryParseDate(text, out var d))
        {
            errors.TryAdd(field, t["Val_Date", t[label]]);
            return null;
        }
        return d;
    }

    /// <summary>Whether nothing was typed in the field; a required one gets its message.</summary>
    private bool Blank(string field, string? text, string label, bool required)
    {
        if (!string.IsNullOrWhiteSpace(text)) return false;
        if (required) errors.TryAdd(field, t["Val_Required", t[label]]);
        return true;
    }

    /// <summary>A text field, trimmed: required or not, and at most <paramref name="max"/> characters.</summary>
    public string Text(string field, string? text, string label, int max, bool required = false)
    {
        var s = text?.Trim() ?? "";
        if (s.Length == 0 && required) errors.TryAdd(field, t["Val_Required", t[label]]);
        else if (s.Length > max) errors.TryAdd(field, t["Val_TooLong", t[label], max, s.Length]);
        return s;
    }

    /// <summary>
    /// The one required text of an action (a reason, a note, a report, a message) as <paramref name="value"/>, trimmed;
    /// null when it is there and at most <paramref name="max"/> characters, otherwise the refusal, under <paramref name="field"/>.
    /// </summary>
    public static ServiceResult? RequiredText(IStringLocalizer t, string field, string? text, string label, int max, out string value)
    {
        var errors = new Dictionary<string, string>();
        value = new NumberFields(t, errors).Text(field, text, label, max, required: true);
        return errors.Count == 0 ? null : ServiceResult.Invalid(errors);
    }
}
