using System.Security.Claims;
using System.Text;
using QRCoder;

namespace Marketplace.Web.Features.TwoFactor;

/// <summary>What the enable page shows: the key (also grouped by four for typing), the otpauth URI and its QR code.</summary>
public sealed record AuthenticatorSetup(string Key, string GroupedKey, string Uri, string QrDataUri);

/// <summary>Why enabling failed, so the page can say what to fix.</summary>
public enum CodeProblem
{
    None,
    Missing,
    Format,
    Wrong,
}

/// <summary>
/// Authenticator apps (TOTP, RFC 6238) on ASP.NET Core Identity's own machinery: the key and the recovery codes live
/// in AspNetUserTokens, codes are checked by the AuthenticatorTokenProvider. Every change of the second factor renews
/// the security stamp (Identity does that), and is written to the audit log under the person's government.
/// </summary>
public sealed class TwoFactorService(UserManager<AppUser> users, AuditLog audit, SessionStore sessions, Notifier notifier, IHttpContextAccessor http)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "CIO Marketplace";

    public async Task<AuthenticatorSetup> SetupAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key after reset.");
        }
        var label = Uri.EscapeDataString($"{Issuer}:{user.Email}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return new AuthenticatorSetup(key, Group(key), uri, "data:image/png;base64," + Convert.ToBase64String(png));
    }

    /// <summary>The key in lower-case groups of four, as authenticator apps accept it typed.</summary>
    public static string Group(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return sb.ToString().ToLowerInvariant();
    }

    /// <summary>Digits only: spaces and hyphens go, full-width digits become ASCII.</summary>
    public static string NormalizeCode(string? code) =>
        (code ?? "").Normalize(NormalizationForm.FormKC).Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

    public static CodeProblem CheckFormat(string code) =>
        code.Length == 0 ? CodeProblem.Missing
        : code.Length != 6 || !code.All(char.IsAsciiDigit) ? CodeProblem.Format
        : CodeProblem.None;

    /// <summary>Turns the second factor on when <paramref name="code"/> comes from the app; returns the new recovery codes.</summary>
    public async Task<(CodeProblem Problem, IReadOnlyList<string> RecoveryCodes)> EnableAsync(AppUser user, string? code)
    {
        var digits = NormalizeCode(code);
        if (CheckFormat(digits) is var problem and not CodeProblem.None) return (problem, []);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits)) return (CodeProblem.Wrong, []);
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await NewRecoveryCodesAsync(user);
        await audit.WriteAsync(AuditActions.TwoFactorEnabled, "user", user.Id, user.OrganizationId);
        return (CodeProblem.None, codes);
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(AppUser user, bool audited = false)
    {
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        if (audited) await audit.WriteAsync(AuditActions.TwoFactorRecoveryCodes, "user", user.Id, user.OrganizationId);
        return codes;
    }

    public Task<int> RecoveryCodesLeftAsync(AppUser user) => users.CountRecoveryCodesAsync(user);

    /// <summary>
    /// Turns the authenticator app off and forgets the key and the recovery codes, so the old app entry and the printed
    /// codes stop working. <paramref name="action"/> says whether the person disabled it, reset it to enrol a new
    /// device, or the national office reset it; an office reset also removes every passkey, ends every session of
    /// the person and mails them (in their language) that the office did it.
    /// </summary>
    public async Task TurnOffAsync(AppUser user, string action, CancellationToken ct = default)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        if (action == AuditActions.TwoFactorResetByOffice)
        {
            foreach (var passkey in await users.GetPasskeysAsync(user)) await users.RemovePasskeyAsync(user, passkey.CredentialId);
            await sessions.EndAllAsync(user.Id, ct: ct);
            var office = http.HttpContext?.User.FindFirstValue("mp:name") ?? "";
            // Joins the audit entry's save below: the mail and the entry are written together.
            await notifier.ToUserAsync(user, NotificationKinds.Account, (t, site) => new MailContent(t["Mail_TwoFactorReset_Subject"],
                t["Mail_TwoFactorReset_Body", user.DisplayName, office, $"{site}/account/login"]), ct);
        }
        await audit.WriteAsync(action, "user", user.Id, user.OrganizationId, ct: ct);
    }

    /// <summary>Whether the account has a second factor: an authenticator app or at least one passkey.</summary>
    public async Task<bool> HasSecondFactorAsync(AppUser user) => user.TwoFactorEnabled || (await users.GetPasskeysAsync(user)).Count > 0;

    /// <summary>Whether the roles must have a second factor before they reach any private data.</summary>
    public static bool IsRequiredFor(IEnumerable<string> roles) => roles.Any(r => r is Roles.NationalOffice or Roles.Staff);

    public static bool IsRequiredFor(ClaimsPrincipal user) => user.IsInRole(Roles.NationalOffice) || user.IsInRole(Roles.Staff);

    /// <summary>The claim the cookie carries while the account has a second factor (refreshed with the security stamp).</summary>
    public const string EnabledClaim = "mp:2fa";

    public static bool HasSecondFactor(ClaimsPrincipal user) => user.HasClaim(c => c.Type == EnabledClaim);
}
