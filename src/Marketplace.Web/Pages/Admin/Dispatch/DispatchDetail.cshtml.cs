namespace Marketplace.Web.Pages.Admin.Dispatch;

/// <summary>One dispatch for the office: its life (extend, end early, complete), report, evaluation and claims.</summary>
public sealed class DispatchDetailModel(DispatchService dispatches, IncentiveService incentives, IStringLocalizer<SharedResource> t) : PageModel
{
    public CioDispatch Item { get; private set; } = null!;
    public List<IncentiveClaim> Claims { get; private set; } = [];
    public string Token { get; private set; } = "";
    public bool Started { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var d = await dispatches.ForOfficeAsync(id, ct);
        if (d is null) return NotFound();
        Item = d;
        Token = dispatches.TokenOf(d);
        Started = dispatches.HasStarted(d);
        Claims = await incentives.OfDispatchForOfficeAsync(id, ct);
        return Page();
    }

    public Task<IActionResult> OnPostExtendAsync(int id, string? newEnd, string? reason, string? token, CancellationToken ct) =>
        Handle(id, dispatches.ExtendAsync(User.UserId()!, id, newEnd, reason, token, ct), "Dispatch_Extended", ct);

    public Task<IActionResult> OnPostEndEarlyAsync(int id, string? endOn, string? reason, string? token, CancellationToken ct) =>
        Handle(id, dispatches.EndEarlyAsync(User.UserId()!, id, endOn, reason, token, ct), "Dispatch_EndedEarly", ct);

    public Task<IActionResult> OnPostCompleteAsync(int id, string? token, CancellationToken ct) =>
        Handle(id, dispatches.CompleteAsync(User.UserId()!, id, token, ct), "Dispatch_Completed", ct);

    // Shown again through OnGetAsync: NotFound when a posted id names nothing.
    private async Task<IActionResult> Handle(int id, Task<ServiceResult> action, string notice, CancellationToken ct) =>
        await this.OutcomeAsync(await action, t[notice].Value, new { id }, () => OnGetAsync(id, ct));
}
