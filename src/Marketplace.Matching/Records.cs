namespace Marketplace.Matching;

/// <summary>An opening (募集) as the matcher sees it: plain data, no EF Core or ASP.NET types.</summary>
/// <param name="Id">Stable id (opening_id).</param>
/// <param name="OrgCode">6-digit 全国地方公共団体コード of the posting government.</param>
/// <param name="PrefectureCode">"01"–"47", where the work is.</param>
/// <param name="Role">Role code (taxonomy).</param>
/// <param name="Engagement">Engagement code (taxonomy).</param>
/// <param name="TermMonths">Initial term in months (&gt; 0).</param>
/// <param name="PayYen">Posted amount in yen.</param>
/// <param name="PayUnit">year, month, day, hour or contract_total.</param>
/// <param name="PayTaxIncluded">Consumption tax included (contracts).</param>
/// <param name="DaysPerWeek">Expected working days a week (0 &lt; d ≤ 5).</param>
/// <param name="OnsiteDaysPerMonth">Days a month at the office.</param>
/// <param name="RequiredSkills">Essential skill codes.</param>
/// <param name="PreferredSkills">Nice-to-have skill codes.</param>
/// <param name="PublicSectorExperienceRequired">Public-sector experience is a requirement.</param>
/// <param name="CertifiedCioOnly">Open only to nationally certified CIOs (hard constraint).</param>
/// <param name="Title">Title, usually Japanese.</param>
/// <param name="Description">Description, usually Japanese.</param>
public sealed record OpeningRecord(
    string Id,
    string OrgCode,
    string PrefectureCode,
    string Role,
    string Engagement,
    int TermMonths,
    long PayYen,
    string PayUnit,
    bool PayTaxIncluded,
    double DaysPerWeek,
    double OnsiteDaysPerMonth,
    IReadOnlyList<string> RequiredSkills,
    IReadOnlyList<string> PreferredSkills,
    bool PublicSectorExperienceRequired,
    bool CertifiedCioOnly,
    string Title,
    string Description);

/// <summary>An expert profile as the matcher sees it. It carries no age, gender or similar attribute, by design.</summary>
/// <param name="Id">Stable id (expert_id).</param>
/// <param name="HomePrefectureCode">"01"–"47", where the expert lives.</param>
/// <param name="Skills">Skill code → years of experience.</param>
/// <param name="Certifications">Certification codes.</param>
/// <param name="YearsExperience">Professional years in total.</param>
/// <param name="PublicSectorYears">Years working in or for the public sector.</param>
/// <param name="AvailableDaysPerWeek">Days a week the expert can work (0 &lt; d ≤ 5).</param>
/// <param name="MaxOnsiteDaysPerMonth">Days a month the expert can be on site.</param>
/// <param name="DesiredDayRateYen">Desired pay per working day.</param>
/// <param name="AcceptsEngagements">Engagement codes the expert accepts.</param>
/// <param name="CertifiedCio">Holds the national certified-CIO status.</param>
/// <param name="Summary">Self-introduction, usually Japanese.</param>
/// <param name="ConflictOrgCodes">Local governments the expert must never be proposed to (vendor ties); empty from the CSV format.</param>
/// <param name="Hidden">The expert has not made the profile visible: proposed only where a ranking explicitly allows it (e.g. to an opening they applied to).</param>
public sealed record ExpertRecord(
    string Id,
    string HomePrefectureCode,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<string> Certifications,
    int YearsExperience,
    int PublicSectorYears,
    double AvailableDaysPerWeek,
    double MaxOnsiteDaysPerMonth,
    long DesiredDayRateYen,
    IReadOnlyList<string> AcceptsEngagements,
    bool CertifiedCio,
    string Summary,
    IReadOnlyCollection<string> ConflictOrgCodes,
    bool Hidden = false);

/// <summary>The furthest stage an application of <paramref name="ExpertId"/> to <paramref name="OpeningId"/> reached.</summary>
public sealed record OutcomeRecord(string OpeningId, string ExpertId, string Stage);

/// <summary>A whole matching dataset: openings, experts and application outcomes.</summary>
public sealed record MatchingData(
    IReadOnlyList<OpeningRecord> Openings,
    IReadOnlyList<ExpertRecord> Experts,
    IReadOnlyList<OutcomeRecord> Outcomes);
