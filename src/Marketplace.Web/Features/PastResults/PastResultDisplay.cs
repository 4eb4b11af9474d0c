namespace Marketplace.Web.Features.PastResults;

/// <summary>What a past result reads as on its confirmation page: every fact as understood, in the page's language.</summary>
public sealed class PastResultDisplay(IStringLocalizer<SharedResource> t, DisplayFormatter fmt, CallDisplay calls, OpeningDisplay openings)
{
    public List<KeyValuePair<string, string>> Facts(ProposalCall c)
    {
        var facts = new List<KeyValuePair<string, string>>
        {
            new(t["Call_Organization"], $"{c.Organization!.NameJa}（{c.Organization.Code}）"),
            new(t["Call_Field_Title"], c.Title),
            new(t["Past_Field_PublishedOn"], fmt.Date(c.PublishedAt!.Value)),
            new(t["Call_Field_SubmissionDeadline"], fmt.Date(c.SubmissionDeadline)),
            new(t["Past_Field_AwardedOn"], fmt.Date(c.ResultDate!.Value)),
            new(t["Call_Field_ContractPeriod"], calls.Period(c)),
            new(t["Call_Field_Ceiling"], calls.Amount(c.CeilingYen, c.CeilingTaxIncluded)),
            new(t["Eval_ContractAmount"], calls.Amount(c.ContractAmountYen!.Value, c.CeilingTaxIncluded)),
            new(t["Call_Winner"], c.SupplierCorporateNumber is { } n ? $"{c.SupplierName}（{t["Field_CorporateNumber"]} {n}）" : c.SupplierName!),
            new(t["Past_WinnerLink"], c.SupplierVendorCompanyId is null ? t["Past_NotRegistered"] : t["Past_Registered"]),
            new(t["Call_ProposalCount"], c.RecordedProposalCount is { } count ? t["Call_ProposalCountValue", count] : t["NotStated"]),
            new(t["Call_Field_Onsite"], OnsiteText(c)),
            new(t["Past_Field_Roles"], c.Roles.Count == 0 ? t["NotStated"] : string.Join(t["ListSeparator"], c.Roles.Select(r => r.Name))),
        };
        if (c.Department is { } d) facts.Insert(2, new(t["Field_Department"], d));
        if (c.Purpose.Length > 0) facts.Insert(2, new(t["Call_Field_Purpose"], c.Purpose));
        return facts;
    }

    /// <summary>A recorded call whose notice gave no on-site requirement reads "not stated", not "0 days".</summary>
    public string OnsiteText(ProposalCall c) =>
        c.RecordedAfterTheFact && c.OnsiteDaysPerWeek == 0 && c.OnsiteNotes.Length == 0 ? t["NotStated"]
            : t["Call_OnsiteText", fmt.Days(c.OnsiteDaysPerWeek)] + (c.OnsiteNotes.Length > 0 ? $"（{c.OnsiteNotes}）" : "");

    public List<KeyValuePair<string, string>> Facts(Opening o)
    {
        var facts = new List<KeyValuePair<string, string>>
        {
            new(t["Call_Organization"], $"{o.Organization!.NameJa}（{o.Organization.Code}）"),
            new(t["Field_Title"], o.Title),
            new(t["Field_Role"], openings.Role(o.RoleCode)),
            new(t["Field_Engagement"], openings.Engagement(o.EngagementCode)),
            new(t["Past_Field_PublishedOn"], fmt.Date(o.PublishedAt!.Value)),
            new(t["Field_Deadline"], fmt.Date(o.ApplicationDeadline)),
            new(t["Past_Field_FilledOn"], fmt.Date(o.FilledOn!.Value)),
            new(t["Field_Term"], openings.Term(o)),
            new(t["Field_PayAmount"], openings.PostedPay(o)),
            new(t["Field_DaysPerWeek"], openings.DaysPerWeek(o)),
            new(t["Past_DayRate"], openings.DayRate(o)),
            new(t["Past_Field_AppointeeName"], o.AppointeeName!),
            new(t["Past_AppointeeLink"], o.AppointeeExpertProfileId is null ? t["Past_NotRegistered"] : t["Past_Registered"]),
        };
        if (o.Rank is { } rank) facts.Insert(4, new(t["Field_Rank"], rank));
        if (o.Department is { } d) facts.Insert(4, new(t["Field_Department"], d));
        return facts;
    }
}
