namespace Marketplace.Web.Features.Experts;

/// <summary>
/// What the expert's profile form posts. Numbers and year-months arrive as text so that full-width digits,
/// separators and 円 are accepted and every mistake is reported in the page's language.
/// There is deliberately no id: the profile edited is always the signed-in expert's own.
/// </summary>
public sealed class ProfileInput
{
    /// <summary>How many empty career rows the form offers below the existing ones.</summary>
    public const int EmptyCareerRows = 3;

    public string? FullName { get; set; }
    public string? Phone { get; set; }
    public string? HomePrefectureCode { get; set; }

    public List<CareerRowInput> Career { get; set; } = [];

    /// <summary>Years of experience per taxonomy skill code; blank or 0 means none.</summary>
    public Dictionary<string, string?> SkillYears { get; set; } = [];
    public List<string> Certifications { get; set; } = [];

    public string? YearsExperience { get; set; }
    public string? PublicSectorYears { get; set; }

    public string? AvailableDaysPerWeek { get; set; }
    public string? MaxOnsiteDaysPerMonth { get; set; }

    public string? DesiredPayAmount { get; set; }
    /// <summary>Day, Month or Year (<see cref="Marketplace.Data.Entities.PayUnit"/>).</summary>
    public string? DesiredPayUnit { get; set; } = "Month";

    public List<string> AcceptedEngagements { get; set; } = [];
    public string? SideJob { get; set; }

    public string? VendorAffiliationName { get; set; }
    public string? VendorCorporateNumber { get; set; }

    public string? Summary { get; set; }
    public string? Visibility { get; set; } = "HiddenUntilApplied";
    /// <summary>Checked: not available for an engagement now (never recommended meanwhile).</summary>
    public bool NotAvailableNow { get; set; }
}

/// <summary>One line of the career history; a line left entirely blank is ignored.</summary>
public sealed class CareerRowInput
{
    public string? Organization { get; set; }
    public string? Role { get; set; }
    /// <summary>Year and month, e.g. 2020-04, 2020/4, 2020年4月, ２０２０－０４.</summary>
    public string? From { get; set; }
    /// <summary>Blank while the position is current.</summary>
    public string? To { get; set; }
    public bool PublicSector { get; set; }

    public bool IsBlank =>
        string.IsNullOrWhiteSpace(Organization) && string.IsNullOrWhiteSpace(Role)
        && string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To) && !PublicSector;
}
