using System.Text.Json;

namespace Marketplace.Matching;

/// <summary>A code with its Japanese and English labels.</summary>
public sealed record TaxonomyEntry(string Code, string Ja, string En)
{
    /// <summary>The label for a UI language ("ja" or anything else for English).</summary>
    public string Label(string language) => language.StartsWith("ja", StringComparison.OrdinalIgnoreCase) ? Ja : En;
}

/// <summary>
/// The code lists of seed/taxonomy.json, embedded in this assembly at build time (single source of truth: seed/).
/// </summary>
internal static class MatchingTaxonomy
{
    private static readonly Lazy<Dictionary<string, TaxonomyEntry[]>> Lists = new(Load);

    public static IReadOnlyList<TaxonomyEntry> Roles => Lists.Value["roles"];
    public static IReadOnlyList<TaxonomyEntry> Engagements => Lists.Value["engagements"];
    public static IReadOnlyList<TaxonomyEntry> PayUnits => Lists.Value["payUnits"];
    public static IReadOnlyList<TaxonomyEntry> Skills => Lists.Value["skills"];
    public static IReadOnlyList<TaxonomyEntry> Certifications => Lists.Value["certifications"];
    public static IReadOnlyList<TaxonomyEntry> Stages => Lists.Value["stages"];

    private static readonly Lazy<Dictionary<string, int>> SkillIndexes =
        new(() => Skills.Select((s, i) => (s.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal));
    private static readonly Lazy<Dictionary<string, int>> CertIndexes =
        new(() => Certifications.Select((s, i) => (s.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal));

    /// <summary>Dense index of a skill code (0..Skills.Count-1), or -1.</summary>
    public static int SkillIndex(string code) => SkillIndexes.Value.TryGetValue(code, out var i) ? i : -1;

    /// <summary>Dense index of a certification code, or -1.</summary>
    public static int CertificationIndex(string code) => CertIndexes.Value.TryGetValue(code, out var i) ? i : -1;

    public static bool IsRole(string code) => Roles.Any(r => r.Code == code);
    public static bool IsEngagement(string code) => Engagements.Any(r => r.Code == code);
    public static bool IsStage(string code) => Stages.Any(r => r.Code == code);

    /// <summary>The entry for a code in one of the lists, or null.</summary>
    public static TaxonomyEntry? Find(IReadOnlyList<TaxonomyEntry> list, string code) => list.FirstOrDefault(e => e.Code == code);

    /// <summary>Label of any skill, certification, role or engagement code; the code itself when unknown.</summary>
    public static string LabelOf(string code, string language) =>
        (Find(Skills, code) ?? Find(Certifications, code) ?? Find(Roles, code) ?? Find(Engagements, code))?.Label(language) ?? code;

    private static Dictionary<string, TaxonomyEntry[]> Load()
    {
        using var stream = typeof(MatchingTaxonomy).Assembly.GetManifestResourceStream("Marketplace.Matching.taxonomy.json")
            ?? throw new InvalidOperationException("The embedded taxonomy is missing.");
        using var doc = JsonDocument.Parse(stream);
        var result = new Dictionary<string, TaxonomyEntry[]>();
        foreach (var prop in doc.RootElement.EnumerateObject())
        {
            if (prop.Value.ValueKind != JsonValueKind.Array) continue;
            result[prop.Name] = prop.Value.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("code", out _))
                .Select(e => new TaxonomyEntry(
                    e.GetProperty("code").GetString()!,
                    e.TryGetProperty("ja", out var ja) ? ja.GetString() ?? "" : "",
                    e.TryGetProperty("en", out var en) ? en.GetString() ?? "" : ""))
                .ToArray();
        }
        return result;
    }

    /// <summary>Roles that lead (CIO, deputy CIO, CDO), where seniority counts most.</summary>
    public static bool IsLeadershipRole(string role) => role is "cio" or "deputy_cio" or "cdo";

    /// <summary>Advisor roles (CIO補佐官, CDO補佐官).</summary>
    public static bool IsAdvisorRole(string role) => role is "cio_advisor" or "cdo_advisor";

    /// <summary>The skills a certification attests (used for "relevant certification").</summary>
    public static IReadOnlyList<string> SkillsAttestedBy(string certification) => certification switch
    {
        "ipa_st" => ["it_strategy", "it_governance", "policy_planning", "budget_planning"],
        "ipa_pm" => ["project_management", "it_governance", "quality_assurance"],
        "ipa_sa" => ["system_standardization", "api_integration", "cloud", "procurement"],
        "ipa_au" => ["it_governance", "quality_assurance", "infosec_policy"],
        "ipa_scs" => ["cybersecurity", "infosec_policy", "network"],
        "ipa_nw" => ["network", "cloud"],
        "ipa_db" => ["data_utilization", "open_data", "api_integration"],
        "pmp" => ["project_management", "it_governance", "vendor_management"],
        "cissp" => ["cybersecurity", "infosec_policy"],
        "itil" => ["it_governance", "quality_assurance", "vendor_management"],
        "cloud_pro" => ["cloud", "gov_cloud", "system_standardization"],
        "jdla_g" => ["ai", "data_utilization"],
        _ => [],
    };
}
