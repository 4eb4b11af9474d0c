namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// Local-government staff accounts waiting for the national office, paged and filtered. Approving and rejecting are
/// final, so each first shows a confirmation step (a POST without <c>confirm</c> only shows it); a rejection needs a
/// reason, and an address nobody has confirmed is not approved.
/// </summary>
public sealed class StaffRequestsModel(AccountService accounts, MarketplaceDbContext db, IStringLocalizer<SharedResource> t, Features.Security.AuditLog audit) : DatedListPageModel<AppUser>
{
    public const int MaxReason = 1_000;

    /// <summary>"confirmed", "unconfirmed" or empty for both.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    /// <summary>The request being decided when the page shows a confirmation step.</summary>
    public AppUser? Confirming { get; private set; }
    public bool ConfirmingApprove { get; private set; }
    public string? Reason { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = db.Users.AsNoTracking().Include(u => u.Organization).Where(u => u.Status == AccountStatus.PendingApproval && u.OrganizationId != null);
        if (Keyword is { } text)
        {
            // As typed: full-width digits of a code (３８４２２４), a name with or without its space (内子　次郎).
            var upper = text.ToUpperInvariant();
            var code = JapaneseText.NormalizeCode(text);
            var compact = JapaneseText.WithoutSpaces(text);
            q = q.Where(u => u.DisplayName.Replace(" ", "").Replace("\u3000", "").Contains(compact) || u.NormalizedEmail!.Contains(upper)
                || u.Organization!.NameJa.Contains(compact) || u.Organization.NameEn.Contains(text) || u.Organization.Code == code);
        }
        if (Email == "confirmed") q = q.Where(u => u.EmailConfirmed);
        if (Email == "unconfirmed") q = q.Where(u => !u.EmailConfirmed);
        if (FromUtc is { } since) q = q.Where(u => u.CreatedAt >= since);
        Result = await q.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).ToPagedAsync(RequestedPage, ct: ct);
    }

    public string PageUrl(int page) => ListUrl.Of("/admin/staff-requests", page, ("q", Q), ("email", Email), ("from", From));

    public Task<IActionResult> OnPostApproveAsync(string id, bool confirm, CancellationToken ct) => DecideAsync(id, approve: true, confirm, null, ct);

    public Task<IActionResult> OnPostRejectAsync(string id, bool confirm, string? reason, CancellationToken ct) => DecideAsync(id, approve: false, confirm, reason, ct);

    private async Task<IActionResult> DecideAsync(string? id, bool approve, bool confirm, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id)) return NotFound();
        var user = await db.Users.AsNoTracking().Include(u => u.Organization)
            .FirstOrDefaultAsync(u => u.Id == id && u.Status == AccountStatus.PendingApproval && u.OrganizationId != null, ct);
        if (user is null) return NotFound();
        Confirming = user;
        ConfirmingApprove = approve;
        Reason = reason?.Trim();
        if (approve && !user.EmailConfirmed)
        {
            ModelState.AddModelError("", t["Admin_Staff_UnconfirmedRefused", user.DisplayName, user.Email ?? ""]);
            return Page();
        }
        if (!confirm) return Page();
        if (!approve)
        {
            if (string.IsNullOrEmpty(Reason)) ModelState.AddModelError("reason", t["Val_Required", t["Admin_Staff_RejectReason"]]);
            else if (Reason.Length > MaxReason) ModelState.AddModelError("reason", t["Val_TooLong", t["Admin_Staff_RejectReason"], MaxReason, Reason.Length]);
            if (!ModelState.IsValid) return Page();
        }
        if (!await accounts.DecideStaffAsync(id, approve, User.UserId()!, Reason, ct)) return NotFound();
        await audit.WriteAsync(Features.Security.AuditActions.RoleChanged, "user", id, user.OrganizationId, approve ? "staff approved" : "staff rejected", ct);
        TempData["Notice"] = t[approve ? "Admin_Staff_Approved" : "Admin_Staff_Rejected", user.DisplayName].Value;
        return RedirectToPage();
    }
}
