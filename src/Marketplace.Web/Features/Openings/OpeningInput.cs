namespace Marketplace.Web.Features.Openings;

/// <summary>
/// What the opening form posts. Numbers and dates arrive as text so that full-width digits,
/// separators and 円 can be accepted and every mistake reported in the page's language.
/// </summary>
public sealed class OpeningInput
{
    /// <summary>"" = a notice of its own, "new" = create <see cref="NewNoticeTitle"/>, or the id of an existing notice.</summary>
    public string? Notice { get; set; }
    public string? NewNoticeTitle { get; set; }

    public string? RoleCode { get; set; }
    public string? EngagementCode { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    /// <summary>One duty per line.</summary>
    public string? Duties { get; set; }
    public string? Rank { get; set; }
    public string? Positions { get; set; } = "1";
    public string? Department { get; set; }
    public string? ServesCode { get; set; }
    public string? ServesDetail { get; set; }

    /// <summary>Months, or as written: "約6か月", "1年".</summary>
    public string? FirstTermMonths { get; set; }
    public bool FirstTermApproximate { get; set; }
    public string? StartDate { get; set; }
    public string? RenewalRule { get; set; } = "None";
    public string? RenewalMaxCount { get; set; }
    public string? RenewalMaxTotalMonths { get; set; }
    public string? RenewalMaxAdditionalMonths { get; set; }
    public string? FollowOnTermMonths { get; set; }
    public bool FollowOnGuaranteed { get; set; }
    public string? TermNotes { get; set; }

    /// <summary>As written: "27万3,800円", "約1,140万円".</summary>
    public string? PayAmount { get; set; }
    public bool PayNotStated { get; set; }
    public bool PayApproximate { get; set; }
    public string? PayUnit { get; set; } = "Month";
    public bool PayTaxIncluded { get; set; }
    public List<string> AllowancesIncluded { get; set; } = [];
    public bool AllowancesNotStated { get; set; }
    public bool CommutingAllowancePaid { get; set; }
    public bool CommutingNotStated { get; set; }
    public string? TravelExpenses { get; set; } = "NotStated";
    public string? PayNotes { get; set; }

    public string? DaysPerWeek { get; set; }
    public bool DaysPerWeekNotStated { get; set; }
    public bool DaysPerWeekApproximate { get; set; }
    public string? OnsiteDays { get; set; }
    public bool OnsiteNotStated { get; set; }
    public bool OnsiteApproximate { get; set; }
    public string? OnsitePeriod { get; set; } = "Month";
    public bool RemoteAllowed { get; set; }
    public string? WorkLocation { get; set; }
    public string? WorkStyleNotes { get; set; }

    public List<string> RequiredSkills { get; set; } = [];
    public List<string> PreferredSkills { get; set; } = [];
    public bool PublicSectorExperienceRequired { get; set; }
    public bool CertifiedCioOnly { get; set; }

    public string? ApplicationDeadline { get; set; }
    /// <summary>One selection step per line.</summary>
    public string? SelectionSteps { get; set; }

    /// <summary>Why a published posting is corrected (訂正理由): required then, shown in its change log and the notice.</summary>
    public string? CorrectionReason { get; set; }

    /// <summary>The concurrency token the form was loaded with (see <c>MarketplaceDbContext.ConcurrencyTokenOf</c>).</summary>
    public string? ConcurrencyToken { get; set; }
}
