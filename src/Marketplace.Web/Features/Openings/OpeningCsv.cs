using Marketplace.Matching.Pay;

namespace Marketplace.Web.Features.Openings;

/// <summary>
/// Published openings as open data in CSV, one row each with every fact the JSON API gives (<c>/api/openings/{id}</c>):
/// what is approximate or not stated is a column of its own, and an unstated value is an empty cell, never a guess.
/// Column names are the JSON API's property names; codes are the taxonomy's; amounts are yen; dates are ISO 8601.
/// </summary>
public static class OpeningCsv
{
    public static readonly string[] Columns =
    [
        "id", "url", "organizationCode", "organizationNameJa", "prefectureCode", "status", "title", "roleCode", "engagementCode", "rank", "positions",
        "department", "serves", "servesDetail",
        "firstTermMonths", "firstTermApproximate", "startDate", "renewalRule", "renewalMaxCount", "renewalMaxTotalMonths", "renewalMaxAdditionalMonths",
        "followOnTermMonths", "followOn", "termNotes",
        "payAmountYen", "payNotStated", "payApproximate", "payUnit", "payTaxIncluded", "allowancesIncluded", "allowancesNotStated",
        "commutingAllowancePaid", "commutingNotStated", "travelExpenses", "payNotes",
        "dayRateYen", "dayRateLowYen", "dayRateHighYen", "assumedDaysPerWeekLow", "assumedDaysPerWeekHigh",
        "daysPerWeek", "daysPerWeekNotStated", "daysPerWeekApproximate", "onsiteDays", "onsitePeriod", "onsiteDaysPerMonth", "onsiteNotStated",
        "onsiteApproximate", "remoteAllowed", "workLocation",
        "requiredSkills", "preferredSkills", "publicSectorExperienceRequired", "certifiedCioOnly", "applicationDeadline", "publishedAt",
        "recordedAfterTheFact", "filledOn", "duties", "description",
    ];

    public static string Header => Csv.Text().Header(Columns).ToString();

    /// <summary>One opening's row (with its organisation and skills loaded).</summary>
    public static string Row(Opening o, string baseUrl)
    {
        static string? N(double? v) => v?.ToString("0.##", CultureInfo.InvariantCulture);
        static string? I(long? v) => v?.ToString(CultureInfo.InvariantCulture);
        static string B(bool v) => v ? "true" : "false";
        var workload = o.DaysPerWeekNotStated ? ComparablePay.PlausibleWorkload(o.EngagementCode) : (Workload?)null;
        string?[] cells =
        [
            I(o.Id), $"{baseUrl}/openings/{o.Id}", o.Organization!.Code, o.Organization.NameJa, o.Organization.PrefectureCode, o.Status.ToString(),
            o.Title, o.RoleCode, o.EngagementCode, o.Rank, I(o.Positions),
            o.Department, o.ServesCode, o.ServesDetail,
            I(o.FirstTermMonths), B(o.FirstTermApproximate), o.StartDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.RenewalRule.ToString(),
            I(o.RenewalMaxCount), I(o.RenewalMaxTotalMonths), I(o.RenewalMaxAdditionalMonths),
            I(o.FollowOnTermMonths), o.FollowOnTermMonths is null ? null : o.FollowOnGuaranteed ? "guaranteed" : "planned", o.TermNotes,
            o.PayNotStated ? null : I(o.PayAmountYen), B(o.PayNotStated), B(o.PayApproximate), o.PayUnit.ToString(), B(o.PayTaxIncluded),
            o.AllowancesNotStated ? null : string.Join(';', o.AllowancesIncluded), B(o.AllowancesNotStated),
            o.CommutingNotStated ? null : B(o.CommutingAllowancePaid), B(o.CommutingNotStated), o.TravelExpenses.ToString(), o.PayNotes,
            o.PayNotStated ? null : I(o.DayRateYen), I(o.DayRateLowYen), I(o.DayRateHighYen), N(workload?.MinDaysPerWeek), N(workload?.MaxDaysPerWeek),
            o.DaysPerWeekNotStated ? null : N(o.DaysPerWeek), B(o.DaysPerWeekNotStated), B(o.DaysPerWeekApproximate),
            o.OnsiteNotStated ? null : N(o.OnsiteDays), o.OnsitePeriod.ToString(), o.OnsiteNotStated ? null : N(o.OnsiteDaysPerMonth), B(o.OnsiteNotStated),
            B(o.OnsiteApproximate), B(o.RemoteAllowed), o.WorkLocation,
            string.Join(';', o.RequiredSkillCodes), string.Join(';', o.PreferredSkillCodes), B(o.PublicSectorExperienceRequired), B(o.CertifiedCioOnly),
            o.ApplicationDeadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.PublishedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            B(o.RecordedAfterTheFact), o.FilledOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Join('\n', o.Duties), o.Description,
        ];
        return Csv.Text().Row(cells).ToString();
    }
}
