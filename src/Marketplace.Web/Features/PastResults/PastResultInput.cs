namespace Marketplace.Web.Features.PastResults;

/// <summary>
/// A procurement that ran outside the product (公募型プロポーザル), as its notice and result were published.
/// Dates, amounts and counts arrive as typed (2026年4月1日, 3,300万円, ３３０００千円 …) and are read by the shared parsers.
/// </summary>
public sealed class PastCallInput
{
    /// <summary>団体コード: the national office names the government; staff record for their own only.</summary>
    public string? OrganizationCode { get; set; }
    public string? Title { get; set; }
    public string? Purpose { get; set; }
    public string? Department { get; set; }
    /// <summary>One role a line (CIO補佐官, 実務管理者 …).</summary>
    public string? Roles { get; set; }
    public string? PublishedOn { get; set; }
    public string? SubmissionDeadline { get; set; }
    public string? AwardedOn { get; set; }
    public string? ContractStart { get; set; }
    public string? ContractEnd { get; set; }
    public string? Ceiling { get; set; }
    /// <summary>"included" or "excluded": the tax basis of the ceiling and the contract amount.</summary>
    public string? TaxBasis { get; set; }
    public string? ContractAmount { get; set; }
    public string? OnsiteDaysPerWeek { get; set; }
    public string? OnsiteNotes { get; set; }
    public string? WinnerName { get; set; }
    public string? WinnerCorporateNumber { get; set; }
    public string? ProposalCount { get; set; }
}

/// <summary>An opening filled outside the product (任用済み), as its notice and the appointment were published.</summary>
public sealed class PastAppointmentInput
{
    public string? OrganizationCode { get; set; }
    public string? Title { get; set; }
    public string? RoleCode { get; set; }
    public string? EngagementCode { get; set; }
    public string? Rank { get; set; }
    public string? Department { get; set; }
    public string? Description { get; set; }
    public string? PublishedOn { get; set; }
    public string? ApplicationDeadline { get; set; }
    public string? FilledOn { get; set; }
    public string? StartDate { get; set; }
    public string? FirstTermMonths { get; set; }
    /// <summary>Blank when the notice gave no amount.</summary>
    public string? PayAmount { get; set; }
    public string? PayUnit { get; set; } = nameof(Data.Entities.PayUnit.Month);
    /// <summary>Blank when the notice did not say (the day rate is then a range over plausible workloads).</summary>
    public string? DaysPerWeek { get; set; }
    public string? AppointeeName { get; set; }
    /// <summary>The e-mail of the appointee's expert account, to link it for conflict-of-interest checks (optional).</summary>
    public string? AppointeeEmail { get; set; }
}

