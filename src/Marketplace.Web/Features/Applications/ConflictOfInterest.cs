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

    /// <summary>
    /// The vendor flags, plus experts the same government appointed (hired through the product, or an appointment
    /// recorded after the fact): named in a vendor's proposal, its own adviser would sit on both sides.
    /// </summary>
    public async Task<Dictionary<int, ConflictFlag>> WithAppointmentsAsync(int organizationId, IReadOnlyCollection<ExpertProfile> experts, CancellationToken ct = default)
    {
        var flags = await FlagsAsync(organizationId, experts, ct);
        var ids = experts.Select(e => e.Id).ToList();
        if (ids.Count == 0) return flags;
        var recorded = await db.Openings.AsNoTracking()
            .Where(o => o.OrganizationId == organizationId && o.AppointeeExpertProfileId != null && ids.Contains(o.AppointeeExpertProfileId.Value))
            .Select(o => new { Id = o.AppointeeExpertProfileId!.Value, o.Title, o.FilledOn }).ToListAsync(ct);
        var hired = await db.Applications.AsNoTracking()
            .Where(a => a.Stage == Stages.Hired && a.Opening!.OrganizationId == organizationId && ids.Contains(a.ExpertProfileId))
            .Select(a => new { Id = a.ExpertProfileId, a.Opening!.Title, a.Opening.FilledOn }).ToListAsync(ct);
        foreach (var person in recorded.Concat(hired).GroupBy(x => x.Id))
        {
            var reason = string.Join(" / ", person.Select(x => x.FilledOn is { } on
                ? t["Coi_AppointedOn", x.Title, Localization.DisplayFormatter.Wareki(on)].Value
                : t["Coi_Appointed", x.Title].Value).Distinct());
            flags[person.Key] = flags.TryGetValue(person.Key, out var vendor) ? vendor with { Reason = vendor.Reason + " / " + reason } : new ConflictFlag(person.Key, reason);
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
