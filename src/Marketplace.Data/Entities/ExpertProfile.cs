namespace Marketplace.Data.Entities;

/// <summary>An expert's profile. Name and contact are private to the expert and whom they apply to.</summary>
public class ExpertProfile
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }

    public string FullName { get; set; } = "";
    public string? Phone { get; set; }
    public string HomePrefectureCode { get; set; } = "";
    public string Summary { get; set; } = "";
    public int YearsExperience { get; set; }
    public int PublicSectorYears { get; set; }
    public double AvailableDaysPerWeek { get; set; }
    public double MaxOnsiteDaysPerMonth { get; set; }
    public long DesiredDayRateYen { get; set; }
    public List<string> AcceptedEngagements { get; set; } = [];
    public List<string> Certifications { get; set; } = [];
    public List<ExpertSkill> Skills { get; set; } = [];
    public bool CertifiedCio { get; set; }
    public ProfileVisibility Visibility { get; set; } = ProfileVisibility.HiddenUntilApplied;
    public DateTime UpdatedAt { get; set; }
}

public class ExpertSkill
{
    public int ExpertProfileId { get; set; }
    public string SkillCode { get; set; } = "";
    public int Years { get; set; }
}

public enum ProfileVisibility
{
    HiddenUntilApplied = 0,
    VisibleToStaff = 1,
}
