namespace Marketplace.Web.Localization;

/// <summary>Dates (Gregorian with 和暦 beside), yen and numbers in the request's language.</summary>
public sealed class DisplayFormatter
{
    private static readonly CultureInfo JapaneseEra = CreateJapaneseEraCulture();

    private static CultureInfo CreateJapaneseEraCulture()
    {
        var c = (CultureInfo)CultureInfo.GetCultureInfo("ja-JP").Clone();
        c.DateTimeFormat.Calendar = new JapaneseCalendar();
        return c;
    }

    private static bool English => LocalizationSetup.IsEnglish;

    /// <summary>令和8年4月1日 (the first year of an era as 元年).</summary>
    public static string Wareki(DateOnly date)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        var cal = JapaneseEra.DateTimeFormat.Calendar;
        var year = cal.GetYear(dt);
        var era = dt.ToString("gg", JapaneseEra);
        return $"{era}{(year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture))}年{dt.Month}月{dt.Day}日";
    }

    /// <summary>2026年4月1日（令和8年4月1日） or 1 April 2026 (令和8年4月1日).</summary>
    public string Date(DateOnly date) => English
        ? $"{date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} ({Wareki(date)})"
        : $"{date.Year}年{date.Month}月{date.Day}日（{Wareki(date)}）";

    public string Date(DateTime utc) => Date(DateOnly.FromDateTime(ToJst(utc)));

    public string DateTime(DateTime utc)
    {
        var jst = ToJst(utc);
        return $"{Date(DateOnly.FromDateTime(jst))} {jst:HH:mm}";
    }

    public string Yen(long yen) => English
        ? $"¥{yen.ToString("N0", CultureInfo.InvariantCulture)}"
        : $"{yen.ToString("N0", CultureInfo.InvariantCulture)}円";

    public string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// A count of days for a template: the bare number in Japanese (the template writes 日), "1 day" or "2.5 days"
    /// in English, so that no page says "1 days".
    /// </summary>
    public string Days(double value) => Count(value, "day", "days");

    /// <summary>A count of months for a template (see <see cref="Days"/>): "1 month", "3 months"; 3 in Japanese.</summary>
    public string Months(double value) => Count(value, "month", "months");

    /// <summary>A count of years for a template (see <see cref="Days"/>): "1 year", "3 years"; 3 in Japanese.</summary>
    public string Years(double value) => Count(value, "year", "years");

    private string Count(double value, string one, string many) =>
        English ? $"{Number(value)} {(value == 1 ? one : many)}" : Number(value);

    public static readonly TimeZoneInfo Jst = FindJst();

    public static DateTime ToJst(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Jst);

    /// <summary>Today in Japan: deadlines are Japanese calendar days.</summary>
    public static DateOnly TodayInJapan(TimeProvider clock) => DateOnly.FromDateTime(ToJst(clock.GetUtcNow().UtcDateTime));

    private static TimeZoneInfo FindJst()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("JST", TimeSpan.FromHours(9), "JST", "JST");
        }
    }
}
