using Marketplace.Matching.Pay;

namespace Marketplace.Web.Features.Experts;

/// <summary>How a profile's pay, periods and choices read on a page, in the request's language.</summary>
public sealed class ProfileDisplay(IStringLocalizer<SharedResource> t, DisplayFormatter fmt, OpeningDisplay openings)
{
    /// <summary>2020年4月（令和2年4月） or April 2020 (令和2年4月).</summary>
    public static string YearMonth(DateOnly month)
    {
        var wareki = DisplayFormatter.Wareki(month);
        wareki = wareki[..(wareki.LastIndexOf('月') + 1)];
        return LocalizationSetup.IsEnglish
            ? $"{month.ToString("MMMM yyyy", CultureInfo.InvariantCulture)} ({wareki})"
            : $"{month.Year}年{month.Month}月（{wareki}）";
    }

    /// <summary>2015年4月（平成27年4月）〜2020年3月（令和2年3月）, or …〜現在 while current.</summary>
    public string Period(CareerEntry c) =>
        $"{YearMonth(c.From)}{(LocalizationSetup.IsEnglish ? " – " : "〜")}{(c.To is { } to ? YearMonth(to) : t["Profile_Current"])}";

    public string PayUnitLabel(PayUnit unit) => openings.PayUnitLabel(unit);

    /// <summary>"月額 400,000円・週2日 → 日額換算 50,000円", or just the amount when no conversion is needed or possible.</summary>
    public string PayConversion(long amount, PayUnit unit, double daysPerWeek)
    {
        var posted = openings.PostedPay(amount, unit);
        if (amount <= 0) return t["None"];
        if (unit == PayUnit.Day || daysPerWeek <= 0) return posted;
        var day = ComparablePay.Compute(new PostedPay(amount, OpeningService.ToPostedUnit(unit), daysPerWeek, 12)).DayRateYen;
        return t["Profile_PayConversion", posted, fmt.Days(daysPerWeek), fmt.Yen(day)];
    }

    public string PayConversion(ExpertProfile p) => PayConversion(p.DesiredPayAmountYen, p.DesiredPayUnit, p.AvailableDaysPerWeek);

    public string PayAssumptions() => t["Profile_PayAssumptions", ComparablePay.WorkingWeeksPerYear];

    public string SideJob(SideJobPermission? s) => s switch
    {
        null => t["Profile_NotEntered"],
        SideJobPermission.Permitted => t["SideJob_Permitted"],
        SideJobPermission.Pending => t["SideJob_Pending"],
        SideJobPermission.NotPermitted => t["SideJob_NotPermitted"],
        SideJobPermission.NotApplicable => t["SideJob_NotApplicable"],
        _ => s.Value.ToString(),
    };

    public string Visibility(ProfileVisibility v) => v == ProfileVisibility.VisibleToStaff
        ? t["Visibility_VisibleToStaff"]
        : t["Visibility_HiddenUntilApplied"];

    public string Days(double d) => fmt.Days(d);
}
