namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>All calls for proposals of the signed-in staff member's government, drafts included; no one else's.</summary>
public sealed class IndexModel(CallService calls) : PageModel
{
    [BindProperty(SupportsGet = true)] public CallStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>The page asked for: read from the query alone (<see cref="ListUrl.PageOf"/>).</summary>
    public int PageNumber => ListUrl.PageOf(Request);

    public Paged<ProposalCall> Result { get; private set; } = new([], 1, CallService.PageSize, 0);

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await calls.ListOwnAsync(User.OrganizationId()!.Value, Status, Q, PageNumber, ct);
}
