using Marketplace.Matching.Codes;

namespace Marketplace.Web.Features.Calls;

/// <summary>The form of a government's vendor record.</summary>
public sealed class VendorContractInput
{
    public string? VendorName { get; set; }
    public string? CorporateNumber { get; set; }
    public string? Relation { get; set; } = nameof(VendorRelation.HoldsContract);
    public string? Description { get; set; }
}

/// <summary>
/// A government's own record of the vendors it contracts with or receives bids from, read by the conflict-of-interest
/// flags. Every method takes the caller's government; another government's record is not found. Each addition and
/// removal is on the audit record: the exclusion of conflicted experts from recommendations reacts to these records,
/// so records made and removed only to see who disappears would show there.
/// </summary>
public sealed class VendorContractService(MarketplaceDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock, AuditLog audit)
{
    public const int NameMax = 200;
    public const int DescriptionMax = 1_000;

    /// <summary>One page of the government's records by vendor name, filtered by part of the name or the 法人番号 and by relation.</summary>
    public Task<Paged<VendorContract>> ListAsync(int organizationId, string? text, VendorRelation? relation, int page, CancellationToken ct = default)
    {
        var q = db.VendorContracts.AsNoTracking().Where(c => c.OrganizationId == organizationId);
        if (text is not null)
        {
            var number = JapaneseText.NormalizeCode(text);
            q = q.Where(c => c.VendorName.Contains(text) || number.Length > 0 && c.CorporateNumber.Contains(number));
        }
        if (relation is { } r) q = q.Where(c => c.Relation == r);
        return q.OrderBy(c => c.VendorName).ThenBy(c => c.Id).ToPagedAsync(page, ct: ct);
    }

    /// <summary>Checks and records a vendor; the 法人番号 is taken as people type it (全角数字, hyphens).</summary>
    public async Task<ServiceResult<VendorContract>> AddAsync(int organizationId, string? userId, VendorContractInput input, CancellationToken ct = default)
    {
        var name = input.VendorName?.Trim() ?? "";
        var number = JapaneseText.NormalizeCode(input.CorporateNumber);
        var description = input.Description?.Trim() ?? "";
        var errors = new Dictionary<string, string>();
        if (name.Length is 0 or > NameMax) errors[nameof(input.VendorName)] = t["Val_Required", t["Field_CompanyName"]];
        if (!CorporateNumber.IsValid(number)) errors[nameof(input.CorporateNumber)] = t["Val_CorporateNumber"];
        if (!Enum.TryParse<VendorRelation>(input.Relation, out var relation) || !Enum.IsDefined(relation)) errors[nameof(input.Relation)] = t["Val_Choose", t["Vendors_Relation"]];
        if (description.Length > DescriptionMax) errors[nameof(input.Description)] = t["Val_TooLong", t["Vendors_Description"], DescriptionMax, description.Length];
        if (errors.Count > 0) return ServiceResult<VendorContract>.Invalid(errors);
        var contract = new VendorContract
        {
            OrganizationId = organizationId,
            VendorName = name,
            CorporateNumber = number,
            Relation = relation,
            Description = description,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedByUserId = userId,
        };
        db.VendorContracts.Add(contract);
        audit.Add(AuditActions.VendorContractAdded, "corporate_number", number, organizationId, $"{relation}: {name}");
        await db.SaveChangesAsync(ct);
        return ServiceResult<VendorContract>.Ok(contract);
    }

    /// <summary>Removes one of the government's records; another government's is not found.</summary>
    public async Task<ServiceResult<VendorContract>> RemoveAsync(int organizationId, int contractId, CancellationToken ct = default)
    {
        var contract = await db.VendorContracts.FirstOrDefaultAsync(c => c.Id == contractId && c.OrganizationId == organizationId, ct);
        if (contract is null) return ServiceResult<VendorContract>.NotFound;
        db.VendorContracts.Remove(contract);
        audit.Add(AuditActions.VendorContractRemoved, "corporate_number", contract.CorporateNumber, organizationId, $"{contract.Relation}: {contract.VendorName}");
        await db.SaveChangesAsync(ct);
        return ServiceResult<VendorContract>.Ok(contract);
    }
}
