namespace Marketplace.Web.Features.Experts;

/// <summary>One thing the completeness meter checks: a resource key naming it, the form field it links to, and whether it is done.</summary>
public sealed record CompletenessItem(string Code, string LabelKey, string FieldId, bool Done);

/// <summary>
/// How complete an expert's profile is, as a percentage of <see cref="Items"/> done, and what is missing.
/// Each item links to the form field that fills it (/profile/edit#FieldId).
/// </summary>
public sealed record ProfileCompleteness(int Percent, IReadOnlyList<CompletenessItem> Items)
{
    public const int MinSkills = 3;
    public const int MinSummaryLength = 100;

    public IEnumerable<CompletenessItem> Missing => Items.Where(i => !i.Done);
    public bool IsComplete => Items.All(i => i.Done);

    public static ProfileCompleteness Of(ExpertProfile p)
    {
        CompletenessItem[] items =
        [
            new("name", "Profile_Item_Name", "Input_FullName", !string.IsNullOrWhiteSpace(p.FullName)),
            new("phone", "Profile_Item_Phone", "Input_Phone", !string.IsNullOrWhiteSpace(p.Phone)),
            new("prefecture", "Profile_Item_Prefecture", "Input_HomePrefectureCode", !string.IsNullOrEmpty(p.HomePrefectureCode)),
            new("career", "Profile_Item_Career", "Input_Career_0__Organization", p.Career.Count > 0),
            new("skills", "Profile_Item_Skills", "Input_SkillYears", p.Skills.Count(s => s.Years > 0) >= MinSkills),
            new("experience", "Profile_Item_Experience", "Input_YearsExperience", p.YearsExperience > 0),
            new("pay", "Profile_Item_Pay", "Input_DesiredPayAmount", p.DesiredPayAmountYen > 0),
            new("availability", "Profile_Item_Availability", "Input_AvailableDaysPerWeek", p.AvailableDaysPerWeek > 0),
            new("engagements", "Profile_Item_Engagements", "Input_AcceptedEngagements", p.AcceptedEngagements.Count > 0),
            new("summary", "Profile_Item_Summary", "Input_Summary", (p.Summary?.Trim().Length ?? 0) >= MinSummaryLength),
        ];
        var percent = (int)Math.Round(100.0 * items.Count(i => i.Done) / items.Length, MidpointRounding.AwayFromZero);
        return new ProfileCompleteness(percent, items);
    }
}
