using Marketplace.Data;
using Marketplace.Web.Features.PastResults;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.PastResults;

/// <summary>Records an opening filled outside the product, with its real dates, the appointed person and the pay.</summary>
public sealed class AppointmentModel(MarketplaceDbContext db, PastResultService past, PastResultDisplay display, IStringLocalizer<SharedResource> t) : PastResultPage<PastAppointmentInput>(db)
{
    protected override async Task<PastStep> CheckAsync(CancellationToken ct)
    {
        var r = await past.CheckAppointmentAsync(StaffOrganizationId, Input, ct);
        return new PastStep(r, r.Value is { } o ? display.Facts(o) : null);
    }

    protected override async Task<PastStep> SaveAsync(string userId, CancellationToken ct)
    {
        var r = await past.RecordAppointmentAsync(StaffOrganizationId, userId, Input, ct);
        return new PastStep(r, null, r.Value is { } o ? $"/openings/{o.Id}" : null, r.Value is { } o2 ? t["Past_Recorded", o2.Title].Value : null);
    }
}
