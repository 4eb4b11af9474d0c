using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Features.Security;

/// <summary>
/// Server-side sessions behind the sign-in cookie: each sign-in writes a row and puts its id in the cookie; every
/// request checks the row still exists. Signing out or changing the password removes the rows, so a copied or
/// old cookie stops working at once, on every instance (the rows are in the shared database).
/// </summary>
public sealed class SessionStore(MarketplaceDbContext db, TimeProvider clock)
{
    public const string SessionClaim = "mp:sid";

    /// <summary>How often "last seen" is written; a request in between only reads.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(5);

    /// <summary>Rows unused this long are removed by the retention job (the cookie itself expires after 8 idle hours).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(30);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<string> StartAsync(string userId, string? userAgent)
    {
        var session = new UserSession
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            UserId = userId,
            CreatedAt = Now,
            LastSeenAt = Now,
            UserAgent = userAgent is null ? null : userAgent[..Math.Min(userAgent.Length, 200)],
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    public Task<List<UserSession>> ListAsync(string userId, CancellationToken ct = default) =>
        db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.LastSeenAt).ToListAsync(ct);

    /// <summary>Ends one of the user's sessions (never another user's).</summary>
    public Task<int> EndAsync(string userId, string sessionId, CancellationToken ct = default) =>
        db.UserSessions.Where(s => s.UserId == userId && s.Id == sessionId).ExecuteDeleteAsync(ct);

    /// <summary>Ends every session of the user, or every one but <paramref name="keep"/>.</summary>
    public Task<int> EndAllAsync(string userId, string? keep = null, CancellationToken ct = default) =>
        db.UserSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync(ct);

    public Task<int> PurgeStaleAsync(CancellationToken ct = default)
    {
        var cutoff = Now - StaleAfter;
        return db.UserSessions.Where(s => s.LastSeenAt < cutoff).ExecuteDeleteAsync(ct);
    }

    public static string? SessionOf(ClaimsPrincipal? user) => user?.FindFirstValue(SessionClaim);

    /// <summary>The cookie's check on every request, after Identity's security-stamp check.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is null) return;
        var userId = context.Principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = SessionOf(context.Principal);
        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var session = sessionId is null || userId is null
            ? null
            : await db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId);
        if (session is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (now - session.LastSeenAt > TouchInterval)
        {
            await db.UserSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now));
        }
    }

    /// <summary>Keeps the session id when Identity rebuilds the principal after checking the security stamp.</summary>
    public static Task KeepSessionOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        if (SessionOf(context.CurrentPrincipal) is { } sid && context.NewPrincipal?.Identity is ClaimsIdentity identity && SessionOf(context.NewPrincipal) is null)
        {
            identity.AddClaim(new Claim(SessionClaim, sid));
        }
        return Task.CompletedTask;
    }
}
