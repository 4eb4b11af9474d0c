namespace Marketplace.Data.Entities;

/// <summary>An expert's application to an opening: one per expert and opening.</summary>
public class Application : IVersioned
{
    public int Id { get; set; }
    public int OpeningId { get; set; }
    public Opening? Opening { get; set; }

    /// <summary>The applicant; the profile row survives account deletion in anonymised form.</summary>
    public int ExpertProfileId { get; set; }
    public ExpertProfile? Expert { get; set; }

    /// <summary>Stage code (taxonomy): applied, screened_out, interviewed, offered, hired, declined, withdrawn.</summary>
    public string Stage { get; set; } = Stages.Applied;
    public string Motivation { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }

    public List<ApplicationStageChange> History { get; set; } = [];
    public List<ApplicationMessage> Messages { get; set; } = [];
}

/// <summary>One move of an application between stages, with who made it and why.</summary>
public class ApplicationStageChange
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public string? FromStage { get; set; }
    public string ToStage { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTime ChangedAt { get; set; }
    /// <summary>The staff member who made the move; null when the expert did (and after the expert's account is deleted).</summary>
    public string? ChangedByUserId { get; set; }
    public bool ByExpert { get; set; }
}

public class ApplicationMessage
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public string? AuthorUserId { get; set; }
    public bool FromExpert { get; set; }
    public string Body { get; set; } = "";
    public DateTime SentAt { get; set; }
}

public static class Stages
{
    public const string Applied = "applied";
    public const string ScreenedOut = "screened_out";
    public const string Interviewed = "interviewed";
    public const string Offered = "offered";
    public const string Hired = "hired";
    public const string Declined = "declined";
    public const string Withdrawn = "withdrawn";

    public static readonly string[] All = [Applied, ScreenedOut, Interviewed, Offered, Hired, Declined, Withdrawn];

    /// <summary>Stages an application can still move on from.</summary>
    public static bool IsOpen(string stage) => stage is Applied or Interviewed or Offered;

    /// <summary>The moves staff may make from a stage.</summary>
    public static IReadOnlyList<string> StaffMovesFrom(string stage) => stage switch
    {
        Applied => [Interviewed, ScreenedOut],
        Interviewed => [Offered, ScreenedOut],
        Offered => [Hired, Declined],
        _ => [],
    };
}

/// <summary>
/// A contract a local government has with a vendor, or a bid it received: an applicant affiliated
/// with that vendor (same 法人番号) is flagged to the government's staff as a conflict of interest.
/// </summary>
public class VendorContract
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public string VendorName { get; set; } = "";
    public string CorporateNumber { get; set; } = "";
    public VendorRelation Relation { get; set; }
    public string Description { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? CreatedByUserId { get; set; }
}

public enum VendorRelation
{
    HoldsContract = 0,
    Bidding = 1,
}
