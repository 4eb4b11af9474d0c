namespace Marketplace.Web.Features.Cases;

/// <summary>The code lists of the case library. Codes are stable keys; labels live in the resources (Case_Obstacle_*, Case_Factor_*).</summary>
public static class CaseCodes
{
    /// <summary>The six obstacles governments name: ①人材不足 ②ベンダー依存 ③組織の壁 ④変化を嫌う体質 ⑤戦略の欠如 ⑥予算獲得.</summary>
    public static readonly string[] Obstacles =
        ["shortage_of_people", "vendor_dependence", "organizational_walls", "resistance", "no_strategy", "no_budget"];

    /// <summary>What the governments that succeeded say made it work.</summary>
    public static readonly string[] SuccessFactors =
        ["head_vision", "vendor_facing_expert", "cross_organization", "front_line", "whole_strategy", "existing_budget"];

    public static readonly string[] AdviceKinds = ["call", "visit", "document_review"];

    /// <summary>
    /// A dispatch request's checklist splits the walls into departments and municipalities; the case library
    /// keeps them as one obstacle, as the governments name it.
    /// </summary>
    public static string FromRequestObstacle(string code) => code is "department_walls" or "municipal_walls" ? "organizational_walls" : code;

    /// <summary>Kinds compared when looking for governments "like mine": prefectures, cities (wards alike), towns and villages.</summary>
    public static string KindGroup(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Prefecture => "prefecture",
        OrganizationKind.Town or OrganizationKind.Village => "town",
        _ => "city",
    };

    public static OrganizationKind[] KindsOf(string? group) => group switch
    {
        "prefecture" => [OrganizationKind.Prefecture],
        "city" => [OrganizationKind.DesignatedCity, OrganizationKind.City, OrganizationKind.SpecialWard],
        "town" => [OrganizationKind.Town, OrganizationKind.Village],
        _ => [],
    };

    public static readonly string[] KindGroups = ["prefecture", "city", "town"];

    /// <summary>Population bands: code, from (inclusive), to (exclusive).</summary>
    public static readonly (string Code, int From, int To)[] PopulationBands =
    [
        ("lt10k", 0, 10_000), ("10k-50k", 10_000, 50_000), ("50k-200k", 50_000, 200_000),
        ("200k-1m", 200_000, 1_000_000), ("ge1m", 1_000_000, int.MaxValue),
    ];

    /// <summary>財政力指数 bands, the same cut points as the dispatch programme's incentive bands.</summary>
    public static readonly (string Code, double From, double To)[] FiscalBands =
        [("lt0.4", 0, 0.4), ("0.4-0.7", 0.4, 0.7), ("ge0.7", 0.7, double.MaxValue)];

    public static string? PopulationBandOf(int? population) =>
        population is { } p ? PopulationBands.First(b => p >= b.From && p < b.To).Code : null;

    public static string? FiscalBandOf(double? index) =>
        index is { } i ? FiscalBands.First(b => i >= b.From && i < b.To).Code : null;
}
