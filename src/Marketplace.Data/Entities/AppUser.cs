using Microsoft.AspNetCore.Identity;

namespace Marketplace.Data.Entities;

public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public AccountStatus Status { get; set; } = AccountStatus.Active;

    /// <summary>The local government a staff account belongs to; null for every other role.</summary>
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>The company a vendor representative belongs to.</summary>
    public int? VendorCompanyId { get; set; }
    public VendorCompany? VendorCompany { get; set; }

    /// <summary>The language mail is written in ("ja" or "en"); the last one the user chose in the app.</summary>
    public string PreferredCulture { get; set; } = "ja";

    public DateTime CreatedAt { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public string? ApprovedByUserId { get; set; }
}

public enum AccountStatus
{
    Active = 0,
    /// <summary>A local-government staff account waiting for the national office.</summary>
    PendingApproval = 1,
    Rejected = 2,
}

public static class Roles
{
    public const string Staff = "Staff";
    public const string Expert = "Expert";
    public const string Vendor = "Vendor";
    public const string NationalOffice = "NationalOffice";

    public static readonly string[] All = [Staff, Expert, Vendor, NationalOffice];
}

public class VendorCompany
{
    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>13-digit 法人番号 with its check digit.</summary>
    public string CorporateNumber { get; set; } = "";
    public string Address { get; set; } = "";
    public string RepresentativeName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>An invitation from a staff member to a colleague of the same government.</summary>
public class StaffInvitation
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public string Email { get; set; } = "";

    /// <summary>SHA-256 of the token sent by mail; the token itself is never stored.</summary>
    public string TokenHash { get; set; } = "";
    public string InvitedByUserId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
}
