namespace Marketplace.Web.Features.Accounts;

/// <summary>
/// The password hash a sign-in for an unknown address is checked against, so that it costs what checking a real
/// account's password costs. It is made once per app by the app's own hasher, so it follows the configured hash
/// settings (iterations included) instead of Identity's defaults: a dummy made with other settings would take a
/// measurably different time and tell a guesser which addresses exist.
/// </summary>
public sealed class UnknownAddressHash
{
    private static readonly AppUser Nobody = new();
    private string? _hash;

    /// <summary>The hash, made by <paramref name="hasher"/> on first use (two first uses at once may each make one).</summary>
    public string Of(IPasswordHasher<AppUser> hasher) => _hash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());

    public void Verify(IPasswordHasher<AppUser> hasher, string password) => hasher.VerifyHashedPassword(Nobody, Of(hasher), password);
}
