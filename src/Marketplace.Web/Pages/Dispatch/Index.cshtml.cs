namespace Marketplace.Web.Pages.Dispatch;

/// <summary>The expert's side of the dispatch programme: certification status, proposals and dispatches.</summary>
public sealed class IndexModel(CertificationService certification, DispatchMatchingService matching, DispatchService dispatches) : PageModel
{
    public CertificationStatus? Status { get; private set; }
    public List<DispatchProposal> Proposals { get; private set; } = [];
    public List<CioDispatch> Dispatches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = User.UserId()!;
        Status = await certification.ForExpertAsync(user, ct);
        Proposals = await matching.AllForExpertAsync(user, ct);
        Dispatches = await dispatches.AllForCioAsync(user, ct);
    }
}
