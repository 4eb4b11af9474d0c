namespace Marketplace.Web.Features.Dispatch;

/// <summary>Small display helpers of the dispatch pages.</summary>
public static class DispatchText
{
    /// <summary>令和8年度（2026年度） or FY2026 (令和8年度).</summary>
    public static string FiscalYear(int year)
    {
        var wareki = Localization.DisplayFormatter.Wareki(new DateOnly(year, 4, 1));
        var era = wareki[..wareki.IndexOf('年')];
        return Localization.LocalizationSetup.IsEnglish
            ? $"FY{year.ToString(CultureInfo.InvariantCulture)} ({era}年度)"
            : $"{era}年度（{year.ToString(CultureInfo.InvariantCulture)}年度）";
    }

    public static string Percent(int rate) => rate.ToString(CultureInfo.InvariantCulture) + "%";

    public static string Index(double index) => index.ToString("0.00#", CultureInfo.InvariantCulture);
}
