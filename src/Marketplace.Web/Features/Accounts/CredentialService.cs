using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Features.Accounts;

/// <summary>
/// Forgotten and changed passwords and changed e-mail addresses, on ASP.NET Core Identity's own tokens. Every token
/// is bound to the account's security stamp, which the change renews: a link works once. A changed password ends
/// every other session of the account; a reset ends all of them.
/// </summary>
public sealed class CredentialService(
    MarketplaceDbContext db,
    UserManager<AppUser> users,
    SessionStore sessions,
    Notifier notifier,
    IStringLocalizer<SharedResource> t)
{
    /// <summary>
    /// Checks that the signed-in user means to delete their account: the box ticked and their password, a wrong one
    /// counted towards lockout like a failed sign-in so this form cannot be used to guess it. Not found when the
    /// account is gone.
    /// </summary>
    public async Task<ServiceResult> ConfirmDeletionAsync(string userId, string? password, bool confirmed)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return ServiceResult.NotFound;
        var errors = new Dictionary<string, string>();
        if (!confirmed) errors["Confirm"] = t["Delete_ConfirmRequired"];
        if (string.IsNullOrEmpty(password))
        {
            errors["Password"] = t["Val_Required", t["Field_Password"]];
        }
        else if (await users.IsLockedOutAsync(user))
        {
            errors["Password"] = t["Login_LockedOut"];
        }
        else if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            errors["Password"] = t["Delete_WrongPassword"];
        }
        if (errors.Count > 0) return ServiceResult.Invalid(errors);
        await users.ResetAccessFailedCountAsync(user);
        return ServiceResult.Ok();
    }

    /// <summary>
    /// Mails a reset link when the address belongs to an active, confirmed account. The caller always answers
    /// "check your mail", so the page tells nobody whether the address is registered.
    /// </summary>
    public async Task RequestResetAsync(string? address, CancellationToken ct = default)
    {
        var user = string.IsNullOrWhiteSpace(address) ? null : await users.FindByEmailAsync(address.Trim());
        if (user is null || !user.EmailConfirmed || user.Status != AccountStatus.Active) return;
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        await notifier.ToUserAsync(user, NotificationKinds.Account, (t, site) => new MailContent(t["Mail_Reset_Subject"],
            t["Mail_Reset_Body", user.DisplayName, $"{site}/account/reset-password?userId={Uri.EscapeDataString(user.Id)}&code={code}"]), ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task<ServiceResult> ResetAsync(string? userId, string? code, string? password, string? confirm, CancellationToken ct = default)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        var token = Decode(code);
        if (user is null || token is null) return ServiceResult.Fail("", t["Account_LinkInvalid"]);
        if (CheckNew(password, confirm) is { } error) return error;
        var result = await users.ResetPasswordAsync(user, token, password!);
        if (!result.Succeeded) return Failed(result, invalidTokenMeansLink: true);
        await sessions.EndAllAsync(user.Id, ct: ct);
        await TellAsync(user, "Mail_PasswordChanged_Subject", "Mail_PasswordChanged_Body", ct);
        return ServiceResult.Ok();
    }

    /// <summary>Changes the password of a signed-in user; every session but <paramref name="currentSession"/> ends.</summary>
    public async Task<ServiceResult> ChangePasswordAsync(string userId, string? currentSession, string? current, string? password, string? confirm, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return ServiceResult.Fail("", t["Account_LinkInvalid"]);
        if (string.IsNullOrEmpty(current)) return ServiceResult.Fail("CurrentPassword", t["Val_Required", t["Field_CurrentPassword"]]);
        if (CheckNew(password, confirm) is { } error) return error;
        var result = await users.ChangePasswordAsync(user, current, password!);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? ServiceResult.Fail("CurrentPassword", t["Account_CurrentPasswordWrong"])
                : Failed(result, invalidTokenMeansLink: false);
        }
        await sessions.EndAllAsync(user.Id, keep: currentSession, ct: ct);
        await TellAsync(user, "Mail_PasswordChanged_Subject", "Mail_PasswordChanged_Body", ct);
        return ServiceResult.Ok();
    }

    /// <summary>Mails a confirmation link to the new address; the address changes only when that link is opened.</summary>
    public async Task<ServiceResult> RequestEmailChangeAsync(string userId, string? newAddress, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        var to = newAddress?.Trim() ?? "";
        if (user is null) return ServiceResult.Fail("", t["Account_LinkInvalid"]);
        if (!AccountService.IsEmail(to)) return ServiceResult.Fail("NewEmail", t["Val_Email"]);
        if (string.Equals(to, user.Email, StringComparison.OrdinalIgnoreCase)) return ServiceResult.Fail("NewEmail", t["Account_EmailSame"]);
        // Whether the new address is taken is not said here (that would reveal other accounts); the owner is told instead.
        if (await users.FindByEmailAsync(to) is { } owner)
        {
            await notifier.ToUserAsync(owner, NotificationKinds.Account, (t, site) => new MailContent(t["Mail_AddressInUse_Subject"],
                t["Mail_AddressInUse_Body", owner.DisplayName, $"{site}/account/forgot-password"]), ct);
            await db.SaveChangesAsync(ct);
            return ServiceResult.Ok();
        }
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, to));
        notifier.ToAddress(to, NotificationKinds.Account, (t, site) => new MailContent(t["Mail_EmailChange_Subject"],
            t["Mail_EmailChange_Body", user.DisplayName, $"{site}/account/confirm-email-change?userId={Uri.EscapeDataString(user.Id)}&email={Uri.EscapeDataString(to)}&code={code}"]));
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }

    /// <summary>Opens the link mailed to the new address: the address (and sign-in name) change, the old address is told.</summary>
    public async Task<bool> ConfirmEmailChangeAsync(string? userId, string? address, string? code, CancellationToken ct = default)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        var token = Decode(code);
        if (user is null || token is null || string.IsNullOrWhiteSpace(address)) return false;
        var old = user.Email;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!(await users.ChangeEmailAsync(user, address, token)).Succeeded) return false;
        if (!(await users.SetUserNameAsync(user, address)).Succeeded) return false;
        if (!string.IsNullOrEmpty(old))
        {
            notifier.ToAddress(old, NotificationKinds.Account, (t, _) => new MailContent(t["Mail_EmailChanged_Subject"], t["Mail_EmailChanged_Body", user.DisplayName, address]));
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task TellAsync(AppUser user, string subject, string body, CancellationToken ct)
    {
        await notifier.ToUserAsync(user, NotificationKinds.Account, (t, site) => new MailContent(t[subject], t[body, user.DisplayName, $"{site}/account/forgot-password"]), ct);
        await db.SaveChangesAsync(ct);
    }

    private ServiceResult? CheckNew(string? password, string? confirm)
    {
        if (string.IsNullOrEmpty(password)) return ServiceResult.Fail("Password", t["Val_Required", t["Field_NewPassword"]]);
        if (password != confirm) return ServiceResult.Fail("ConfirmPassword", t["Val_PasswordMismatch"]);
        return null;
    }

    private ServiceResult Failed(IdentityResult result, bool invalidTokenMeansLink) =>
        ServiceResult.Invalid(result.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken) && invalidTokenMeansLink
            ? ("", t["Account_LinkInvalid"].Value)
            : (e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "", e.Description)).ToList());

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
