using System.Security.Claims;
using Marketplace.Web.Features.TwoFactor;
using Microsoft.AspNetCore.Authentication;
// Microsoft.AspNetCore.Mvc (a global using) has a SignInResult too; this file means Identity's.
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Accounts;

public static class IdentitySetup
{
    public const string OrganizationClaim = "mp:org";
    public const string StaffPolicy = "Staff";
    public const string NationalOfficePolicy = "NationalOffice";
    public const string ExpertPolicy = "Expert";
    public const string VendorPolicy = "Vendor";
    /// <summary>People who look for postings: experts (openings) and vendors (calls for proposals).</summary>
    public const string ExpertOrVendorPolicy = "ExpertOrVendor";

    public static IServiceCollection AddMarketplaceIdentity(this IServiceCollection services, IConfiguration config)
    {
        // The relying party (the domain passkeys are bound to): Passkeys:ServerDomain, else the request's host, which
        // AllowedHosts limits in production.
        services.Configure<IdentityPasskeyOptions>(config.GetSection("Passkeys"));
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.SignIn.RequireConfirmedEmail = true;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                // No lockout: five wrong guesses by anyone would lock the owner out. The rate limiter slows guessing.
                o.Lockout.AllowedForNewUsers = false;
                // Version 3 has AspNetUserPasskeys (WebAuthn), a second factor beside authenticator apps.
                o.Stores.SchemaVersion = MarketplaceDbContext.IdentitySchema;
                // Each authenticator code works once (RFC 6238 §5.2).
                o.Tokens.AuthenticatorTokenProvider = OneUseAuthenticatorTokenProvider.Name;
            })
            .AddEntityFrameworkStores<MarketplaceDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneUseAuthenticatorTokenProvider>(OneUseAuthenticatorTokenProvider.Name)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddSignInManager<MarketplaceSignInManager>()
            .AddClaimsPrincipalFactory<MarketplaceClaimsFactory>()
            .AddErrorDescriber<JapaneseIdentityErrorDescriber>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "mp.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS, also behind a trusted proxy (ForwardedHeaders:KnownProxies).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // Every request checks the cookie's server-side session (see SessionStore) after the security stamp.
            o.Events.OnValidatePrincipal = SessionStore.ValidatePrincipalAsync;
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // A changed security stamp (password change, second factor reset...) ends other cookies within a minute
            // even without the session check.
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = SessionStore.KeepSessionOnRefresh;
        });
        services.AddScoped<SessionStore>();

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireRole(Roles.Staff).RequireClaim(OrganizationClaim))
            .AddPolicy(NationalOfficePolicy, p => p.RequireRole(Roles.NationalOffice))
            .AddPolicy(ExpertPolicy, p => p.RequireRole(Roles.Expert))
            .AddPolicy(VendorPolicy, p => p.RequireRole(Roles.Vendor))
            .AddPolicy(ExpertOrVendorPolicy, p => p.RequireRole(Roles.Expert, Roles.Vendor));
        return services;
    }

    public static int? OrganizationId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(OrganizationClaim), out var id) ? id : null;

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}

/// <summary>Puts the staff member's government in the cookie so every page can scope by it without a query.</summary>
public sealed class MarketplaceClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.OrganizationId is { } org && user.Status == AccountStatus.Active)
        {
            identity.AddClaim(new Claim(IdentitySetup.OrganizationClaim, org.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        identity.AddClaim(new Claim("mp:name", user.DisplayName));
        // Refreshed with the security stamp (every minute at most), so a reset by the office reaches the cookie.
        if (user.TwoFactorEnabled || (await UserManager.GetPasskeysAsync(user)).Count > 0) identity.AddClaim(new Claim(TwoFactor.TwoFactorService.EnabledClaim, "1"));
        return identity;
    }
}

/// <summary>
/// Staff accounts waiting for approval (or rejected) cannot sign in, whatever their password. Each sign-in starts a
/// server-side session whose id the cookie carries; signing out ends every session of the user.
/// </summary>
public sealed class MarketplaceSignInManager(
    UserManager<AppUser> users,
    IHttpContextAccessor context,
    IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    SessionStore sessions)
    : SignInManager<AppUser>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) =>
        user.Status == AccountStatus.Active && await base.CanSignInAsync(user);

    /// <summary>A passkey is a second factor too: an account with one but no authenticator app also gets the second step.</summary>
    public override async Task<bool> IsTwoFactorEnabledAsync(AppUser user) =>
        await base.IsTwoFactorEnabledAsync(user) || (await UserManager.GetPasskeysAsync(user)).Count > 0;

    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var current = Context.User;
        // A refresh of the same user's cookie keeps its session; a new sign-in starts one.
        var sessionId = current.UserId() == user.Id && SessionStore.SessionOf(current) is { } existing
            ? existing
            : await sessions.StartAsync(user.Id, Context.Request.Headers.UserAgent.ToString());
        await base.SignInWithClaimsAsync(user, authenticationProperties, [.. additionalClaims, new Claim(SessionStore.SessionClaim, sessionId)]);
    }

    /// <summary>
    /// After the password was checked: signs in, or, when the account has a second factor and this browser is not
    /// remembered, keeps the user id in Identity's two-factor cookie and answers <see cref="SignInResult.RequiresTwoFactor"/>.
    /// </summary>
    public Task<SignInResult> SignInAfterPasswordAsync(AppUser user) => SignInOrTwoFactorAsync(user, isPersistent: false);

    /// <summary>Signs the user out here and everywhere: every session row goes and the security stamp changes.</summary>
    public async Task SignOutEverywhereAsync()
    {
        if (Context.User.UserId() is { } userId)
        {
            await sessions.EndAllAsync(userId);
            if (await UserManager.FindByIdAsync(userId) is { } user) await UserManager.UpdateSecurityStampAsync(user);
        }
        await SignOutAsync();
    }
}
