namespace Marketplace.Data.Entities;

/// <summary>
/// An expert's profile. Name, contact, career history, self-introduction and vendor affiliation are
/// personal: only the expert, and staff of governments the expert applied to, see them. When the
/// expert deletes their account those are erased and the row stays, anonymised, so that stage
/// history and the ranker's training data keep their shape.
/// </summary>
public class ExpertProfile
{
    public int Id { get; set; }

    /// <summary>Null once the account is deleted and the profile anonymised.</summary>
    public string? UserId { get; set; }
    public AppUser? User { get; set; }

    // Personal
    public string FullName { get; set; } = "";
    public string? Phone { get; set; }
    public string Summary { get; set; } = "";
    public List<CareerEntry> Career { get; set; } = [];
    public string? VendorAffiliationName { get; set; }
    /// <summary>法人番号 of the expert's current vendor affiliation, for conflict-of-interest checks.</summary>
    public string? VendorCorporateNumber { get; set; }

    // Matching attributes (kept, anonymised, after deletion)
    public string HomePrefectureCode { get; set; } = "";
    public int YearsExperience { get; set; }
    public int PublicSectorYears { get; set; }
    public double AvailableDaysPerWeek { get; set; }
    /// <summary>Null until the expert says (0 is an answer: no on-site work).</summary>
    public double? MaxOnsiteDaysPerMonth { get; set; }
    public long DesiredDayRateYen { get; set; }
    /// <summary>The desired pay as the expert typed it (with <see cref="DesiredPayUnit"/>); the day rate is derived from it.</summary>
    public long DesiredPayAmountYen { get; set; }
    public PayUnit DesiredPayUnit { get; set; } = PayUnit.Day;
    public List<string> AcceptedEngagements { get; set; } = [];
    public List<string> Certifications { get; set; } = [];
    public List<ExpertSkill> Skills { get; set; } = [];
    public bool CertifiedCio { get; set; }
    /// <summary>Null until the expert says.</summary>
    public SideJobPermission? SideJob { get; set; }
    public ProfileVisibility Visibility { get; set; } = ProfileVisibility.HiddenUntilApplied;
    /// <summary>The expert said they cannot take an engagement now: never recommended to anyone until they clear it.</summary>
    public bool NotAvailableNow { get; set; }

    public DateTime UpdatedAt { get; set; }
    public DateTime? AnonymizedAt { get; set; }
}

public class ExpertSkill
{
    public int ExpertProfileId { get; set; }
    public string SkillCode { get; set; } = "";
    public int Years { get; set; }
}

public class CareerEntry
{
    public int Id { get; set; }
    public int ExpertProfileId { get; set; }
    public string Organization { get; set; } = "";
    public string Role { get; set; } = "";
    /// <summary>First month of the period (day 1).</summary>
    public DateOnly From { get; set; }
    /// <summary>Last month of the period; null while current.</summary>
    public DateOnly? To { get; set; }
    public bool PublicSector { get; set; }
}

public enum ProfileVisibility
{
    HiddenUntilApplied = 0,
    VisibleToStaff = 1,
}

/// <summary>Whether the expert's current employer allows a side job (副業).</summary>
public enum SideJobPermission
{
    /// <summary>No current employer, or self-employed.</summary>
    NotApplicable = 0,
    Permitted = 1,
    Pending = 2,
    NotPermitted = 3,
}
