using Marketplace.Web.Features.PastResults;

namespace Marketplace.Web.Pages.PastResults;

/// <summary>Records a call for proposals that ran outside the product, with its real dates, winner and amount.</summary>
public sealed class CallModel(MarketplaceDbContext db, PastResultService past, PastResultDisplay display, IStringLocalizer<SharedResource> t)
    : PastResultPage<PastCallInput, ProposalCall>(db, t, new(past.CheckCallAsync, past.RecordCallAsync, display.Facts, c => ($"/calls/{c.Id}", c.Title)));
