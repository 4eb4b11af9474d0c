using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
// Microsoft.AspNetCore.Mvc (a global using) has a SignInResult too; this file means Identity's.
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Features.TwoFactor;

/// <summary>Why adding or removing a passkey failed, so the page can say what to fix.</summary>
public enum PasskeyProblem
{
    None,
    NameMissing,
    NameTooLong,
    TooMany,
    NoCeremony,
    Refused,
    NotFound,
    LastSecondFactor,
}

/// <summary>A passkey as the account page lists it.</summary>
public sealed record PasskeyListItem(string Id, string Name, DateTimeOffset CreatedAt, bool BackedUp);

/// <summary>
/// Passkeys (WebAuthn) as a second factor, on ASP.NET Core Identity's own passkey support: the public keys live in
/// AspNetUserPasskeys, registration uses SignInManager's attestation (its state rides in Identity's short-lived
/// two-factor cookie, unused while signed in). After the password, the second step cannot use SignInManager's
/// assertion helpers: they would store their state over the two-factor cookie that says whose password was right.
/// So that step keeps the assertion state beside the user id in the same cookie and asks Identity's passkey handler
/// to check the signature, and only a passkey of that very user completes the sign-in.
/// </summary>
public sealed class PasskeyService(
    UserManager<AppUser> users,
    MarketplaceSignInManager signIn,
    IPasskeyHandler<AppUser> handler,
    AuditLog audit,
    SessionStore sessions,
    ILogger<PasskeyService> logger)
{
    public const int MaxPerUser = 10;
    public const int MaxNameLength = 50;
    private const string AssertionStateItem = "mp.passkey-assertion";

    public async Task<IReadOnlyList<PasskeyListItem>> ListAsync(AppUser user) =>
        (await users.GetPasskeysAsync(user))
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyListItem(WebEncoders.Base64UrlEncode(p.CredentialId), p.Name ?? "", p.CreatedAt, p.IsBackedUp))
            .ToList();

    public async Task<int> CountAsync(AppUser user) => (await users.GetPasskeysAsync(user)).Count;

    public static PasskeyProblem CheckName(string? name)
    {
        var trimmed = (name ?? "").Trim();
        return trimmed.Length == 0 ? PasskeyProblem.NameMissing
            : trimmed.Length > MaxNameLength ? PasskeyProblem.NameTooLong
            : PasskeyProblem.None;
    }

    /// <summary>The options for <c>navigator.credentials.create()</c>, or why none are given (name, limit).</summary>
    public async Task<(PasskeyProblem Problem, string? OptionsJson)> CreationOptionsAsync(AppUser user, string? name)
    {
        if (CheckName(name) is var problem and not PasskeyProblem.None) return (problem, null);
        if (await CountAsync(user) >= MaxPerUser) return (PasskeyProblem.TooMany, null);
        var json = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id,
            Name = user.Email ?? user.UserName ?? user.Id,
            DisplayName = user.DisplayName,
        });
        return (PasskeyProblem.None, json);
    }

    /// <summary>Checks the browser's new credential against the ceremony started by <see cref="CreationOptionsAsync"/> and stores it under <paramref name="name"/>.</summary>
    public async Task<PasskeyProblem> AddAsync(AppUser user, string? name, string? credentialJson, CancellationToken ct = default)
    {
        if (CheckName(name) is var problem and not PasskeyProblem.None) return problem;
        if (string.IsNullOrWhiteSpace(credentialJson)) return PasskeyProblem.NoCeremony;
        if (await CountAsync(user) >= MaxPerUser) return PasskeyProblem.TooMany;
        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            // No ceremony underway (expired, or already used): the browser must ask for new options.
            return PasskeyProblem.NoCeremony;
        }
        if (!attestation.Succeeded)
        {
            logger.LogInformation("Passkey attestation for user {UserId} refused: {Reason}", user.Id, attestation.Failure.Message);
            return PasskeyProblem.Refused;
        }
        var passkey = attestation.Passkey;
        passkey.Name = name!.Trim();
        if (!(await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded) return PasskeyProblem.Refused;
        await audit.WriteAsync(AuditActions.PasskeyAdded, "user", user.Id, user.OrganizationId, passkey.Name, ct);
        return PasskeyProblem.None;
    }

    /// <summary>
    /// Removes one of the user's passkeys. Office and staff accounts keep at least one second factor: their last one
    /// cannot be removed here (the office's reset can).
    /// </summary>
    public async Task<PasskeyProblem> RemoveAsync(AppUser user, string? id, bool required, CancellationToken ct = default)
    {
        byte[] credentialId;
        try
        {
            credentialId = WebEncoders.Base64UrlDecode(id ?? "");
        }
        catch (FormatException)
        {
            return PasskeyProblem.NotFound;
        }
        if (credentialId.Length == 0 || await users.GetPasskeyAsync(user, credentialId) is not { } passkey) return PasskeyProblem.NotFound;
        if (required && !user.TwoFactorEnabled && await CountAsync(user) <= 1) return PasskeyProblem.LastSecondFactor;
        if (!(await users.RemovePasskeyAsync(user, credentialId)).Succeeded) return PasskeyProblem.NotFound;
        // Sessions that signed in with it end (the security stamp), except this one, which the page refreshes.
        await users.UpdateSecurityStampAsync(user);
        if (SessionStore.SessionOf(signIn.Context.User) is { } current) await sessions.EndAllAsync(user.Id, keep: current, ct: ct);
        await audit.WriteAsync(AuditActions.PasskeyRemoved, "user", user.Id, user.OrganizationId, passkey.Name, ct);
        return PasskeyProblem.None;
    }

    /// <summary>
    /// The options for <c>navigator.credentials.get()</c> on the second sign-in step, limited to the passkeys of the
    /// user whose password was right; null when no password step is underway or that user has no passkey.
    /// </summary>
    public async Task<string?> SecondStepOptionsAsync()
    {
        var (auth, user) = await TwoFactorStepAsync();
        if (auth is null || user is null || await CountAsync(user) == 0) return null;
        var options = await handler.MakeRequestOptionsAsync(user, signIn.Context);
        var properties = auth.Properties ?? new AuthenticationProperties();
        properties.Items[AssertionStateItem] = options.AssertionState;
        await signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, auth.Principal!, properties);
        return options.RequestOptionsJson;
    }

    /// <summary>
    /// Completes the second step with the browser's assertion: the signature must come from a passkey of the user whose
    /// password was right, for the challenge this cookie holds (each challenge is used once, whatever the outcome).
    /// </summary>
    public async Task<SignInResult> SecondStepSignInAsync(string? credentialJson, bool rememberClient)
    {
        var (auth, user) = await TwoFactorStepAsync();
        if (auth is null || user is null) return SignInResult.Failed;
        var properties = auth.Properties ?? new AuthenticationProperties();
        if (!properties.Items.Remove(AssertionStateItem, out var state) || string.IsNullOrWhiteSpace(credentialJson)) return SignInResult.Failed;
        await signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, auth.Principal!, properties);
        var result = await handler.PerformAssertionAsync(new PasskeyAssertionContext
        {
            CredentialJson = credentialJson,
            AssertionState = state,
            HttpContext = signIn.Context,
        });
        if (!result.Succeeded || result.User.Id != user.Id)
        {
            logger.LogInformation("Passkey second step for user {UserId} refused: {Reason}", user.Id, result.Succeeded ? "another account's passkey" : result.Failure.Message);
            return SignInResult.Failed;
        }
        if (!await signIn.CanSignInAsync(user)) return SignInResult.NotAllowed;
        // The signature count and flags move on with each use (a cloned authenticator shows up as a step back).
        if (!(await users.AddOrUpdatePasskeyAsync(user, result.Passkey)).Succeeded) return SignInResult.Failed;
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (rememberClient) await signIn.RememberTwoFactorClientAsync(user);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa"), new Claim(ClaimTypes.AuthenticationMethod, "passkey")]);
        return SignInResult.Success;
    }

    private async Task<(AuthenticateResult? Auth, AppUser? User)> TwoFactorStepAsync()
    {
        var auth = await signIn.Context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (auth.Principal?.FindFirstValue(ClaimTypes.Name) is not { } userId) return (null, null);
        return (auth, await users.FindByIdAsync(userId));
    }
}
