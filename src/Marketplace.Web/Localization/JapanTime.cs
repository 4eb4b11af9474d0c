namespace Marketplace.Web.Localization;

/// <summary>Deadlines are typed and shown in Japanese time and stored in UTC.</summary>
public static class JapanTime
{
    public static readonly TimeOnly DefaultDeadlineTime = new(17, 0);

    /// <summary>
    /// Accepts 2026-12-01T17:00, 2026/12/01 17:00, 2026年12月1日 17時00分, 2026年12月1日17時, 令和8年12月1日 17時 and a date alone
    /// (17:00), full-width digits too.
    /// </summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        var s = (text ?? "").Normalize(System.Text.NormalizationForm.FormKC).Trim().Replace('T', ' ');
        // 2027年1月25日17時, 2027年1月25日 17時00分: a space after the day, and 17時 alone is 17:00.
        if (s.IndexOf('日') is var day and >= 0 && day < s.Length - 1 && s[day + 1] != ' ') s = s.Insert(day + 1, " ");
        s = s.Replace("時", ":").Replace("分", "");
        if (s.EndsWith(':')) s += "00";
        var parts = s.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || !Features.Openings.OpeningService.TryParseDate(parts[0], out var date)) return false;
        var time = DefaultDeadlineTime;
        if (parts.Length == 2 && !TimeOnly.TryParseExact(parts[1], ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out time)) return false;
        utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified), DisplayFormatter.Jst);
        return true;
    }

    /// <summary>The value a datetime-local input shows for a stored deadline.</summary>
    public static string ToInput(DateTime utc) => DisplayFormatter.ToJst(utc).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
