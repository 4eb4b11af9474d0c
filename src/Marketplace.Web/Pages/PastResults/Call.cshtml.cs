using Marketplace.Data;
using Marketplace.Web.Features.PastResults;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.PastResults;

/// <summary>Records a call for proposals that ran outside the product, with its real dates, winner and amount.</summary>
public sealed class CallModel(MarketplaceDbContext db, PastResultService past, PastResultDisplay display, IStringLocalizer<SharedResource> t) : PastResultPage<PastCallInput>(db)
{
    protected override async Task<PastStep> CheckAsync(CancellationToken ct)
    {
        var r = await past.CheckCallAsync(StaffOrganizationId, Input, ct);
        return new PastStep(r, r.Value is { } c ? display.Facts(c) : null);
    }

    protected override async Task<PastStep> SaveAsync(string userId, CancellationToken ct)
    {
        var r = await past.RecordCallAsync(StaffOrganizationId, userId, Input, ct);
        return new PastStep(r, null, r.Value is { } c ? $"/calls/{c.Id}" : null, r.Value is { } c2 ? t["Past_Recorded", c2.Title].Value : null);
    }
}
