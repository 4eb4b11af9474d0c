namespace Marketplace.Data.Entities;

/// <summary>
/// One recruited role. Several roles of one recruitment notice (e.g. two roles at two ranks)
/// are separate openings sharing a <see cref="RecruitmentNotice"/>.
/// </summary>
public class Opening : IVersioned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public int? NoticeId { get; set; }
    public RecruitmentNotice? Notice { get; set; }

    public OpeningStatus Status { get; set; } = OpeningStatus.Draft;

    public string RoleCode { get; set; } = "";
    public string EngagementCode { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public List<string> Duties { get; set; } = [];
    public string? Rank { get; set; }
    public int Positions { get; set; } = 1;
    /// <summary>所属・配属先: the department or section the person is placed in (e.g. 総務部デジタル推進課).</summary>
    public string? Department { get; set; }
    /// <summary>Whom the role serves or reports to, a code of the taxonomy's <c>serves</c> list (mayor, deputy_mayor, cio…).</summary>
    public string? ServesCode { get; set; }
    /// <summary>The notice's own words about that person, e.g. "副市長（CIO）".</summary>
    public string? ServesDetail { get; set; }

    // Term
    public int FirstTermMonths { get; set; }
    /// <summary>The notice says "about" (任期は約6か月).</summary>
    public bool FirstTermApproximate { get; set; }
    public DateOnly? StartDate { get; set; }
    public RenewalRule RenewalRule { get; set; }
    /// <summary>For <see cref="RenewalRule.RenewableTimes"/>: how many renewals at most.</summary>
    public int? RenewalMaxCount { get; set; }
    /// <summary>For <see cref="RenewalRule.RenewableUpToTotalMonths"/>: the total term in months, first term included.</summary>
    public int? RenewalMaxTotalMonths { get; set; }
    /// <summary>For <see cref="RenewalRule.RenewableForMoreMonths"/>: how much longer renewals may extend the first term.</summary>
    public int? RenewalMaxAdditionalMonths { get; set; }
    /// <summary>A follow-on term that differs from the first (e.g. 3 months, then 24).</summary>
    public int? FollowOnTermMonths { get; set; }
    /// <summary>The follow-on term is promised, not only planned (subject to performance).</summary>
    public bool FollowOnGuaranteed { get; set; }
    public string? TermNotes { get; set; }

    // Pay as posted
    public long PayAmountYen { get; set; }
    /// <summary>The notice gives no amount; no day rate is then computed.</summary>
    public bool PayNotStated { get; set; }
    /// <summary>The notice says 約 / 程度 (年収約1,140万円).</summary>
    public bool PayApproximate { get; set; }
    public PayUnit PayUnit { get; set; }
    public bool PayTaxIncluded { get; set; }
    public List<string> AllowancesIncluded { get; set; } = [];
    /// <summary>The notice says nothing about allowances (not the same as "none").</summary>
    public bool AllowancesNotStated { get; set; }
    public bool CommutingAllowancePaid { get; set; }
    /// <summary>The notice says nothing about a commuting allowance.</summary>
    public bool CommutingNotStated { get; set; }
    /// <summary>Travel for the work (旅費・交通費), which is not a commuting allowance.</summary>
    public ExpensePolicy TravelExpenses { get; set; }
    public string? PayNotes { get; set; }

    // Pay made comparable; recomputed whenever pay, term or work style changes.
    public long DayRateYen { get; set; }
    public long AnnualEquivalentYen { get; set; }
    /// <summary>When the workload is not stated: the day rate at the heaviest and lightest plausible load; null otherwise.</summary>
    public long? DayRateLowYen { get; set; }
    public long? DayRateHighYen { get; set; }

    // Work style
    /// <summary>Days a week; when <see cref="DaysPerWeekNotStated"/>, the middle of the plausible range.</summary>
    public double DaysPerWeek { get; set; }
    public bool DaysPerWeekNotStated { get; set; }
    public bool DaysPerWeekApproximate { get; set; }
    public double OnsiteDays { get; set; }
    public OnsitePeriod OnsitePeriod { get; set; } = OnsitePeriod.Month;
    public bool OnsiteNotStated { get; set; }
    public bool OnsiteApproximate { get; set; }
    /// <summary>On-site days normalised to a month, for filtering.</summary>
    public double OnsiteDaysPerMonth { get; set; }
    public bool RemoteAllowed { get; set; }
    public string? WorkLocation { get; set; }
    /// <summary>Free text such as "週2日程度テレワーク、月1日程度登庁".</summary>
    public string? WorkStyleNotes { get; set; }

    public List<OpeningSkill> Skills { get; set; } = [];
    public List<OpeningAttachment> Attachments { get; set; } = [];
    public bool PublicSectorExperienceRequired { get; set; }
    public bool CertifiedCioOnly { get; set; }

    public DateOnly ApplicationDeadline { get; set; }
    public List<string> SelectionSteps { get; set; } = [];

    /// <summary>NFKC-normalised, lower-cased text of title, description, duties and the government's name.</summary>
    public string SearchText { get; set; } = "";

    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    // An appointment made outside the product, recorded after the fact (事後登録) with its real dates.
    public bool RecordedAfterTheFact { get; set; }
    public DateTime? RecordedAt { get; set; }
    public string? RecordedByUserId { get; set; }
    /// <summary>The day the person was appointed (任用日); set when the opening is filled.</summary>
    public DateOnly? FilledOn { get; set; }
    /// <summary>The appointed person's name as public record (the government publishes it).</summary>
    public string? AppointeeName { get; set; }
    /// <summary>The appointed person's expert profile, when registered: counts in conflict-of-interest checks, never shown publicly.</summary>
    public int? AppointeeExpertProfileId { get; set; }

    public Guid Version { get; set; }

    public IEnumerable<string> RequiredSkillCodes => Skills.Where(s => s.Required).Select(s => s.SkillCode);
    public IEnumerable<string> PreferredSkillCodes => Skills.Where(s => !s.Required).Select(s => s.SkillCode);
}

public class OpeningSkill
{
    public int OpeningId { get; set; }
    public string SkillCode { get; set; } = "";
    public bool Required { get; set; }
}

public class RecruitmentNotice
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public string Title { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public List<Opening> Openings { get; set; } = [];
}

public enum OpeningStatus
{
    Draft = 0,
    Published = 1,
    Closed = 2,
    Cancelled = 3,
}

public enum RenewalRule
{
    None = 0,
    RenewableTimes = 1,
    RenewableUpToTotalMonths = 2,
    Unlimited = 3,
    /// <summary>"Renewable for up to N more years": the additional time, as the notice states it.</summary>
    RenewableForMoreMonths = 4,
}

/// <summary>How travel for the work (旅費・交通費) is paid.</summary>
public enum ExpensePolicy
{
    NotStated = 0,
    /// <summary>Paid separately at cost (実費支給).</summary>
    PaidAtCost = 1,
    /// <summary>Included in the pay or the contract amount.</summary>
    IncludedInPay = 2,
    NotPaid = 3,
}

/// <summary>A PDF (募集要項) published with an opening.</summary>
public class OpeningAttachment : StoredPdf
{
    public int Id { get; set; }
    public int OpeningId { get; set; }
}

public enum PayUnit
{
    Year = 0,
    Month = 1,
    Day = 2,
    Hour = 3,
    ContractTotal = 4,
}

public enum OnsitePeriod
{
    Week = 0,
    Month = 1,
}

/// <summary>Entities whose concurrent edits must be detected; the token changes on every save.</summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
