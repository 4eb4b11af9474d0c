namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>All calls for proposals of the signed-in staff member's government, drafts included; no one else's.</summary>
public sealed class IndexModel(CallService calls) : PageModel
{
    [BindProperty(SupportsGet = true)] public CallStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<ProposalCall> Result { get; private set; } = new([], 1, CallService.PageSize, 0);

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await calls.ListOwnAsync(User.OrganizationId()!.Value, Status, Q, PageNumber, ct);
}
