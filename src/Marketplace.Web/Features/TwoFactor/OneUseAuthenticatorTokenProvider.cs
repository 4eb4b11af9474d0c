using System.Security.Cryptography;
using OtpNet;

namespace Marketplace.Web.Features.TwoFactor;

/// <summary>
/// Authenticator-app codes (TOTP, RFC 6238, 30-second steps, two steps either side for clock drift, as Identity's own
/// provider) that each work once. RFC 6238 §5.2 requires this: a verifier must not accept the same code a second
/// time after it has accepted it once. A code must belong to a later time step than the last one the account used,
/// so a code seen over a shoulder or in a screenshot cannot open a second session. The last step is kept in
/// AspNetUserTokens with a tag of the key it was made with, so it holds across instances. A new key starts afresh.
/// <c>TwoFactor:RefuseReusedCodes=false</c> turns the check off; the test suite does that, because it signs the same
/// demo accounts in many times a minute.
/// </summary>
public sealed class OneUseAuthenticatorTokenProvider(IConfiguration config) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "OneUseAuthenticator";
    private const string LoginProvider = "[Marketplace]";
    private const string LastStepToken = "LastAuthenticatorStep";
    private static readonly VerificationWindow Drift = new(previous: 2, future: 2);

    private readonly AuthenticatorTokenProvider<AppUser> _identity = new();
    private readonly bool _refuseReused = config.GetValue("TwoFactor:RefuseReusedCodes", true);

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        _identity.CanGenerateTwoFactorTokenAsync(manager, user);

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) =>
        _identity.GenerateAsync(purpose, manager, user);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        if (!new Totp(Base32Encoding.ToBytes(key)).VerifyTotp(DateTime.UtcNow, token, out var step, Drift)) return false;
        if (!_refuseReused) return true;

        var tag = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16];
        var last = (await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepToken))?.Split(':');
        if (last is [var lastStep, var lastTag] && lastTag == tag && long.TryParse(lastStep, out var used) && step <= used) return false;
        await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepToken, FormattableString.Invariant($"{step}:{tag}"));
        return true;
    }
}
