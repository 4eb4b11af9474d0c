namespace Marketplace.Web.Pages.Admin;

/// <summary>/admin/outbox: every notification with its state; failed and uncertain ones with their last error.</summary>
public sealed class OutboxModel(OutboxAdmin outbox, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>The page asked for: read from the query alone (<see cref="ListUrl.PageOf"/>).</summary>
    public int PageNumber => ListUrl.PageOf(Request);

    public OutboxPage Result { get; private set; } = new(Paged<OutboxMessage>.Empty(OutboxAdmin.PageSize), []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var status = Enum.TryParse<OutboxStatus>(Status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : (OutboxStatus?)null;
        var kind = NotificationKinds.Find(Kind ?? "")?.Code;
        Result = await outbox.ListAsync(new OutboxFilter(status, kind, Q, PageNumber), ct);
    }

    public string PageUrl(int page) =>
        $"/admin/outbox?status={Uri.EscapeDataString(Status ?? "")}&kind={Uri.EscapeDataString(Kind ?? "")}&q={Uri.EscapeDataString(Q ?? "")}&page={page}";

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        if (!await outbox.RetryAsync(id, ct)) return NotFound();
        TempData["Notice"] = t["Outbox_Requeued", id].Value;
        return Redirect(PageUrl(PageNumber));
    }

    public async Task<IActionResult> OnPostDeliveredAsync(long id, CancellationToken ct)
    {
        if (!await outbox.MarkDeliveredAsync(id, ct)) return NotFound();
        TempData["Notice"] = t["Outbox_MarkedDelivered", id].Value;
        return Redirect(PageUrl(PageNumber));
    }
}
