using Marketplace.Web.Features.TwoFactor;

namespace Marketplace.Web.Pages.TwoFactor;

/// <summary>
/// The account's second factor: whether it is on, how many recovery codes are left, new recovery codes, moving to a
/// new device (reset), and turning it off, which office and staff accounts may not do since it is required for them.
/// </summary>
[Authorize]
public sealed class IndexModel(UserManager<AppUser> users, MarketplaceSignInManager signIn, TwoFactorService twoFactor, PasskeyService passkeys, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Whether the authenticator app is on.</summary>
    public bool Enabled { get; private set; }
    public IReadOnlyList<PasskeyListItem> Passkeys { get; private set; } = [];
    /// <summary>An authenticator app or a passkey.</summary>
    public bool HasSecondFactor => Enabled || Passkeys.Count > 0;
    public bool Required { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return LocalRedirect(TwoFactorSetup.EnablePath);
        NewRecoveryCodes = await twoFactor.NewRecoveryCodesAsync(user, audited: true);
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(user);
        return Page();
    }

    /// <summary>A new key for a new device: the old app entry and recovery codes stop working, then the enable page.</summary>
    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await twoFactor.TurnOffAsync(user, AuditActions.TwoFactorReset, ct);
        await signIn.RefreshSignInAsync(user);
        return LocalRedirect(TwoFactorSetup.EnablePath + "?returnUrl=%2Faccount%2Ftwo-factor");
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (TwoFactorService.IsRequiredFor(await users.GetRolesAsync(user)))
        {
            ModelState.AddModelError("", t["TwoFactor_DisableRefused"]);
            await LoadAsync(user);
            return Page();
        }
        await twoFactor.TurnOffAsync(user, AuditActions.TwoFactorDisabled, ct);
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = t["TwoFactor_Disabled_Done"].Value;
        return LocalRedirect("/account/two-factor");
    }

    /// <summary>Removes one passkey; office and staff accounts keep at least one second factor.</summary>
    public async Task<IActionResult> OnPostRemovePasskeyAsync(string? id, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var name = (await passkeys.ListAsync(user)).FirstOrDefault(p => p.Id == id)?.Name;
        var problem = await passkeys.RemoveAsync(user, id, TwoFactorService.IsRequiredFor(await users.GetRolesAsync(user)), ct);
        if (problem != PasskeyProblem.None)
        {
            ModelState.AddModelError("", t[problem == PasskeyProblem.LastSecondFactor ? "Passkey_LastSecondFactor" : "Passkey_NotFound"]);
            await LoadAsync(user);
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = t["Passkey_Removed_Done", name ?? ""].Value;
        return LocalRedirect("/account/two-factor");
    }

    private async Task LoadAsync(AppUser user)
    {
        Enabled = user.TwoFactorEnabled;
        Passkeys = await passkeys.ListAsync(user);
        Required = TwoFactorService.IsRequiredFor(await users.GetRolesAsync(user));
        RecoveryCodesLeft = Enabled ? await twoFactor.RecoveryCodesLeftAsync(user) : 0;
    }
}
