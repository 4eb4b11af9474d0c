namespace Marketplace.Web.Pages.Manage.Dispatch;

/// <summary>The government's dispatch-programme page: the open round, its readiness, its requests and dispatches.</summary>
public sealed class IndexModel(RoundService rounds, ReadinessService readiness, RequestService requests, DispatchService dispatches) : PageModel
{
    public DispatchRound? OpenRound { get; private set; }
    public string? Ineligible { get; private set; }
    public HostReadinessStatus Readiness { get; private set; } = null!;
    public List<DispatchRequest> Requests { get; private set; } = [];
    public List<CioDispatch> Dispatches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = User.OrganizationId()!.Value;
        OpenRound = await rounds.OpenForRequestsAsync(ct);
        if (OpenRound is not null)
        {
            var me = await HttpContext.RequestServices.GetRequiredService<Marketplace.Data.MarketplaceDbContext>().Organizations.FindAsync([org], ct);
            Ineligible = rounds.IneligibilityOf(OpenRound, me!);
        }
        Readiness = await readiness.StatusAsync(org, ct);
        Requests = await requests.ForHostAsync(org, ct);
        Dispatches = await dispatches.AllForHostAsync(org, ct);
    }
}
