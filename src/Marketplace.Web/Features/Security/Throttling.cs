using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Features.Security;

/// <summary>
/// Throttling instead of lockout (ASP.NET Core rate limiting): per client address on sign-in, sign-up and password
/// reset; per account on failed sign-ins (the same for addresses with and without an account), except from a browser
/// that signed in to it before, which is counted on its own (<see cref="SignInDevices"/>); per signed-in user on every write. A refused request gets a 429 page, never a locked account. Counters live in each instance's memory.
/// </summary>
public static class Throttling
{
    public const string AuthPolicy = "auth";

    /// <summary>Posts that try credentials or create accounts or mail: limited per client address.</summary>
    public static readonly string[] AuthPaths =
        ["/account/login", "/account/register", "/account/register-staff", "/account/forgot-password", "/account/reset-password", "/account/login-2fa"];

    public static IServiceCollection AddMarketplaceThrottling(this IServiceCollection services, IConfiguration config)
    {
        var perClient = config.GetValue("RateLimits:AuthPerClientPerMinute", 20);
        var writes = config.GetValue("RateLimits:WritesPerUserPerMinute", 300);
        services.AddSingleton(new AccountThrottle(config.GetValue("RateLimits:FailedSignInsPerAccount", 10), TimeSpan.FromSeconds(30)));
        services.AddSingleton<SignInDevices>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            {
                if (HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
                var path = ctx.Request.Path.Value?.TrimEnd('/').ToLowerInvariant() ?? "";
                if (AuthPaths.Contains(path))
                {
                    // Behind a proxy this is the client's address (ForwardedHeaders:KnownProxies); the test host has none.
                    return ctx.Connection.RemoteIpAddress is { } ip
                        ? RateLimitPartition.GetFixedWindowLimiter("auth:" + Client(ip), _ => new FixedWindowRateLimiterOptions { PermitLimit = perClient, Window = TimeSpan.FromMinutes(1) })
                        : RateLimitPartition.GetNoLimiter("auth:none");
                }
                var user = ctx.User.FindFirstValue(ClaimTypes.NameIdentifier);
                return user is null
                    ? RateLimitPartition.GetNoLimiter("anonymous-write")
                    : RateLimitPartition.GetTokenBucketLimiter("write:" + user, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = writes, TokensPerPeriod = Math.Max(1, writes / 6), ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                    });
            });
        });
        return services;
    }

    /// <summary>IPv6 clients are counted by their /64, which one subscriber usually holds whole.</summary>
    private static string Client(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return ip.ToString();
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString();
    }
}

/// <summary>
/// Failed sign-ins per key, an e-mail address (known or not) or a known browser of it (<see cref="SignInDevices.ThrottleKey"/>):
/// after the limit, that key is answered "too many attempts" until a token comes back (one every 30 s), without the
/// password being checked. Nothing is stored on the account.
/// </summary>
public sealed class AccountThrottle(int limit, TimeSpan period) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit, TokensPerPeriod = 1, ReplenishmentPeriod = period, QueueLimit = 0,
        }));

    private static string Key(string? address) => (address ?? "").Trim().ToLowerInvariant();

    /// <summary>Whether another attempt for this address may be checked now.</summary>
    public bool MayTry(string? address) => _limiter.GetStatistics(Key(address)) is not { CurrentAvailablePermits: <= 0 };

    /// <summary>Counts a failed attempt against the address.</summary>
    public void Failed(string? address)
    {
        using var lease = _limiter.AttemptAcquire(Key(address));
    }

    public void Dispose() => _limiter.Dispose();
}
