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

    // Term
    public int FirstTermMonths { get; set; }
    public DateOnly? StartDate { get; set; }
    public RenewalRule RenewalRule { get; set; }
    /// <summary>For <see cref="RenewalRule.RenewableTimes"/>: how many renewals at most.</summary>
    public int? RenewalMaxCount { get; set; }
    /// <summary>For <see cref="RenewalRule.RenewableUpToTotalMonths"/>: the total term in months, first term included.</summary>
    public int? RenewalMaxTotalMonths { get; set; }
    /// <summary>A follow-on term that differs from the first (e.g. 3 months, then 24).</summary>
    public int? FollowOnTermMonths { get; set; }
    public string? TermNotes { get; set; }

    // Pay as posted
    public long PayAmountYen { get; set; }
    public PayUnit PayUnit { get; set; }
    public bool PayTaxIncluded { get; set; }
    public List<string> AllowancesIncluded { get; set; } = [];
    public bool CommutingAllowancePaid { get; set; }
    public string? PayNotes { get; set; }

    // Pay made comparable; recomputed whenever pay, term or work style changes.
    public long DayRateYen { get; set; }
    public long AnnualEquivalentYen { get; set; }

    // Work style
    public double DaysPerWeek { get; set; }
    public double OnsiteDays { get; set; }
    public OnsitePeriod OnsitePeriod { get; set; } = OnsitePeriod.Month;
    /// <summary>On-site days normalised to a month, for filtering.</summary>
    public double OnsiteDaysPerMonth { get; set; }
    public bool RemoteAllowed { get; set; }
    public string? WorkLocation { get; set; }
    /// <summary>Free text such as "週2日程度テレワーク、月1日程度登庁".</summary>
    public string? WorkStyleNotes { get; set; }

    public List<OpeningSkill> Skills { get; set; } = [];
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
