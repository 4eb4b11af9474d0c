using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace Marketplace.Web.Features.PublicCache;

/// <summary>
/// Caches a page only for anonymous GET/HEAD requests carrying no one-off message (TempData), varies it by every
/// query key, the UI language and the public-content version, and stores only plain 200 answers that set no cookie.
/// </summary>
public sealed class PublicPagePolicy(bool enabled) : IOutputCachePolicy
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var cacheable = enabled
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && http.User.Identity?.IsAuthenticated != true
            && !request.Cookies.ContainsKey(TempDataCookie)
            && !request.Headers.Authorization.Any();
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (!cacheable) return;

        var version = await http.RequestServices.GetRequiredService<PublicContentVersion>().CurrentAsync(cancellation);
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        context.CacheVaryByRules.VaryByValues["version"] = version.ToString(CultureInfo.InvariantCulture);
        // What is still open depends on the date in Japan: a new day is a new page.
        var today = DisplayFormatter.TodayInJapan(http.RequestServices.GetRequiredService<TimeProvider>());
        context.CacheVaryByRules.VaryByValues["day"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        context.Tags.Add(PublicCacheSetup.Tag);
        context.ResponseExpirationTimeSpan = Lifetime;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // A page that sets a cookie (antiforgery, TempData, sign-in) belongs to one visitor only.
        if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
