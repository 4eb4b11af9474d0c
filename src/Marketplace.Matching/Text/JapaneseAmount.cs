using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Matching.Pay;

namespace Marketplace.Matching.Text;

/// <summary>A number read from what a person wrote, and whether they marked it as approximate (約, 程度, 前後…).</summary>
public readonly record struct ParsedAmount(long Value, bool Approximate);

/// <summary>
/// Reads amounts and terms as Japanese notices write them: 27万3,800円, 3万, 1,140万円, ２７万,
/// 1億2,000万円, 約1,140万円, 33,000千円, 6か月程度, 2年. Shared by every amount field, filter and import.
/// </summary>
public static partial class JapaneseAmount
{
    private static readonly string[] ApproxPrefixes = ["約", "およそ", "凡そ", "概ね", "おおむね", "大体", "だいたい"];
    private static readonly string[] ApproxSuffixes = ["程度", "前後", "ほど", "くらい", "ぐらい", "位", "余り", "強", "弱"];

    [GeneratedRegex(@"^(?:(?<oku>\d+(?:\.\d+)?)億)?(?:(?<man>\d+(?:\.\d+)?)万)?(?:(?<sen>\d+(?:\.\d+)?)千)?(?<rest>\d+)?$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"(\d{1,6}(?:\.\d{1,3})?)千万")]
    private static partial Regex TenMillions();

    [GeneratedRegex(@"^(?:(?<y>\d+(?:\.\d+)?)年)?(?:(?<m>\d+)(?:か|ヶ|ケ|カ|箇|ヵ|ゕ)?月)?(?<rest>\d+)?$")]
    private static partial Regex TermPattern();

    /// <summary>
    /// The words a notice writes before an amount to say what it is per (月額27万3,800円, 報酬年額1,140万円, 時給：3,000円),
    /// longest first so that 契約総額 is not read as 総額 and 時間額 not as 時.
    /// </summary>
    private static readonly (string Word, PostedPayUnit Unit)[] UnitWords =
    [
        ("契約総額", PostedPayUnit.ContractTotal), ("契約金額", PostedPayUnit.ContractTotal), ("総額", PostedPayUnit.ContractTotal),
        ("時間給", PostedPayUnit.Hour), ("時間額", PostedPayUnit.Hour), ("時給", PostedPayUnit.Hour),
        ("年額", PostedPayUnit.Year), ("年俸", PostedPayUnit.Year), ("年収", PostedPayUnit.Year),
        ("月額", PostedPayUnit.Month), ("月給", PostedPayUnit.Month), ("月俸", PostedPayUnit.Month),
        ("日額", PostedPayUnit.Day), ("日給", PostedPayUnit.Day),
    ];

    /// <summary>
    /// The unit written in front of an amount as notices write it (月額２７万３８００円, 報酬：年額1,140万円, 時給 3,000円),
    /// with <paramref name="rest"/> the amount after it; null, and <paramref name="rest"/> the input, when there is none.
    /// </summary>
    public static PostedPayUnit? LeadingUnit(string? input, out string? rest)
    {
        rest = input;
        if (string.IsNullOrWhiteSpace(input)) return null;
        var s = input.Normalize(NormalizationForm.FormKC).TrimStart();
        if (s.StartsWith("報酬", StringComparison.Ordinal)) s = s[2..].TrimStart(':', ' ');
        foreach (var (word, unit) in UnitWords)
        {
            if (!s.StartsWith(word, StringComparison.Ordinal)) continue;
            rest = s[word.Length..].TrimStart(':', ' ');
            return unit;
        }
        return null;
    }

    /// <summary>An amount in yen; 約, 程度 and the like set <see cref="ParsedAmount.Approximate"/>.</summary>
    public static bool TryParse(string? input, out ParsedAmount amount) => Read(input, out amount) == Reading.Read;

    /// <summary>Whether the text is an amount, but one larger than any this reader holds (about 10 quadrillion yen).</summary>
    public static bool IsTooLarge(string? input) => Read(input, out _) == Reading.TooLarge;

    private enum Reading { Read, Unreadable, TooLarge }

    private static Reading Read(string? input, out ParsedAmount amount)
    {
        amount = default;
        var (s, approx, negative) = Strip(input);
        if (s is null) return Reading.Unreadable;
        s = s.Replace("円", "").Replace("¥", "").Replace("\\", "");
        s = StripSuffixes(s, ref approx);
        if (s.Length is 0 or > 64) return Reading.Unreadable;
        // 千万 is a unit of its own in notices (3千万円, 1億2千万円): 3千万 is 3000万.
        s = TenMillions().Replace(s, t => (decimal.Parse(t.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * 1000m).ToString(CultureInfo.InvariantCulture) + "万");
        var m = AmountPattern().Match(s);
        if (!m.Success) return Reading.Unreadable;
        if (s.Length > 24) return Reading.TooLarge;
        decimal total = 0;
        if (!Add(m.Groups["oku"], 100_000_000m, ref total) || !Add(m.Groups["man"], 10_000m, ref total)
            || !Add(m.Groups["sen"], 1_000m, ref total) || !Add(m.Groups["rest"], 1m, ref total)) return Reading.Unreadable;
        if (!m.Groups["oku"].Success && !m.Groups["man"].Success && !m.Groups["sen"].Success && !m.Groups["rest"].Success) return Reading.Unreadable;
        if (total != decimal.Truncate(total)) return Reading.Unreadable;
        if (total > 9_999_999_999_999_999m) return Reading.TooLarge;
        amount = new ParsedAmount((long)(negative ? -total : total), approx);
        return Reading.Read;
    }

    /// <summary>A term in months: "6", "6か月", "約6ヶ月", "1年", "2年6か月", "1.5年", "6か月程度".</summary>
    public static bool TryParseMonths(string? input, out ParsedAmount months)
    {
        months = default;
        var (s, approx, negative) = Strip(input);
        if (s is null || negative) return false;
        s = StripSuffixes(s.Replace("間", ""), ref approx);
        if (s.Length == 0 || s.Length > 16) return false;
        var m = TermPattern().Match(s);
        if (!m.Success || (!m.Groups["y"].Success && !m.Groups["m"].Success && !m.Groups["rest"].Success)) return false;
        if (m.Groups["rest"].Success && (m.Groups["y"].Success || m.Groups["m"].Success)) return false;
        decimal total = 0;
        if (!Add(m.Groups["y"], 12m, ref total) || !Add(m.Groups["m"], 1m, ref total) || !Add(m.Groups["rest"], 1m, ref total)) return false;
        if (total != decimal.Truncate(total) || total > 10_000) return false;
        months = new ParsedAmount((long)total, approx);
        return true;
    }

    /// <summary>Folds width, removes separators and spaces, and takes off a leading approximation word and sign.</summary>
    private static (string? Text, bool Approximate, bool Negative) Strip(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return (null, false, false);
        var s = input.Normalize(NormalizationForm.FormKC);
        s = new string(s.Where(c => !char.IsWhiteSpace(c) && c != ',' && c != '、').ToArray());
        var approx = false;
        foreach (var p in ApproxPrefixes)
        {
            if (s.StartsWith(p, StringComparison.Ordinal))
            {
                s = s[p.Length..];
                approx = true;
                break;
            }
        }
        var negative = false;
        if (s.StartsWith('-') || s.StartsWith('−') || s.StartsWith('ー'))
        {
            negative = true;
            s = s[1..];
        }
        return (s, approx, negative);
    }

    private static string StripSuffixes(string s, ref bool approx)
    {
        foreach (var p in ApproxSuffixes)
        {
            if (s.EndsWith(p, StringComparison.Ordinal))
            {
                approx = true;
                return s[..^p.Length];
            }
        }
        return s;
    }

    private static bool Add(Group g, decimal unit, ref decimal total)
    {
        if (!g.Success) return true;
        if (!decimal.TryParse(g.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)) return false;
        total += v * unit;
        return true;
    }
}
