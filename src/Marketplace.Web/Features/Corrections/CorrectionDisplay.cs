namespace Marketplace.Web.Features.Corrections;

/// <summary>How a change log entry reads, in the reader's language: the form's label and the value as the form offered it.</summary>
public sealed class CorrectionDisplay(IStringLocalizer<SharedResource> t, TaxonomyCatalog tax, OpeningDisplay display, DisplayFormatter fmt)
{
    /// <summary>Fields whose label key does not follow <c>Field_{name}</c> / <c>Call_Field_{name}</c>.</summary>
    private static readonly Dictionary<string, string> LabelKeys = new()
    {
        ["RoleCode"] = "Field_Role",
        ["EngagementCode"] = "Field_Engagement",
        ["ServesCode"] = "Field_Serves",
        ["CommutingAllowancePaid"] = "Field_CommutingPaid",
        ["RemoteAllowed"] = "Field_Remote",
        ["PublicSectorExperienceRequired"] = "Field_PublicSectorRequired",
        ["ApplicationDeadline"] = "Field_Deadline",
        ["AllowancesIncluded"] = "Field_Allowances",
        ["Roles"] = "Call_Roles",
        ["Criteria"] = "Call_Criteria",
    };

    public string Label(string field)
    {
        foreach (var key in LabelKeys.TryGetValue(field, out var k) ? [k] : new[] { $"Call_Field_{field}", $"Field_{field}" })
        {
            var label = t[key];
            if (!label.ResourceNotFound) return label;
        }
        return field;
    }

    public string Value(string field, string raw)
    {
        if (raw.Length == 0) return t["Correction_Empty"];
        return field switch
        {
            _ when raw is "true" => t["Yes"],
            _ when raw is "false" => t["No"],
            "RoleCode" => TaxonomyCatalog.Label(tax.Roles, raw),
            "EngagementCode" => TaxonomyCatalog.Label(tax.Engagements, raw),
            "ServesCode" => TaxonomyCatalog.Label(tax.Serves, raw),
            "RequiredSkills" or "PreferredSkills" => Codes(tax.Skills, raw),
            "AllowancesIncluded" => Codes(tax.Allowances, raw),
            "PayUnit" when Enum.TryParse<PayUnit>(raw, out var unit) => display.PayUnitLabel(unit),
            "TravelExpenses" when Enum.TryParse<ExpensePolicy>(raw, out var policy) => display.Travel(policy),
            "RenewalRule" when Enum.TryParse<RenewalRule>(raw, out var rule) => display.RenewalOption(rule),
            "PayAmount" or "Ceiling" when long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var yen) => fmt.Yen(yen),
            "ApplicationDeadline" or "StartDate" or "ContractStart" or "ContractEnd" or "PresentationDate" or "ResultDate"
                when DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => fmt.Date(date),
            "QuestionDeadline" or "SubmissionDeadline" when JapanTime.TryParse(raw, out var utc) => fmt.DateTime(utc),
            "OnsitePeriod" => t[$"OnsitePeriod_{raw}"],
            "PriceFormula" => t[$"Call_Formula_{raw}"],
            "Roles" => string.Join(" / ", raw.Split('\n').Select(Role)),
            "Criteria" => string.Join(" / ", raw.Split('\n').Select(Criterion)),
            _ => raw,
        };
    }

    private static string Codes(IReadOnlyList<TaxonomyEntry> list, string raw) =>
        string.Join("、", raw.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => TaxonomyCatalog.Label(list, c)));

    private string Role(string line)
    {
        var parts = line.Split('|');
        var flags = new List<string>();
        if (parts.ElementAtOrDefault(1) == "1") flags.Add(t["Call_Field_MustBeOwnEmployee"]);
        if (parts.ElementAtOrDefault(2) == "1") flags.Add(t["Call_Field_MayCombine"]);
        return flags.Count == 0 ? parts[0] : $"{parts[0]}（{string.Join("・", flags)}）";
    }

    private string Criterion(string line)
    {
        var parts = line.Split('|');
        return $"{parts[0]}（{t["Call_Field_CriterionWeight"]} {parts.ElementAtOrDefault(1)}）";
    }
}

public static class CorrectionsSetup
{
    public static IServiceCollection AddCorrections(this IServiceCollection services) =>
        services.AddScoped<PostingCorrections>().AddScoped<CorrectionDisplay>();
}
