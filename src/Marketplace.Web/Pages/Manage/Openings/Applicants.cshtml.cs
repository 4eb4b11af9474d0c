namespace Marketplace.Web.Pages.Manage.Openings;

/// <summary>Applicants of one of the government's own openings, with conflict-of-interest flags and CSV export.</summary>
public sealed class ApplicantsModel(ApplicationService applications, ConflictOfInterest conflicts, IStringLocalizer<SharedResource> t, DisplayFormatter fmt, Marketplace.Web.Features.Taxonomy.TaxonomyCatalog taxonomy, Marketplace.Web.Features.Security.AuditLog audit) : PageModel
{
    public Opening Opening { get; private set; } = null!;
    public List<Application> Applicants { get; private set; } = [];
    public Dictionary<int, ConflictFlag> Flags { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await audit.WriteAsync(Marketplace.Web.Features.Security.AuditActions.ApplicantsRead, "opening", id, User.OrganizationId(), ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(int id, string? encoding, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var sjis = Csv.WantsShiftJis(encoding);
        var bytes = ApplicantCsv.Build(Applicants, Flags, t, fmt, taxonomy, sjis);
        await audit.WriteAsync(Marketplace.Web.Features.Security.AuditActions.ApplicantsExport, "opening", id, User.OrganizationId(), $"rows={Applicants.Count}", ct);
        var name = $"applicants-{id}-{DateTime.UtcNow:yyyyMMdd}{(sjis ? "-sjis" : "")}.csv";
        return File(bytes, sjis ? "text/csv; charset=shift_jis" : "text/csv; charset=utf-8", name);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var orgId = User.OrganizationId()!.Value;
        var found = await applications.ApplicantsAsync(orgId, id, Stage, ct);
        if (found is null) return false;
        (Opening, Applicants) = found.Value;
        Flags = await conflicts.FlagsAsync(orgId, Applicants.Select(a => a.Expert!), ct);
        return true;
    }
}
