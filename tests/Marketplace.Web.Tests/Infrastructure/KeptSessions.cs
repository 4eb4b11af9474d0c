using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// The sign-ins <see cref="WebClientExtensions.SignedInAsync"/> made on one test app, used again for a later call with
/// the same address as long as a fresh sign-in would give the same thing: a second browser tab of the same person.
/// The quick loop signed in about 580 times, most of them the six demo accounts on the shared apps, each sign-in four
/// to six requests (password, second factor, their pages and redirects) and about 10 to 25 ms of CPU.
/// </summary>
/// <remarks>
/// A kept sign-in is used only while its session row exists (signing out, a password change and "end my other sessions"
/// remove it), the account may still sign in and is not locked out, the app's clock has not moved by an hour or gone
/// back, and the claims the app would put in a new cookie now (roles, organisation, name, second factor, security
/// stamp) equal the cookie's. Otherwise the person signs in again. Tests of signing in itself, of sessions or of the
/// second factor use <see cref="WebClientExtensions.SignInAsync"/> on a client of their own, which never keeps or
/// reuses anything. <c>MARKETPLACE_TEST_FRESH_SIGN_IN=1</c> turns the reuse off, to tell whether a failure depends on
/// it. Web quick loop, three alternating pairs on the 2-core machine, 2026-12-01: 62, 52 and 56 s of CPU (36, 31 and
/// 33 s wall) signing in anew each time, 55, 52 and 48 s (32, 30 and 28 s) with kept sign-ins.
/// </remarks>
public sealed class KeptSessions(MarketplaceFactory app)
{
    /// <summary>Claims that differ between two sign-ins of the same person with the same account state.</summary>
    private static readonly HashSet<string> PerSignIn = [SessionStore.SessionClaim, "amr", ClaimTypes.AuthenticationMethod];

    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    private sealed record Kept(CookieContainer Cookies, string SessionId, string Claims, DateTimeOffset At);

    private readonly ConcurrentDictionary<string, Kept> _kept = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A copy of a kept sign-in's cookies, or null when the person must sign in again.</summary>
    public async Task<CookieContainer?> ReuseAsync(string email)
    {
        if (Environment.GetEnvironmentVariable("MARKETPLACE_TEST_FRESH_SIGN_IN") == "1" || !_kept.TryGetValue(email, out var kept)) return null;
        var age = app.Clock.GetUtcNow() - kept.At;
        if (age < TimeSpan.Zero || age > Longest || await ClaimsNowAsync(email, kept.SessionId) != kept.Claims)
        {
            _kept.TryRemove(email, out _);
            return null;
        }
        return MarketplaceFactory.CopyOf(kept.Cookies);
    }

    /// <summary>Keeps the sign-in a client has just made, when its cookie can be read.</summary>
    public async Task KeepAsync(string email, HttpClient client)
    {
        // A copy: the client's own jar goes on changing with its later responses.
        var cookies = MarketplaceFactory.CopyOf(MarketplaceFactory.CookiesOf(client));
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var auth = cookies.GetAllCookies().FirstOrDefault(c => c.Name == options.Cookie.Name);
        // A cookie too large for one header is split in chunks; none of the suite's accounts has one, and such a
        // sign-in is simply not kept.
        if (auth is null || auth.Value.StartsWith("chunks-", StringComparison.Ordinal)) return;
        var ticket = options.TicketDataFormat.Unprotect(auth.Value);
        if (ticket is null || SessionStore.SessionOf(ticket.Principal) is not { } sessionId) return;
        _kept[email] = new Kept(cookies, sessionId, Fingerprint(ticket.Principal), app.Clock.GetUtcNow());
    }

    /// <summary>The claims a sign-in would give now, or null when the account could not sign in or the session is gone.</summary>
    private async Task<string?> ClaimsNowAsync(string email, string sessionId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null || await users.IsLockedOutAsync(user) || !await services.GetRequiredService<SignInManager<AppUser>>().CanSignInAsync(user))
        {
            return null;
        }
        var db = services.GetRequiredService<MarketplaceDbContext>();
        if (!await db.UserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == user.Id)) return null;
        return Fingerprint(await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user));
    }

    private static string Fingerprint(ClaimsPrincipal principal) =>
        string.Join('\n', principal.Claims.Where(c => !PerSignIn.Contains(c.Type)).Select(c => c.Type + "=" + c.Value).Order(StringComparer.Ordinal));
}
