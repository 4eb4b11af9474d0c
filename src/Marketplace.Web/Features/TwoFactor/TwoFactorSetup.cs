using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Features.TwoFactor;

public static class TwoFactorSetup
{
    public const string EnablePath = "/account/two-factor/enable";
    public const string SignInPath = "/account/two-factor/sign-in";
    public const string AddPasskeyPath = "/account/two-factor/passkeys/add";

    public static IServiceCollection AddTwoFactor(this IServiceCollection services)
    {
        services.AddScoped<TwoFactorService>();
        services.AddScoped<PasskeyService>();
        // "Remember this browser" on the second step: a 30-day cookie that a changed security stamp (reset,
        // password change) invalidates.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>Runs after authentication: office and staff without a second factor reach nothing private.</summary>
    public static IApplicationBuilder UseRequiredTwoFactor(this IApplicationBuilder app) => app.UseMiddleware<RequireTwoFactorMiddleware>();
}

/// <summary>
/// A signed-in national-office or local-government staff account without a second factor is sent to the enable page
/// from every page but sign-out, the second-factor pages, help, errors, the language switch and static files; the
/// JSON API answers 403 problem details. Experts and vendors may add a second factor but need not.
/// </summary>
public sealed class RequireTwoFactorMiddleware(RequestDelegate next, IWebHostEnvironment env)
{
    private static readonly string[] ExemptPrefixes = ["/account/two-factor", "/account/logout", "/account/access-denied", "/help", "/error", "/culture", "/health"];

    /// <summary>The top-level names in wwwroot (css, favicon.ico...): static files are never private.</summary>
    private readonly string[] _staticPrefixes = env.WebRootFileProvider.GetDirectoryContents("/").Select(f => "/" + f.Name).ToArray();

    public async Task InvokeAsync(HttpContext context, IStringLocalizer<SharedResource> t)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || !TwoFactorService.IsRequiredFor(user) || TwoFactorService.HasSecondFactor(user) || IsExempt(context.Request.Path))
        {
            await next(context);
            return;
        }
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: t["TwoFactor_Required_Title"], detail: t["TwoFactor_Required_Api", TwoFactorSetup.EnablePath])
                .ExecuteAsync(context);
            return;
        }
        var back = HttpMethods.IsGet(context.Request.Method) ? context.Request.Path + context.Request.QueryString : "/dashboard";
        context.Response.Redirect($"{TwoFactorSetup.EnablePath}?returnUrl={Uri.EscapeDataString(back)}");
    }

    private bool IsExempt(PathString path) =>
        ExemptPrefixes.Any(p => path.StartsWithSegments(p)) || _staticPrefixes.Any(p => path.StartsWithSegments(p));
}
