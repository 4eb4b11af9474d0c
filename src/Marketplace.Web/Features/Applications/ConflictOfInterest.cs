using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Features.Applications;

public sealed record ConflictFlag(int ExpertProfileId, string Reason);

/// <summary>
/// An adviser must not be tied to a vendor that holds or bids for the same government's contracts:
/// an expert whose vendor affiliation (法人番号) matches one the government recorded is flagged with the reason.
/// </summary>
public sealed class ConflictOfInterest(MarketplaceDbContext db, IStringLocalizer<SharedResource> t)
{
    public async Task<Dictionary<int, ConflictFlag>> FlagsAsync(int organizationId, IEnumerable<ExpertProfile> experts, CancellationToken ct = default)
    {
        var affiliated = experts.Where(e => !string.IsNullOrEmpty(e.VendorCorporateNumber)).ToList();
        if (affiliated.Count == 0) return [];
        var numbers = affiliated.Select(e => e.VendorCorporateNumber!).Distinct().ToList();
        var contracts = await db.VendorContracts.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && numbers.Contains(c.CorporateNumber))
            .ToListAsync(ct);
        var flags = new Dictionary<int, ConflictFlag>();
        foreach (var expert in affiliated)
        {
            var hits = contracts.Where(c => c.CorporateNumber == expert.VendorCorporateNumber).ToList();
            if (hits.Count == 0) continue;
            var reasons = hits.Select(c => t[c.Relation == VendorRelation.HoldsContract ? "Coi_Holds" : "Coi_Bidding",
                c.VendorName, c.CorporateNumber, c.Description].Value);
            flags[expert.Id] = new ConflictFlag(expert.Id, string.Join(" / ", reasons));
        }
        return flags;
    }

    /// <summary>The government ids an expert must not be proposed to (for the ranker's hard constraint).</summary>
    public async Task<Dictionary<int, List<string>>> ConflictOrgCodesAsync(CancellationToken ct = default)
    {
        var pairs = await db.ExpertProfiles.AsNoTracking()
            .Where(e => e.VendorCorporateNumber != null)
            .Join(db.VendorContracts, e => e.VendorCorporateNumber, c => c.CorporateNumber, (e, c) => new { e.Id, c.Organization!.Code })
            .ToListAsync(ct);
        return pairs.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.Select(p => p.Code).Distinct().ToList());
    }
}
