using Marketplace.Data.Entities;
using Marketplace.Web.Features.Taxonomy;
using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Features.Openings;

/// <summary>How an opening's term, pay and work style read on a page, in the request's language.</summary>
public sealed class OpeningDisplay(IStringLocalizer<SharedResource> t, DisplayFormatter fmt, TaxonomyCatalog tax)
{
    public string Role(string code) => TaxonomyCatalog.Label(tax.Roles, code);
    public string Engagement(string code) => TaxonomyCatalog.Label(tax.Engagements, code);
    public string Skill(string code) => TaxonomyCatalog.Label(tax.Skills, code);
    public string Allowance(string code) => TaxonomyCatalog.Label(tax.Allowances, code);

    public string PayUnitLabel(PayUnit unit) => TaxonomyCatalog.Label(tax.PayUnits, TaxonomyCatalog.PayUnitCode(unit));

    /// <summary>月額 273,800円 / 年額 11,400,000円 / 契約総額 33,000,000円（税抜）.</summary>
    public string PostedPay(long amount, PayUnit unit, bool taxIncluded = false)
    {
        var text = $"{PayUnitLabel(unit)} {fmt.Yen(amount)}";
        return unit == PayUnit.ContractTotal ? $"{text} {(taxIncluded ? t["Pay_TaxIncluded"] : t["Pay_TaxExcluded"])}" : text;
    }

    public string Months(int months) => months % 12 == 0 ? t["Term_Years", fmt.Years(months / 12)] : t["Term_Months", fmt.Months(months)];

    public string Term(Opening o)
    {
        var parts = new List<string> { t["Term_First", Months(o.FirstTermMonths)] };
        parts.Add(o.RenewalRule switch
        {
            RenewalRule.None => t["Renewal_None"],
            RenewalRule.RenewableTimes => t["Renewal_Times", o.RenewalMaxCount ?? 0],
            RenewalRule.RenewableUpToTotalMonths => t["Renewal_UpToTotal", Months(o.RenewalMaxTotalMonths ?? 0)],
            _ => t["Renewal_Unlimited"],
        });
        if (o.FollowOnTermMonths is { } f) parts.Add(t["Term_FollowOn", Months(f)]);
        return string.Join(t["ListSeparator"], parts);
    }

    public string RenewalOption(RenewalRule rule) => rule switch
    {
        RenewalRule.None => t["RenewalOpt_None"],
        RenewalRule.RenewableTimes => t["RenewalOpt_Times"],
        RenewalRule.RenewableUpToTotalMonths => t["RenewalOpt_UpToTotal"],
        _ => t["RenewalOpt_Unlimited"],
    };

    public string Onsite(Opening o) => o.OnsitePeriod == OnsitePeriod.Week
        ? t["Onsite_PerWeek", fmt.Days(o.OnsiteDays), fmt.Days(o.OnsiteDaysPerMonth)]
        : t["Onsite_PerMonth", fmt.Days(o.OnsiteDays)];

    public string WorkStyle(double daysPerWeek, double onsitePerMonth, bool remote) =>
        t["WorkStyle_Summary", fmt.Days(daysPerWeek), fmt.Days(onsitePerMonth), remote ? t["Remote_Yes"] : t["Remote_No"]];

    public string Status(OpeningStatus status) => t[$"Status_{status}"];

    public string Organization(string ja, string en) => LocalizationSetup.IsEnglish && en.Length > 0 ? en : ja;
}
