namespace Marketplace.Web.Pages.Manage.Dispatch;

/// <summary>The government's readiness: host-course completions of its staff and the readiness checklist.</summary>
public sealed class ReadinessModel(ReadinessService readiness, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    public HostReadinessStatus Status { get; private set; } = null!;
    public string? Token { get; private set; }
    public string Today { get; private set; } = "";

    [BindProperty] public string? CioName { get; set; }
    [BindProperty] public string? SupportStaff { get; set; }
    [BindProperty] public string? DecisionRights { get; set; }

    private int Org => User.OrganizationId()!.Value;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(fillForm: true, ct);

    private async Task LoadAsync(bool fillForm, CancellationToken ct)
    {
        Status = await readiness.StatusAsync(Org, ct);
        Token = await readiness.TokenAsync(Org, ct);
        Today = Localization.DisplayFormatter.TodayInJapan(clock).ToString("yyyy-MM-dd");
        if (fillForm && Status.Checklist is { } c)
        {
            CioName = c.CioName;
            SupportStaff = c.SupportStaff;
            DecisionRights = c.DecisionRights;
        }
    }

    public async Task<IActionResult> OnPostChecklistAsync(string? token, CancellationToken ct)
    {
        var result = await readiness.SaveChecklistAsync(Org, User.UserId()!, CioName, SupportStaff, DecisionRights, token, ct);
        return await After(result, "Dispatch_ChecklistSaved", ct);
    }

    public async Task<IActionResult> OnPostCompletionAsync(string? personName, int moduleId, string? completedOn, CancellationToken ct)
    {
        var result = await readiness.RecordCompletionAsync(Org, User.UserId()!, personName, moduleId, completedOn, ct);
        return await After(result, "Course_CompletionRecorded", ct);
    }

    private Task<IActionResult> After(ServiceResult result, string notice, CancellationToken ct) =>
        this.OutcomeAsync(result, t[notice].Value, null, this.PageAgain(() => LoadAsync(fillForm: false, ct)), clearFirst: true);
}
