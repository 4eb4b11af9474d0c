namespace Marketplace.Data.Entities;

/// <summary>
/// One round of the national certified-CIO dispatch programme (認定CIO派遣制度) for a fiscal year (年度).
/// Every date, limit, eligibility rule, budget and incentive rule is stored with the round; nothing is a constant in code.
/// </summary>
public class DispatchRound : IVersioned
{
    public int Id { get; set; }
    /// <summary>The fiscal year the round belongs to: 2026 is 令和8年度 (April 2026 to March 2027).</summary>
    public int FiscalYear { get; set; }
    public string Name { get; set; } = "";

    public DateOnly RequestOpensOn { get; set; }
    public DateOnly RequestClosesOn { get; set; }
    public DateOnly MatchingEndsOn { get; set; }
    /// <summary>Accepted pairings become public on this day.</summary>
    public DateOnly ResultDate { get; set; }
    public DateOnly DispatchStartsOn { get; set; }

    public int MinTermMonths { get; set; }
    public int MaxTermMonths { get; set; }
    /// <summary>Longest total term including extensions.</summary>
    public int MaxTotalMonths { get; set; }
    public bool AllowFullTime { get; set; }
    public bool AllowPartTime { get; set; }

    /// <summary>Organization kind codes (prefecture, city, town, ...) that may request.</summary>
    public List<string> EligibleKinds { get; set; } = [];
    /// <summary>Only governments with at most this population may request; null for no limit.</summary>
    public int? MaxPopulation { get; set; }

    public long BudgetYen { get; set; }

    // Incentive rules
    /// <summary>特別交付税措置: the cap per dispatch per fiscal year (a part year gets its share by months).</summary>
    public long TaxCapPerYearYen { get; set; }
    /// <summary>Fixed subsidy per host government that completed readiness training.</summary>
    public long ReadinessSubsidyYen { get; set; }
    /// <summary>Rates of eligible costs by the host's fiscal-capacity index (財政力指数).</summary>
    public List<IncentiveBand> Bands { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

/// <summary>Hosts whose fiscal-capacity index is at least <see cref="FromIndex"/> (and below the next band's) get <see cref="RatePercent"/>.</summary>
public class IncentiveBand
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public double FromIndex { get; set; }
    public int RatePercent { get; set; }
}

/// <summary>An expert's application for national certification, with the evidence the office reviews.</summary>
public class CertificationApplication : IVersioned
{
    public int Id { get; set; }
    public int ExpertProfileId { get; set; }
    public ExpertProfile? Expert { get; set; }
    public string CareerEvidence { get; set; } = "";
    public string SkillsEvidence { get; set; } = "";
    public string References { get; set; } = "";
    public CertificationApplicationStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public DateTime SubmittedAt { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewedByUserId { get; set; }
    public Guid Version { get; set; }
}

public enum CertificationApplicationStatus
{
    Submitted = 0,
    /// <summary>Evidence accepted; certification follows once the CIO courses are completed.</summary>
    Approved = 1,
    Rejected = 2,
    Certified = 3,
}

/// <summary>The national certified-CIO status of an expert. The profile's CertifiedCio flag follows it.</summary>
public class Certification : IVersioned
{
    public int Id { get; set; }
    public int ExpertProfileId { get; set; }
    public ExpertProfile? Expert { get; set; }
    public int? ApplicationId { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidUntil { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public List<CertificationEvent> Events { get; set; } = [];
    public Guid Version { get; set; }

    public bool IsValidOn(DateOnly day) => RevokedAt is null && ValidFrom <= day && day <= ValidUntil;
}

public class CertificationEvent
{
    public int Id { get; set; }
    public int CertificationId { get; set; }
    public CertificationEventKind Kind { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string Reason { get; set; } = "";
    public DateTime At { get; set; }
    public string? ByUserId { get; set; }
}

public enum CertificationEventKind
{
    Certified = 0,
    Renewed = 1,
    Revoked = 2,
}

public enum TrainingAudience
{
    /// <summary>For certified CIOs: how public-sector work is done.</summary>
    Cio = 0,
    /// <summary>For host governments: working with an outside leader.</summary>
    Host = 1,
}

public class TrainingCourse
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public TrainingAudience Audience { get; set; }
    public string TitleJa { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public List<TrainingModule> Modules { get; set; } = [];

    public string Title(bool english) => english ? TitleEn : TitleJa;
}

public class TrainingModule
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public TrainingCourse? Course { get; set; }
    public int Order { get; set; }
    public string TitleJa { get; set; } = "";
    public string TitleEn { get; set; } = "";

    public string Title(bool english) => english ? TitleEn : TitleJa;
}

/// <summary>
/// One person's completion of one module: an expert (CIO course) or a named staff member of a
/// host government (host course, recorded by that government).
/// </summary>
public class TrainingCompletion
{
    public int Id { get; set; }
    public int ModuleId { get; set; }
    public TrainingModule? Module { get; set; }
    public int? ExpertProfileId { get; set; }
    public int? OrganizationId { get; set; }
    public string PersonName { get; set; } = "";
    public DateOnly CompletedOn { get; set; }
    public DateTime RecordedAt { get; set; }
    public string? RecordedByUserId { get; set; }
}

/// <summary>A host government's readiness checklist; together with completed host training it is a condition of dispatch.</summary>
public class HostReadiness : IVersioned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    /// <summary>The government's own CIO (e.g. the deputy mayor) whom the dispatched CIO supports.</summary>
    public string CioName { get; set; } = "";
    public string SupportStaff { get; set; } = "";
    public string DecisionRights { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedByUserId { get; set; }
    public Guid Version { get; set; }

    public bool ChecklistFilled => CioName.Length > 0 && SupportStaff.Length > 0 && DecisionRights.Length > 0;
}

/// <summary>A request for a certified CIO by one government or, jointly, by several small municipalities.</summary>
public class DispatchRequest : IVersioned
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public DispatchRound? Round { get; set; }
    /// <summary>The government that filed the request (also one of the hosts).</summary>
    public int LeadOrganizationId { get; set; }
    public Organization? LeadOrganization { get; set; }
    public DispatchRequestStatus Status { get; set; }

    public string RoleCode { get; set; } = "";
    public string Needs { get; set; } = "";
    public List<string> RequiredSkills { get; set; } = [];
    public List<string> PreferredSkills { get; set; } = [];
    public bool FullTime { get; set; }
    public double DaysPerWeek { get; set; }
    public double OnsiteDaysPerMonth { get; set; }
    public int TermMonths { get; set; }
    /// <summary>Obstacle codes from the checklist (shortage of people, vendor dependence, ...).</summary>
    public List<string> Obstacles { get; set; } = [];
    public string? SituationNotes { get; set; }
    /// <summary>The hosts' estimate of eligible costs per 12 months (pay, travel), for the expected incentive.</summary>
    public long ExpectedAnnualCostYen { get; set; }

    public List<DispatchRequestHost> Hosts { get; set; } = [];
    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    public Guid Version { get; set; }
}

public enum DispatchRequestStatus
{
    Submitted = 0,
    Withdrawn = 1,
    /// <summary>Both sides accepted a proposal.</summary>
    Matched = 2,
    Dispatched = 3,
}

/// <summary>A host of a request; a co-host of a joint request confirms its participation itself.</summary>
public class DispatchRequestHost
{
    public int RequestId { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public bool IsLead { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public string? ConfirmedByUserId { get; set; }
}

/// <summary>The office's proposal of one certified CIO to one request; both sides answer.</summary>
public class DispatchProposal : IVersioned
{
    public int Id { get; set; }
    public int RequestId { get; set; }
    public DispatchRequest? Request { get; set; }
    public int ExpertProfileId { get; set; }
    public ExpertProfile? Expert { get; set; }
    public DispatchProposalStatus Status { get; set; }
    /// <summary>Position in the ranking when proposed (1 = top); 0 if the CIO was not in the ranked list.</summary>
    public int RankAtProposal { get; set; }
    public double Score { get; set; }
    /// <summary>Why the office chose someone other than the top-ranked CIO.</summary>
    public string? OverrideReason { get; set; }
    public DateTime ProposedAt { get; set; }
    public string? ProposedByUserId { get; set; }
    public DateTime? CioAcceptedAt { get; set; }
    public DateTime? HostAcceptedAt { get; set; }
    public string? HostAcceptedByUserId { get; set; }
    public string? DeclineReason { get; set; }
    public DateTime? ClosedAt { get; set; }
    public Guid Version { get; set; }

    public bool IsOpen => Status is DispatchProposalStatus.Proposed or DispatchProposalStatus.Accepted;
}

public enum DispatchProposalStatus
{
    Proposed = 0,
    /// <summary>Both the CIO and the host accepted.</summary>
    Accepted = 1,
    DeclinedByCio = 2,
    DeclinedByHost = 3,
    Withdrawn = 4,
    /// <summary>The office approved the dispatch.</summary>
    Dispatched = 5,
}

/// <summary>A certified CIO's dispatch to the host(s) of a request.</summary>
public class CioDispatch : IVersioned
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public DispatchRound? Round { get; set; }
    public int RequestId { get; set; }
    public DispatchRequest? Request { get; set; }
    public int ProposalId { get; set; }
    public int ExpertProfileId { get; set; }
    public ExpertProfile? Expert { get; set; }

    public DateOnly StartDate { get; set; }
    /// <summary>Last day of the dispatch (after any extension or early end).</summary>
    public DateOnly EndDate { get; set; }
    public DateOnly PlannedEndDate { get; set; }
    public double DaysPerWeek { get; set; }
    public double OnsiteDaysPerMonth { get; set; }
    public DispatchStatus Status { get; set; }
    public string? EndReason { get; set; }

    /// <summary>Expected incentive committed against the round's budget.</summary>
    public long CommittedYen { get; set; }

    public string? FinalReport { get; set; }
    public DateTime? FinalReportAt { get; set; }
    /// <summary>Results in figures the CIO reports with the final report.</summary>
    public List<DispatchKpi> Kpis { get; set; } = [];
    /// <summary>The CIO's "what another government should know".</summary>
    public string? ReportLessons { get; set; }
    /// <summary>The CIO agrees to be named and linked on a case made from the report.</summary>
    public bool CioConsentsToCase { get; set; }
    /// <summary>The host's "what another government should know", with its evaluation.</summary>
    public string? HostLessons { get; set; }
    /// <summary>When the host consented to the report becoming a case (and the draft was made).</summary>
    public DateTime? CaseConsentAt { get; set; }
    /// <summary>The host's rating, 1 (poor) to 5 (excellent).</summary>
    public int? HostRating { get; set; }
    public string? HostEvaluation { get; set; }
    public DateTime? HostEvaluatedAt { get; set; }
    public string? HostEvaluatedByUserId { get; set; }
    /// <summary>
    /// When the CIO chose to show the host's evaluation on their track record (null: hidden, the default). A new
    /// rating or text from the host hides it again: the CIO agreed to show the evaluation they read.
    /// </summary>
    public DateTime? EvaluationShownAt { get; set; }

    public DateTime ApprovedAt { get; set; }
    public string? ApprovedByUserId { get; set; }
    public List<DispatchEvent> Events { get; set; } = [];
    public Guid Version { get; set; }
}

public enum DispatchStatus
{
    Active = 0,
    Extended = 1,
    EndedEarly = 2,
    Completed = 3,
}

public class DispatchEvent
{
    public int Id { get; set; }
    public int DispatchId { get; set; }
    public string Kind { get; set; } = "";
    public string Note { get; set; } = "";
    public DateTime At { get; set; }
    public string? ByUserId { get; set; }
}

/// <summary>A host's claim for an incentive of one dispatch: the tax measure for one fiscal year, or the readiness subsidy.</summary>
public class IncentiveClaim : IVersioned
{
    public int Id { get; set; }
    public int DispatchId { get; set; }
    public CioDispatch? Dispatch { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public IncentiveKind Kind { get; set; }
    public int FiscalYear { get; set; }
    public long EligibleCostsYen { get; set; }
    /// <summary>What the rules give for the claimed costs.</summary>
    public long ComputedYen { get; set; }
    // How the tax measure was computed, frozen when the claim is filed: later edits of the round's rules or an early
    // end of the dispatch do not change what was claimed (null for the readiness subsidy).
    public int? Months { get; set; }
    public int? RatePercent { get; set; }
    public long? BeforeCapYen { get; set; }
    public long? CapYen { get; set; }
    public long? ApprovedYen { get; set; }
    public ClaimStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public DateTime SubmittedAt { get; set; }
    public string? SubmittedByUserId { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedByUserId { get; set; }
    public List<IncentivePayment> Payments { get; set; } = [];
    public Guid Version { get; set; }
}

public enum IncentiveKind
{
    SpecialAllocationTax = 0,
    ReadinessSubsidy = 1,
}

public enum ClaimStatus
{
    Submitted = 0,
    Approved = 1,
    Reduced = 2,
    Rejected = 3,
}

public class IncentivePayment
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public long AmountYen { get; set; }
    public DateOnly PaidOn { get; set; }
    public DateTime RecordedAt { get; set; }
    public string? RecordedByUserId { get; set; }
}
