namespace Marketplace.Web.Features.Calls;

/// <summary>
/// What the call form posts. Amounts, numbers and dates arrive as text so that full-width digits,
/// separators and 円 are accepted and every mistake is reported in the page's language.
/// Blank role and criterion rows are ignored.
/// </summary>
public sealed class CallInput
{
    public const int RoleRows = 6;
    public const int CriterionRows = 10;

    public string? Title { get; set; }
    public string? Purpose { get; set; }
    public string? Scope { get; set; }
    public string? Department { get; set; }
    public string? ServesCode { get; set; }
    public string? ServesDetail { get; set; }
    public string? TravelExpenses { get; set; } = "NotStated";
    public string? ContractStart { get; set; }
    public string? ContractEnd { get; set; }
    public string? Ceiling { get; set; }
    public bool CeilingTaxIncluded { get; set; }
    public string? OnsiteDaysPerWeek { get; set; }
    public string? OnsiteNotes { get; set; }
    /// <summary>One requirement per line.</summary>
    public string? Eligibility { get; set; }
    /// <summary>Japanese time: 2026-12-01T17:00, 2026/12/01 17:00, or a date alone (17:00 that day).</summary>
    public string? QuestionDeadline { get; set; }
    public string? SubmissionDeadline { get; set; }
    public string? PresentationDate { get; set; }
    public string? ResultDate { get; set; }
    public string? ScoreScale { get; set; } = "5";
    public string? PriceWeight { get; set; }
    public string? PriceFormula { get; set; } = nameof(Data.Entities.PriceFormula.LowestRatio);
    public List<RoleInput> Roles { get; set; } = [];
    public List<CriterionInput> Criteria { get; set; } = [];
    /// <summary>Why a published posting is corrected (訂正理由): required then, shown in its change log and the notice.</summary>
    public string? CorrectionReason { get; set; }

    public string? ConcurrencyToken { get; set; }

    /// <summary>The rows the form shows: the entered ones and blank ones up to the form's size.</summary>
    public void PadRows()
    {
        while (Roles.Count < RoleRows) Roles.Add(new RoleInput());
        while (Criteria.Count < CriterionRows) Criteria.Add(new CriterionInput());
    }
}

public sealed class RoleInput
{
    public string? Name { get; set; }
    public bool MustBeOwnEmployee { get; set; }
    public bool MayCombine { get; set; }
}

public sealed class CriterionInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Weight { get; set; }
}

