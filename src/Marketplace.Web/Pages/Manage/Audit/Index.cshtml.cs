using Marketplace.Web.Pages.Shared;

namespace Marketplace.Web.Pages.Manage.Audit;

/// <summary>The audit log of the staff member's own government, paged, filtered by action, exportable as CSV.</summary>
public sealed class IndexModel(AuditLog audit) : PageModel
{
    public AuditView View { get; private set; } = null!;

    public async Task OnGetAsync(string? action, CancellationToken ct = default) =>
        View = new AuditView(await audit.PageAsync(User.OrganizationId() ?? -1, action, ListUrl.PageOf(Request), ct), action, "/manage/audit");

    public async Task<IActionResult> OnGetCsvAsync(string? action, CancellationToken ct)
    {
        // Exporting the audit log is itself audited.
        await audit.WriteAsync(AuditActions.AuditExport, "audit", action, User.OrganizationId(), ct: ct);
        return File(await audit.CsvAsync(User.OrganizationId() ?? -1, action, ct), "text/csv; charset=utf-8", $"audit-{DateTime.UtcNow:yyyyMMdd}.csv");
    }
}
