using Marketplace.Web.Features.PastResults;

namespace Marketplace.Web.Pages.PastResults;

/// <summary>Records an opening filled outside the product, with its real dates, the appointed person and the pay.</summary>
public sealed class AppointmentModel(MarketplaceDbContext db, PastResultService past, PastResultDisplay display, IStringLocalizer<SharedResource> t)
    : PastResultPage<PastAppointmentInput, Opening>(db, t, new(past.CheckAppointmentAsync, past.RecordAppointmentAsync, display.Facts, o => ($"/openings/{o.Id}", o.Title)));
