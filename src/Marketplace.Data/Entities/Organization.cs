namespace Marketplace.Data.Entities;

/// <summary>A local government: a prefecture or a municipality (市区町村).</summary>
public class Organization
{
    public int Id { get; set; }

    /// <summary>6-digit 全国地方公共団体コード including the check digit.</summary>
    public string Code { get; set; } = "";

    /// <summary>JIS X 0401 prefecture code, "01"–"47".</summary>
    public string PrefectureCode { get; set; } = "";

    public OrganizationKind Kind { get; set; }
    public string NameJa { get; set; } = "";
    public string NameEn { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>Resident population (住民基本台帳人口), where known; rounds may limit who requests by it.</summary>
    public int? Population { get; set; }
    /// <summary>財政力指数 (three-year average), where known; incentive rates differ by its band.</summary>
    public double? FiscalCapacityIndex { get; set; }

    public Prefecture? Prefecture { get; set; }

    public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameJa;
}

public enum OrganizationKind
{
    Prefecture = 0,
    DesignatedCity = 1,
    City = 2,
    SpecialWard = 3,
    Town = 4,
    Village = 5,
}

public class Prefecture
{
    public string Code { get; set; } = "";
    public string NameJa { get; set; } = "";
    public string NameEn { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    public string Name(bool english) => english ? NameEn : NameJa;
}
