using Marketplace.Matching;

namespace Marketplace.Web.Features.Matching;

/// <summary>Maps the app's entities onto the matching component's plain records.</summary>
public static class MatchingRecords
{
    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static OpeningRecord From(Opening o) => new(
        Id(o.Id),
        o.Organization!.Code,
        o.Organization.PrefectureCode,
        o.RoleCode,
        o.EngagementCode,
        o.FirstTermMonths,
        o.PayAmountYen,
        TaxonomyCatalog.PayUnitCode(o.PayUnit),
        o.PayTaxIncluded,
        o.DaysPerWeek,
        o.OnsiteDaysPerMonth,
        [.. o.RequiredSkillCodes],
        [.. o.PreferredSkillCodes],
        o.PublicSectorExperienceRequired,
        o.CertifiedCioOnly,
        o.Title,
        o.Description);

    /// <summary>A profile can be matched once it says where the expert lives and how many days they have.</summary>
    public static bool IsMatchable(ExpertProfile e) => e.HomePrefectureCode.Length == 2 && e.AvailableDaysPerWeek > 0;

    /// <summary>The record the long-lived index holds: a profile not visible to staff is flagged hidden.</summary>
    public static ExpertRecord ForIndex(ExpertProfile e, IReadOnlyCollection<string> conflictOrgCodes) =>
        From(e, conflictOrgCodes) with { Hidden = e.Visibility != ProfileVisibility.VisibleToStaff };

    public static ExpertRecord From(ExpertProfile e, IReadOnlyCollection<string> conflictOrgCodes) => new(
        Id(e.Id),
        e.HomePrefectureCode,
        e.Skills.ToDictionary(s => s.SkillCode, s => s.Years),
        e.Certifications,
        e.YearsExperience,
        e.PublicSectorYears,
        e.AvailableDaysPerWeek,
        e.MaxOnsiteDaysPerMonth ?? 0, // not yet said: counted as no on-site days, as before the expert answers
        e.DesiredDayRateYen,
        e.AcceptedEngagements,
        e.CertifiedCio,
        e.Summary,
        conflictOrgCodes);
}
