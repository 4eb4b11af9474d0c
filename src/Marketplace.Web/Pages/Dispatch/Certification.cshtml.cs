namespace Marketplace.Web.Pages.Dispatch;

/// <summary>The expert applies for certification with evidence and works through the CIO course.</summary>
public sealed class CertificationModel(CertificationService certification, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    public CertificationStatus? Status { get; private set; }

    [BindProperty] public string? CareerEvidence { get; set; }
    [BindProperty] public string? SkillsEvidence { get; set; }
    [BindProperty] public string? References { get; set; }

    /// <summary>No application is pending and there is no valid certification.</summary>
    public bool CanApply { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Status = await certification.ForExpertAsync(User.UserId()!, ct);
        var today = Localization.DisplayFormatter.TodayInJapan(clock);
        CanApply = Status is not null
            && Status.Application?.Status is not (Data.Entities.CertificationApplicationStatus.Submitted or Data.Entities.CertificationApplicationStatus.Approved)
            && Status.Certification?.IsValidOn(today) != true;
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken ct)
    {
        var result = await certification.ApplyAsync(User.UserId()!, CareerEvidence, SkillsEvidence, References, ct);
        return await After(result, "Cert_Applied", ct);
    }

    public async Task<IActionResult> OnPostCompleteAsync(int moduleId, CancellationToken ct)
    {
        var result = await certification.CompleteModuleAsync(User.UserId()!, moduleId, ct);
        if (result.IsNotFound) return NotFound();
        return await After(result, "Course_ModuleDone", ct);
    }

    private Task<IActionResult> After(ServiceResult result, string notice, CancellationToken ct) =>
        this.OutcomeAsync(result, t[notice].Value, null, this.PageAgain(() => OnGetAsync(ct)), clearFirst: true);
}
