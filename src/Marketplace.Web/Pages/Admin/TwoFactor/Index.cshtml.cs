using Marketplace.Web.Features.TwoFactor;

namespace Marketplace.Web.Pages.Admin.TwoFactor;

/// <summary>
/// The national office resets the second factor of someone who lost their device: found by name or e-mail, then a
/// confirmation step (a POST without <c>confirm</c> only shows it). The reset voids the authenticator app and every
/// passkey, ends every session of the person, who enrols again at the next sign-in and is told by mail, and is written
/// to the audit log.
/// </summary>
public sealed class IndexModel(MarketplaceDbContext db, UserManager<AppUser> users, TwoFactorService twoFactor, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int MaxResults = 20;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<AppUser> Found { get; private set; } = [];
    public AppUser? Confirming { get; private set; }
    /// <summary>How many passkeys each listed (or confirmed) person has.</summary>
    public Dictionary<string, int> PasskeyCounts { get; private set; } = [];

    /// <summary>An authenticator app or a passkey: something the reset would void.</summary>
    public bool HasSecondFactor(AppUser user) => user.TwoFactorEnabled || PasskeyCounts.GetValueOrDefault(user.Id) > 0;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (ListUrl.Trimmed(Q) is not { } text) return;
        var upper = text.ToUpperInvariant();
        Found = await db.Users.AsNoTracking().Include(u => u.Organization)
            .Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.Contains(text))
            .OrderByDescending(u => u.TwoFactorEnabled).ThenBy(u => u.Email).Take(MaxResults).ToListAsync(ct);
        await CountPasskeysAsync(Found.Select(u => u.Id).ToList(), ct);
    }

    private async Task CountPasskeysAsync(List<string> ids, CancellationToken ct) =>
        PasskeyCounts = await db.UserPasskeys.Where(p => ids.Contains(p.UserId)).GroupBy(p => p.UserId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    public async Task<IActionResult> OnPostResetAsync(string? id, bool confirm, CancellationToken ct)
    {
        var user = string.IsNullOrEmpty(id) ? null : await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        await db.Entry(user).Reference(u => u.Organization).LoadAsync(ct);
        Confirming = user;
        await CountPasskeysAsync([user.Id], ct);
        if (!confirm) return Page();
        await twoFactor.TurnOffAsync(user, AuditActions.TwoFactorResetByOffice, ct);
        TempData["Notice"] = t["Admin_TwoFactor_Done", user.DisplayName].Value;
        return LocalRedirect(ListUrl.Of("/admin/two-factor", 1, ("q", user.Email)));
    }
}
