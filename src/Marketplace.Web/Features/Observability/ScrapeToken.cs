using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Web.Features.Observability;

/// <summary>
/// The bearer token a Prometheus scraper may send instead of an office account's cookie
/// (<c>Authorization: Bearer &lt;token&gt;</c>), read from <see cref="ConfigKey"/> on every request. Unset or blank:
/// no token is accepted. Compared in constant time, on SHA-256 digests so that not even the length shows.
/// </summary>
public static class ScrapeToken
{
    public const string ConfigKey = "Observability:ScrapeToken";

    public static bool Presented(HttpContext http)
    {
        var expected = http.RequestServices.GetRequiredService<IConfiguration>()[ConfigKey];
        if (string.IsNullOrWhiteSpace(expected)) return false;
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var given = header[scheme.Length..].Trim();
        return given.Length > 0 && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected.Trim())));
    }
}
