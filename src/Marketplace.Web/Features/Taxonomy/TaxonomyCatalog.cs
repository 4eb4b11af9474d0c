using System.Text.Json;

namespace Marketplace.Web.Features.Taxonomy;

public sealed record TaxonomyEntry(string Code, string Ja, string En)
{
    public string Label => LocalizationSetup.IsEnglish ? En : Ja;
}

/// <summary>The code lists of seed/taxonomy.json: stable codes with Japanese and English labels.</summary>
public sealed class TaxonomyCatalog
{
    public IReadOnlyList<TaxonomyEntry> Roles { get; }
    public IReadOnlyList<TaxonomyEntry> Engagements { get; }
    public IReadOnlyList<TaxonomyEntry> PayUnits { get; }
    public IReadOnlyList<TaxonomyEntry> Skills { get; }
    public IReadOnlyList<TaxonomyEntry> Certifications { get; }
    public IReadOnlyList<TaxonomyEntry> Stages { get; }
    public IReadOnlyList<TaxonomyEntry> Allowances { get; }
    /// <summary>Whom a role or a contracted work serves or reports to (mayor, deputy mayor, CIO…).</summary>
    public IReadOnlyList<TaxonomyEntry> Serves { get; }

    /// <summary>The 47 prefectures by JIS code ("01"–"47"), from seed/prefectures.csv.</summary>
    public IReadOnlyList<TaxonomyEntry> Prefectures { get; private init; } = [];

    private TaxonomyCatalog(Dictionary<string, List<TaxonomyEntry>> lists)
    {
        IReadOnlyList<TaxonomyEntry> Get(string name) =>
            lists.TryGetValue(name, out var l) ? l : throw new InvalidDataException($"taxonomy.json has no '{name}' list.");
        Roles = Get("roles");
        Engagements = Get("engagements");
        PayUnits = Get("payUnits");
        Skills = Get("skills");
        Certifications = Get("certifications");
        Stages = Get("stages");
        Allowances = Get("allowances");
        Serves = Get("serves");
    }

    public static TaxonomyCatalog Load(string path, string? prefecturesCsv = null)
    {
        using var stream = File.OpenRead(path);
        var lists = JsonSerializer.Deserialize<Dictionary<string, List<TaxonomyEntry>>>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidDataException($"{path} is empty.");
        return new TaxonomyCatalog(lists) { Prefectures = prefecturesCsv is null ? [] : LoadPrefectures(prefecturesCsv) };
    }

    private static List<TaxonomyEntry> LoadPrefectures(string path) =>
        SeedFiles.ReadCsv(path).Select(r => new TaxonomyEntry(r["prefecture_code"], r["name_ja"], r["name_en"])).ToList();

    public static string Label(IReadOnlyList<TaxonomyEntry> list, string code) =>
        list.FirstOrDefault(e => e.Code == code)?.Label ?? code;

    public static bool Contains(IReadOnlyList<TaxonomyEntry> list, string? code) => list.Any(e => e.Code == code);

    /// <summary>The label of the unit a pay amount is per, as the forms' unit choice shows it (月額, per month).</summary>
    public string PayUnitLabel(Marketplace.Matching.Pay.PostedPayUnit unit) => Label(PayUnits, unit switch
    {
        Marketplace.Matching.Pay.PostedPayUnit.Year => "year",
        Marketplace.Matching.Pay.PostedPayUnit.Month => "month",
        Marketplace.Matching.Pay.PostedPayUnit.Day => "day",
        Marketplace.Matching.Pay.PostedPayUnit.Hour => "hour",
        _ => "contract_total",
    });

    /// <summary>The taxonomy's <c>pay_unit</c> code of a posted pay unit.</summary>
    public static string PayUnitCode(PayUnit unit) => unit switch
    {
        PayUnit.Year => "year",
        PayUnit.Month => "month",
        PayUnit.Day => "day",
        PayUnit.Hour => "hour",
        _ => "contract_total",
    };
}
