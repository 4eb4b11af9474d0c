using Microsoft.AspNetCore.Localization;

namespace Marketplace.Web.Localization;

public static class LocalizationSetup
{
    public static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IServiceCollection AddMarketplaceLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var supported = new[] { Japanese, English };
            o.DefaultRequestCulture = new RequestCulture(Japanese);
            o.SupportedCultures = supported;
            o.SupportedUICultures = supported;
            // Query string first so a shared link (?culture=en) wins, then the chosen-language cookie.
            // The browser's Accept-Language is not used: the service is Japanese unless the user picks English.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
            ];
        });
        services.AddScoped<DisplayFormatter>();
        return services;
    }

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>POST /culture sets the language cookie and returns to the page the user was on.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapPost("/culture", async (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string culture, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            var chosen = culture == "en" ? "en" : "ja-JP";
            // Mail follows the language a signed-in user last chose.
            var userId = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
            if (userId is not null)
            {
                // Only a signed-in user's choice is stored, so only then must the form prove it came from our page.
                if (!await http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().IsRequestValidAsync(http))
                {
                    return Results.BadRequest();
                }
                var db = http.RequestServices.GetRequiredService<Marketplace.Data.MarketplaceDbContext>();
                await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, culture == "en" ? "en" : "ja"));
            }
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(Marketplace.Web.Infrastructure.PageModelExtensions.SafeLocal(returnUrl));
        }).DisableAntiforgery();
        return app;
    }
}
