namespace Marketplace.Web.Pages.Admin.Dispatch;

/// <summary>One certification application: evidence, training progress, review, certify, renew, revoke.</summary>
public sealed class CertificationModel(CertificationService certification, IStringLocalizer<SharedResource> t, TimeProvider clock, AuditLog audit) : PageModel
{
    public CertificationApplication Application { get; private set; } = null!;
    public CertificationStatus Status { get; private set; } = null!;
    public string ApplicationToken { get; private set; } = "";
    public string? CertificationToken { get; private set; }
    public string DefaultValidUntil { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await certification.ApplicationForOfficeAsync(id, ct);
        if (found is null) return NotFound();
        (Application, Status) = found.Value;
        // The application holds the expert's contact details, career and referees.
        await audit.WriteAsync(AuditActions.CertificationRead, "certification_application", id, null, ct: ct);
        ApplicationToken = await certification.TokenOfApplicationAsync(id, ct);
        CertificationToken = Status.Certification is { } c ? certification.TokenOf(c) : null;
        var from = Status.Certification is { } cert && cert.ValidUntil > Localization.DisplayFormatter.TodayInJapan(clock) ? cert.ValidUntil : Localization.DisplayFormatter.TodayInJapan(clock);
        DefaultValidUntil = from.AddYears(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public Task<IActionResult> OnPostReviewAsync(int id, string decision, string? reason, string? token, CancellationToken ct) =>
        Handle(id, certification.ReviewAsync(User.UserId()!, id, decision == "approve", reason, token, ct), decision == "approve" ? "Cert_Approved" : "Cert_Rejected", ct);

    public Task<IActionResult> OnPostCertifyAsync(int id, string? validUntil, string? token, CancellationToken ct) =>
        Handle(id, certification.CertifyAsync(User.UserId()!, id, validUntil, token, ct), "Cert_Certified", ct);

    public Task<IActionResult> OnPostRenewAsync(int id, int certificationId, string? validUntil, string? token, CancellationToken ct) =>
        Handle(id, certification.RenewAsync(User.UserId()!, certificationId, validUntil, token, ct), "Cert_Renewed", ct);

    public Task<IActionResult> OnPostRevokeAsync(int id, int certificationId, string? reason, string? token, CancellationToken ct) =>
        Handle(id, certification.RevokeAsync(User.UserId()!, certificationId, reason, token, ct), "Cert_Revoked", ct);

    // Shown again through OnGetAsync: NotFound when a posted id names nothing.
    private async Task<IActionResult> Handle(int id, Task<ServiceResult> action, string notice, CancellationToken ct) =>
        await this.OutcomeAsync(await action, t[notice].Value, new { id }, () => OnGetAsync(id, ct));
}
