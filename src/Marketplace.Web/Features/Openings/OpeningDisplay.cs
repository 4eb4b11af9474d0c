namespace Marketplace.Web.Features.Openings;

/// <summary>How an opening's term, pay and work style read on a page, in the request's language.</summary>
public sealed class OpeningDisplay(IStringLocalizer<SharedResource> t, DisplayFormatter fmt, TaxonomyCatalog tax)
{
    public string Role(string code) => TaxonomyCatalog.Label(tax.Roles, code);
    public string Engagement(string code) => TaxonomyCatalog.Label(tax.Engagements, code);
    public string Skill(string code) => TaxonomyCatalog.Label(tax.Skills, code);
    public string Allowance(string code) => TaxonomyCatalog.Label(tax.Allowances, code);

    public string Serves(string code) => TaxonomyCatalog.Label(tax.Serves, code);

    /// <summary>"副市長・副市町村長（副市長（CIO））" — the code's label with the notice's own words when they add something.</summary>
    public string? ServesLine(string? code, string? detail) => (code, detail) switch
    {
        (null, null) => null,
        (null, { } d) => d,
        ({ } c, null) => Serves(c),
        ({ } c, { } d) => $"{Serves(c)}（{d}）",
    };

    public string PayUnitLabel(PayUnit unit) => TaxonomyCatalog.Label(tax.PayUnits, TaxonomyCatalog.PayUnitCode(unit));

    /// <summary>月額 273,800円 / 年額 約11,400,000円 / 契約総額 33,000,000円（税抜）.</summary>
    public string PostedPay(long amount, PayUnit unit, bool taxIncluded = false, bool approximate = false)
    {
        var yen = fmt.Yen(amount);
        var text = $"{PayUnitLabel(unit)} {(approximate ? t["Approx_Prefix", yen] : yen)}";
        return unit == PayUnit.ContractTotal ? $"{text} {(taxIncluded ? t["Pay_TaxIncluded"] : t["Pay_TaxExcluded"])}" : text;
    }

    /// <summary>The posted pay as the opening states it: 約 when approximate, 記載なし when not given.</summary>
    public string PostedPay(Opening o) =>
        o.PayNotStated ? t["NotStated"] : PostedPay(o.PayAmountYen, o.PayUnit, o.PayTaxIncluded, o.PayApproximate);

    /// <summary>One day rate, or a range with the workload assumed in words, or why there is none.</summary>
    public string DayRate(Opening o)
    {
        if (o.PayNotStated) return t["DayRate_NoPay"];
        if (o.DayRateLowYen is { } low && o.DayRateHighYen is { } high)
        {
            var w = Marketplace.Matching.Pay.ComparablePay.PlausibleWorkload(o.EngagementCode);
            return t["DayRate_Range", fmt.Yen(low), fmt.Yen(high), fmt.Number(w.MinDaysPerWeek), fmt.Days(w.MaxDaysPerWeek)];
        }
        if (o.DaysPerWeekNotStated && o.PayUnit is not (PayUnit.Day or PayUnit.Hour)) return t["DayRate_Assumed", fmt.Yen(o.DayRateYen), fmt.Days(o.DaysPerWeek)];
        return fmt.Yen(o.DayRateYen);
    }

    public string DaysPerWeek(Opening o) => o.DaysPerWeekNotStated
        ? t["NotStated"]
        : Approx(t["DaysPerWeek_Value", fmt.Days(o.DaysPerWeek)], o.DaysPerWeekApproximate);

    public string Allowances(Opening o) => o.AllowancesNotStated
        ? t["NotStated"]
        : o.AllowancesIncluded.Count == 0 ? t["None"] : string.Join(t["ListSeparator"], o.AllowancesIncluded.Select(Allowance));

    public string Commuting(Opening o) => o.CommutingNotStated ? t["NotStated"] : o.CommutingAllowancePaid ? t["Commuting_Paid"] : t["Commuting_NotPaid"];

    public string Travel(ExpensePolicy p) => t[$"Travel_{p}"];

    private string Approx(string text, bool approximate) => approximate ? t["Approx_Suffix", text] : text;

    /// <summary>A term as notices write it: 6か月, 1年, 2年9か月 (6 months, 1 year, 2 years 9 months).</summary>
    public string Months(int months) => months switch
    {
        < 12 => t["Term_Months", fmt.Months(months)],
        _ when months % 12 == 0 => t["Term_Years", fmt.Years(months / 12)],
        _ => t["Term_YearsMonths", fmt.Years(months / 12), fmt.Months(months % 12)],
    };

    public string Term(Opening o)
    {
        var first = Months(o.FirstTermMonths);
        var parts = new List<string> { t["Term_First", o.FirstTermApproximate ? t["Approx_Prefix", first] : first] };
        parts.Add(o.RenewalRule switch
        {
            RenewalRule.None => t["Renewal_None"],
            RenewalRule.RenewableTimes => t["Renewal_Times", o.RenewalMaxCount ?? 0],
            RenewalRule.RenewableUpToTotalMonths => t["Renewal_UpToTotal", Months(o.RenewalMaxTotalMonths ?? 0)],
            RenewalRule.RenewableForMoreMonths => t["Renewal_ForMore", Months(o.RenewalMaxAdditionalMonths ?? 0), Months(o.FirstTermMonths + (o.RenewalMaxAdditionalMonths ?? 0))],
            _ => t["Renewal_Unlimited"],
        });
        if (o.FollowOnTermMonths is { } f) parts.Add(t[o.FollowOnGuaranteed ? "Term_FollowOnGuaranteed" : "Term_FollowOnPlanned", Months(f)]);
        return string.Join(t["ListSeparator"], parts);
    }

    public string RenewalOption(RenewalRule rule) => rule switch
    {
        RenewalRule.None => t["RenewalOpt_None"],
        RenewalRule.RenewableTimes => t["RenewalOpt_Times"],
        RenewalRule.RenewableUpToTotalMonths => t["RenewalOpt_UpToTotal"],
        RenewalRule.RenewableForMoreMonths => t["RenewalOpt_ForMore"],
        _ => t["RenewalOpt_Unlimited"],
    };

    public string Onsite(Opening o) => o.OnsiteNotStated
        ? t["NotStated"]
        : Approx(o.OnsitePeriod == OnsitePeriod.Week
            ? t["Onsite_PerWeek", fmt.Days(o.OnsiteDays), fmt.Days(o.OnsiteDaysPerMonth)]
            : t["Onsite_PerMonth", fmt.Days(o.OnsiteDays)], o.OnsiteApproximate);

    /// <summary>A result card's pay: as posted, 約 when approximate, 記載なし when the notice gives none.</summary>
    public string PostedPay(OpeningSummary o) => o.PayNotStated
        ? t["Card_PayNotStated"]
        : PostedPay(o.PayAmountYen, o.PayUnit, approximate: o.PayApproximate);

    /// <summary>A result card's day rate, or 記載なし when there is no pay to compute it from.</summary>
    public string DayRate(OpeningSummary o) => o.PayNotStated ? t["NotStated"] : fmt.Yen(o.DayRateYen);

    /// <summary>A result card's workload: days a week and on-site days a month, each 程度 or 記載なし as the notice says, and remote work.</summary>
    public string WorkStyle(OpeningSummary o) => t["WorkStyle_Summary",
        o.DaysPerWeekNotStated ? t["Card_DaysNotStated"] : Approx(t["DaysPerWeek_Value", fmt.Days(o.DaysPerWeek)], o.DaysPerWeekApproximate),
        o.OnsiteNotStated ? t["NotStated"] : Approx(t["Onsite_PerMonth", fmt.Days(o.OnsiteDaysPerMonth)], o.OnsiteApproximate),
        o.RemoteAllowed ? t["Remote_Yes"] : t["Remote_No"]];

    /// <summary>A result card's first term, 約 when approximate.</summary>
    public string FirstTerm(OpeningSummary o)
    {
        var first = Months(o.FirstTermMonths);
        return t["Term_First", o.FirstTermApproximate ? t["Approx_Prefix", first] : first];
    }

    public string Status(OpeningStatus status) => t[$"Status_{status}"];

    public string Organization(string ja, string en) => LocalizationSetup.IsEnglish && en.Length > 0 ? en : ja;
}
