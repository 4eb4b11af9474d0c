namespace Marketplace.Web.Pages.Admin.Dispatch;

/// <summary>One round: its rules, budget, the requests received (filterable) and the dispatches approved.</summary>
public sealed class RoundModel(RoundService rounds, RequestService requests, DispatchService dispatches, MarketplaceDbContext db) : PageModel
{
    public DispatchRound Round { get; private set; } = null!;
    public RoundPhase Phase { get; private set; }
    public (long Budget, long Committed, long Paid, long Left) Budget { get; private set; }
    public Paged<DispatchRequest> Requests { get; private set; } = Paged<DispatchRequest>.Empty();
    public Paged<CioDispatch> Dispatches { get; private set; } = Paged<CioDispatch>.Empty();
    public List<Prefecture> Prefectures { get; private set; } = [];
    public DispatchRequestStatus? Status { get; private set; }
    public string? Prefecture { get; private set; }
    public DispatchStatus? DispatchStatus { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, DispatchRequestStatus? status, string? prefecture, DispatchStatus? dstatus, int dpage = 1, CancellationToken ct = default)
    {
        var round = await rounds.FindAsync(id, ct);
        if (round is null) return NotFound();
        Round = round;
        Phase = rounds.Phase(round);
        Budget = await rounds.BudgetAsync(round, ct);
        Status = status;
        Prefecture = string.IsNullOrWhiteSpace(prefecture) ? null : prefecture;
        DispatchStatus = dstatus;
        Prefectures = await db.Prefectures.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        Requests = await requests.ForOfficeAsync(id, status, Prefecture, Infrastructure.ListUrl.PageOf(Request), ct);
        Dispatches = await dispatches.ForOfficeListAsync(id, dstatus, dpage, ct);
        return Page();
    }

    public string ListUrl(int? page = null, int? dpage = null)
    {
        var q = new List<KeyValuePair<string, string?>>();
        if (Status is { } s) q.Add(new("status", s.ToString()));
        if (Prefecture is not null) q.Add(new("prefecture", Prefecture));
        if (DispatchStatus is { } d) q.Add(new("dstatus", d.ToString()));
        var p = page ?? Requests.Page;
        var dp = dpage ?? Dispatches.Page;
        if (p > 1) q.Add(new("page", p.ToString(CultureInfo.InvariantCulture)));
        if (dp > 1) q.Add(new("dpage", dp.ToString(CultureInfo.InvariantCulture)));
        return $"/admin/dispatch/rounds/{Round.Id}" + QueryString.Create(q).ToUriComponent();
    }
}
