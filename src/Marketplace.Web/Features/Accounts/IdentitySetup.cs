using System.Security.Claims;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Accounts;

public static class IdentitySetup
{
    public const string OrganizationClaim = "mp:org";
    public const string StaffPolicy = "Staff";
    public const string NationalOfficePolicy = "NationalOffice";
    public const string ExpertPolicy = "Expert";
    public const string VendorPolicy = "Vendor";

    public static IServiceCollection AddMarketplaceIdentity(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.SignIn.RequireConfirmedEmail = true;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<MarketplaceDbContext>()
            .AddDefaultTokenProviders()
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
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireRole(Roles.Staff).RequireClaim(OrganizationClaim))
            .AddPolicy(NationalOfficePolicy, p => p.RequireRole(Roles.NationalOffice))
            .AddPolicy(ExpertPolicy, p => p.RequireRole(Roles.Expert))
            .AddPolicy(VendorPolicy, p => p.RequireRole(Roles.Vendor));
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
        return identity;
    }
}

/// <summary>Staff accounts waiting for approval (or rejected) cannot sign in, whatever their password.</summary>
public sealed class MarketplaceSignInManager(
    UserManager<AppUser> users,
    IHttpContextAccessor context,
    IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) =>
        user.Status == AccountStatus.Active && await base.CanSignInAsync(user);
}
