namespace Marketplace.Matching.Features;

/// <summary>What a feature (or a group of features) is about; explanations are given per group.</summary>
internal enum FeatureGroup
{
    Context,
    RequiredSkills,
    PreferredSkills,
    Pay,
    Availability,
    Onsite,
    PublicSector,
    Engagement,
    Seniority,
    Certifications,
    CertifiedCio,
    TextSimilarity,
    SkillBreadth,
}

/// <summary>
/// The features of an (opening, expert) pair. Nothing here describes age, gender or any attribute of that kind;
/// the records do not even carry them. <see cref="FeatureGroup.Context"/> features describe the opening only
/// (the same for every candidate) and let the trees condition on the kind of opening.
/// </summary>
internal static class MatchFeatures
{
    public const int RequiredCount = 0;
    /// <summary>Share of required skills the expert has (1 when none are required).</summary>
    public const int RequiredCoverage = 1;
    public const int RequiredMissing = 2;
    /// <summary>Mean years over the required skills (missing = 0, each capped at 20): coverage weighted by years.</summary>
    public const int RequiredYears = 3;
    /// <summary>The fewest years on any required skill (0 when one is missing).</summary>
    public const int RequiredMinYears = 4;
    public const int PreferredCount = 5;
    public const int PreferredCoverage = 6;
    public const int PreferredYears = 7;
    /// <summary>Offered day rate (ComparablePay) ÷ desired day rate, capped at 3.</summary>
    public const int PayRatio = 8;
    /// <summary>Offered day rate in units of 10,000 yen.</summary>
    public const int OfferedDayRate = 9;
    /// <summary>Available days a week − days a week the opening needs.</summary>
    public const int AvailabilityGap = 10;
    public const int DaysPerWeek = 11;
    /// <summary>Great-circle km between the opening's and the expert's prefecture offices (0 within one prefecture).</summary>
    public const int DistanceKm = 12;
    public const int OnsiteDays = 13;
    /// <summary>On-site days a month − the expert's maximum.</summary>
    public const int OnsiteOverMax = 14;
    /// <summary>On-site days a month × km ÷ 100: the travel load.</summary>
    public const int TravelLoad = 15;
    public const int PublicSectorYears = 16;
    public const int PublicSectorRequired = 17;
    public const int EngagementAccepted = 18;
    public const int LeadershipRole = 19;
    public const int AdvisorRole = 20;
    public const int YearsExperience = 21;
    /// <summary>Certifications that attest a required or preferred skill.</summary>
    public const int RelevantCertifications = 22;
    public const int CertificationCount = 23;
    public const int CertifiedCio = 24;
    public const int CertifiedCioOnly = 25;
    /// <summary>Cosine similarity of character-bigram tf-idf vectors of the opening (title + description + skills) and the self-introduction.</summary>
    public const int TextSimilarity = 26;
    public const int SkillCount = 27;
    /// <summary>Number of required skills the expert has.</summary>
    public const int RequiredHeld = 28;
    /// <summary>Number of preferred skills the expert has.</summary>
    public const int PreferredHeld = 29;
    /// <summary>
    /// Mean over the required skills of √(min(years, 15) ÷ 15) when held and −1 when missing (0 when none are required):
    /// years count with diminishing returns, and a missing essential skill weighs more than a short one.
    /// </summary>
    public const int RequiredFit = 30;
    /// <summary>The expert's desired day rate in units of 10,000 yen (their seniority as the market prices it).</summary>
    public const int DesiredDayRate = 31;
    /// <summary>Days a week the expert can work.</summary>
    public const int AvailableDays = 32;
    /// <summary>Days a month the expert can be on site.</summary>
    public const int MaxOnsiteDays = 33;
    /// <summary>The opening's initial term in months.</summary>
    public const int TermMonths = 34;
    /// <summary>Position of the opening's engagement form in the taxonomy (lets the trees tell the forms apart).</summary>
    public const int EngagementCode = 35;
    /// <summary>Position of the opening's role in the taxonomy.</summary>
    public const int RoleCode = 36;

    public const int Count = 37;

    /// <summary>Bump when features change: models trained on another schema are refused.</summary>
    public const int SchemaVersion = 2;

    public static readonly string[] Names =
    [
        "required_count", "required_coverage", "required_missing", "required_years", "required_min_years",
        "preferred_count", "preferred_coverage", "preferred_years", "pay_ratio", "offered_day_rate_10k",
        "availability_gap", "days_per_week", "distance_km", "onsite_days", "onsite_over_max", "travel_load",
        "public_sector_years", "public_sector_required", "engagement_accepted", "leadership_role", "advisor_role",
        "years_experience", "relevant_certifications", "certification_count", "certified_cio", "certified_cio_only",
        "text_similarity", "skill_count", "required_held", "preferred_held",
        "required_fit", "desired_day_rate_10k", "available_days", "max_onsite_days", "term_months", "engagement_code", "role_code",
    ];

    public static readonly FeatureGroup[] Groups =
    [
        FeatureGroup.Context, FeatureGroup.RequiredSkills, FeatureGroup.RequiredSkills, FeatureGroup.RequiredSkills, FeatureGroup.RequiredSkills,
        FeatureGroup.Context, FeatureGroup.PreferredSkills, FeatureGroup.PreferredSkills, FeatureGroup.Pay, FeatureGroup.Context,
        FeatureGroup.Availability, FeatureGroup.Context, FeatureGroup.Onsite, FeatureGroup.Context, FeatureGroup.Onsite, FeatureGroup.Onsite,
        FeatureGroup.PublicSector, FeatureGroup.Context, FeatureGroup.Engagement, FeatureGroup.Context, FeatureGroup.Context,
        FeatureGroup.Seniority, FeatureGroup.Certifications, FeatureGroup.Certifications, FeatureGroup.CertifiedCio, FeatureGroup.Context,
        FeatureGroup.TextSimilarity, FeatureGroup.SkillBreadth, FeatureGroup.RequiredSkills, FeatureGroup.PreferredSkills,
        FeatureGroup.RequiredSkills, FeatureGroup.Pay, FeatureGroup.Availability, FeatureGroup.Onsite, FeatureGroup.Context, FeatureGroup.Context, FeatureGroup.Context,
    ];

    /// <summary>The groups that explanations talk about (everything but the opening's context).</summary>
    public static readonly FeatureGroup[] ExplainedGroups = Enum.GetValues<FeatureGroup>().Where(g => g != FeatureGroup.Context).ToArray();
}
