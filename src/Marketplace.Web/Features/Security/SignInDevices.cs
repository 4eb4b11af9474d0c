using Microsoft.AspNetCore.DataProtection;

namespace Marketplace.Web.Features.Security;

/// <summary>
/// Browsers that have signed in to an account before ("device cookies", as OWASP describes them). Their failed
/// sign-ins count in a bucket of their own instead of the account's. So strangers whose wrong passwords throttle an
/// address never keep its owner out of a browser the owner has used before. Only a browser new to the account waits
/// with everyone else. The cookie names one address and a random device id, protected by Data Protection.
/// </summary>
public sealed class SignInDevices(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "mp.device";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private readonly IDataProtector _protector = protection.CreateProtector("Marketplace.SignInDevice.v1");

    /// <summary>
    /// The throttle key of a sign-in to <paramref name="email"/> from this request: the device's own when it has
    /// signed in to that address before, otherwise the address's.
    /// </summary>
    public string ThrottleKey(HttpRequest request, string? email)
    {
        var address = Normalize(email);
        return DeviceOf(request, address) is { } device ? "device:" + device : "account:" + address;
    }

    /// <summary>Marks this browser as one that signed in to <paramref name="email"/> with the right password.</summary>
    public void Remember(HttpContext http, string email)
    {
        var value = _protector.Protect($"{Guid.NewGuid():N}|{Normalize(email)}");
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/account", IsEssential = true,
            Expires = clock.GetUtcNow().Add(Lifetime),
        });
    }

    private string? DeviceOf(HttpRequest request, string address)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            var parts = _protector.Unprotect(value).Split('|', 2);
            return parts.Length == 2 && parts[1] == address ? parts[0] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // a cookie this service did not make, or made with keys since rotated away
        }
    }

    private static string Normalize(string? email) => (email ?? "").Trim().ToLowerInvariant();
}
