namespace Marketplace.Data.Entities;

/// <summary>
/// A call for proposals (公募型プロポーザル): a government contracts a company for work such as CIO support,
/// under a budget ceiling, and picks the best proposal by a committee's scored evaluation.
/// </summary>
public class ProposalCall : IVersioned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public CallStatus Status { get; set; } = CallStatus.Draft;

    public string Title { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string Scope { get; set; } = "";
    /// <summary>所属: the department or section the work is for (e.g. 総務部デジタル推進課).</summary>
    public string? Department { get; set; }
    /// <summary>Whom the work supports, a code of the taxonomy's <c>serves</c> list (米原市: the deputy mayor, who is the CIO).</summary>
    public string? ServesCode { get; set; }
    public string? ServesDetail { get; set; }
    /// <summary>Travel for the work: paid at cost or included in the contract amount.</summary>
    public ExpensePolicy TravelExpenses { get; set; }
    public DateOnly ContractStart { get; set; }
    public DateOnly ContractEnd { get; set; }

    /// <summary>予定価格 / 提案上限額 for the whole contract period, on the basis <see cref="CeilingTaxIncluded"/> says.</summary>
    public long CeilingYen { get; set; }
    public bool CeilingTaxIncluded { get; set; }

    /// <summary>The least average on-site presence, in days a week, of at least one named person.</summary>
    public double OnsiteDaysPerWeek { get; set; }
    /// <summary>Free text such as "平均週1日、又は週2回半日ずつ".</summary>
    public string OnsiteNotes { get; set; } = "";
    public List<string> Eligibility { get; set; } = [];

    public DateTime QuestionDeadline { get; set; }
    public DateTime SubmissionDeadline { get; set; }
    public DateOnly? PresentationDate { get; set; }
    public DateOnly? ResultDate { get; set; }

    /// <summary>Each member scores each criterion from 0 to this; the criterion's weight is earned in proportion.</summary>
    public int ScoreScale { get; set; } = 5;
    public int PriceWeight { get; set; }
    public PriceFormula PriceFormula { get; set; }

    public List<CallRole> Roles { get; set; } = [];
    public List<EvaluationCriterion> Criteria { get; set; } = [];
    public List<CallAttachment> Attachments { get; set; } = [];

    /// <summary>NFKC-normalised, lower-cased title, purpose, scope and government name.</summary>
    public string SearchText { get; set; } = "";

    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }

    // Result
    public DateTime? ConfirmedAt { get; set; }
    public string? ConfirmedByUserId { get; set; }
    public int? AwardedProposalId { get; set; }
    public long? ContractAmountYen { get; set; }
    public DateTime? AwardedAt { get; set; }
    /// <summary>Why the award came before the call's own presentation or result date (required then, public with the result).</summary>
    public string? EarlyAwardReason { get; set; }

    // A procurement that ran outside the product, recorded after the fact (事後登録) with its real dates and winner.
    public bool RecordedAfterTheFact { get; set; }
    public DateTime? RecordedAt { get; set; }
    public string? RecordedByUserId { get; set; }
    /// <summary>The winner as the government published it (recorded calls; a live award names the winning proposal's company).</summary>
    public string? SupplierName { get; set; }
    /// <summary>The winner's 法人番号 when known: the award then counts in conflict-of-interest checks.</summary>
    public string? SupplierCorporateNumber { get; set; }
    /// <summary>The registered vendor with that 法人番号, if any.</summary>
    public int? SupplierVendorCompanyId { get; set; }
    /// <summary>How many proposals the recorded procurement received, when published.</summary>
    public int? RecordedProposalCount { get; set; }

    public Guid Version { get; set; }
}

public enum CallStatus
{
    Draft = 0,
    Published = 1,
    Awarded = 2,
    Cancelled = 3,
}

public enum PriceFormula
{
    /// <summary>配点 × 最低提案価格 ÷ 当該提案価格.</summary>
    LowestRatio = 0,
    /// <summary>配点 × (1 − 当該提案価格 ÷ 提案上限額).</summary>
    CeilingDiscount = 1,
}

/// <summary>A staffing role the proposal must name a person for (CIO補佐官, 実務管理者, 担当者 ...).</summary>
public class CallRole
{
    public int Id { get; set; }
    public int CallId { get; set; }
    public string Name { get; set; } = "";
    public bool MustBeOwnEmployee { get; set; }
    /// <summary>The person in this role may hold other roles that also allow it.</summary>
    public bool MayCombine { get; set; }
    public int SortOrder { get; set; }
}

public class EvaluationCriterion
{
    public int Id { get; set; }
    public int CallId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>配点: the points a top score on this criterion earns.</summary>
    public int Weight { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A PDF attached to a call (実施要領, 仕様書 ...), a proposal, an opening or a case; the bytes live in the database.</summary>
public class StoredPdf
{
    public string FileName { get; set; } = "";
    public long SizeBytes { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTime UploadedAt { get; set; }
}

public class CallAttachment : StoredPdf
{
    public int Id { get; set; }
    public int CallId { get; set; }
}

public class ProposalAttachment : StoredPdf
{
    public int Id { get; set; }
    public int ProposalId { get; set; }
}

/// <summary>A vendor's question; its answer is published to everyone without the asker's name.</summary>
public class CallQuestion
{
    public int Id { get; set; }
    public int CallId { get; set; }
    public ProposalCall? Call { get; set; }
    public int VendorCompanyId { get; set; }
    public string? AskedByUserId { get; set; }
    public string Body { get; set; } = "";
    public DateTime AskedAt { get; set; }
    public string? Answer { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? AnsweredByUserId { get; set; }
}

/// <summary>A person a vendor may name in proposals, optionally linked to that person's expert profile.</summary>
public class VendorStaffMember
{
    public int Id { get; set; }
    public int VendorCompanyId { get; set; }
    public string FullName { get; set; } = "";
    public bool IsEmployee { get; set; }
    public string Qualifications { get; set; } = "";
    /// <summary>Set only when the expert's own profile names this company's 法人番号 as affiliation.</summary>
    public int? ExpertProfileId { get; set; }
    public ExpertProfile? ExpertProfile { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One vendor's proposal to a call; sealed from the government until the submission deadline.</summary>
public class Proposal : IVersioned
{
    public int Id { get; set; }
    public int CallId { get; set; }
    public ProposalCall? Call { get; set; }
    public int VendorCompanyId { get; set; }
    public VendorCompany? VendorCompany { get; set; }

    /// <summary>The price as the vendor typed it, with its tax basis.</summary>
    public long PriceYen { get; set; }
    public bool PriceTaxIncluded { get; set; }
    /// <summary>The price on the call's tax basis: what the ceiling check and the price score use.</summary>
    public long PriceOnCallBasisYen { get; set; }
    public string Approach { get; set; } = "";

    public List<ProposalStaffing> Staffing { get; set; } = [];
    public List<ProposalAttachment> Attachments { get; set; } = [];

    public string? SubmittedByUserId { get; set; }
    public DateTime SubmittedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

/// <summary>The person named for one required role (one person may hold several roles where the call allows).</summary>
public class ProposalStaffing
{
    public int Id { get; set; }
    public int ProposalId { get; set; }
    public int CallRoleId { get; set; }
    public int VendorStaffMemberId { get; set; }
    public VendorStaffMember? Member { get; set; }
}

public class CommitteeMember
{
    public int Id { get; set; }
    public int CallId { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public bool IsChair { get; set; }
    /// <summary>When the member declared their sheet complete; the chair confirms only when every sheet is.</summary>
    public DateTime? SubmittedAt { get; set; }
}

public class EvaluationScore
{
    public int Id { get; set; }
    public int CommitteeMemberId { get; set; }
    public int ProposalId { get; set; }
    public int CriterionId { get; set; }
    public int Score { get; set; }
    public string Comment { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
