using Marketplace.Web.Pages.Shared;

namespace Marketplace.Web.Pages.Admin.Audit;

/// <summary>The audit log of the whole service, for the national office, paged, filtered by action, exportable as CSV.</summary>
public sealed class IndexModel(AuditLog audit) : PageModel
{
    public AuditView View { get; private set; } = null!;

    public async Task OnGetAsync(string? action, CancellationToken ct = default) =>
        View = new AuditView(await audit.PageAsync(null, action, ListUrl.PageOf(Request), ct), action, "/admin/audit");

    public async Task<IActionResult> OnGetCsvAsync(string? action, CancellationToken ct)
    {
        // Exporting the audit log is itself audited.
        await audit.WriteAsync(AuditActions.AuditExport, "audit", action, User.OrganizationId(), ct: ct);
        return File(await audit.CsvAsync(null, action, ct), "text/csv; charset=utf-8", $"audit-{DateTime.UtcNow:yyyyMMdd}.csv");
    }
}
