using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Marketplace.Web.Features.Security;

/// <summary>
/// Transport and browser protections: forwarded headers from known proxies only, no Server header, and the
/// security headers (CSP, HSTS, Permissions-Policy...) on every response, redirects and error pages included.
/// </summary>
public static class SecuritySetup
{
    /// <summary>No inline script or style anywhere: every page's script and style come from /css and /js.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), " +
        "microphone=(), midi=(), payment=(), usb=(), xr-spatial-tracking=()";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Only the scheme and client address, and only from the proxies the operator names: a client cannot
            // claim HTTPS or another address by sending the headers itself. The host is never taken from them.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in KnownProxies(config))
            {
                if (entry.Contains('/')) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                else o.KnownProxies.Add(IPAddress.Parse(entry));
            }
            o.ForwardLimit = Math.Max(1, o.KnownProxies.Count + o.KnownIPNetworks.Count);
        });
        services.AddMarketplaceThrottling(config);
        services.AddScoped<AuditLog>();
        return services;
    }

    /// <summary><c>ForwardedHeaders:KnownProxies</c>: addresses or CIDR networks of the reverse proxies, separated by commas.</summary>
    public static string[] KnownProxies(IConfiguration config) =>
        (config["ForwardedHeaders:KnownProxies"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>First in the pipeline, so that whatever answers (a page, a redirect from sign-in, an error page) carries the headers.</summary>
    public static WebApplication UseMarketplaceSecurity(this WebApplication app)
    {
        var hsts = !app.Environment.IsDevelopment();
        var proxies = KnownProxies(app.Configuration).Length > 0;
        if (proxies) app.UseForwardedHeaders();
        app.Use((ctx, next) =>
        {
            ctx.Response.OnStarting(() =>
            {
                var h = ctx.Response.Headers;
                h["X-Content-Type-Options"] = "nosniff";
                h["X-Frame-Options"] = "DENY";
                h["Referrer-Policy"] = "same-origin";
                h["Permissions-Policy"] = PermissionsPolicy;
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                // The Hangfire dashboard (national office only) writes its own inline script.
                if (!ctx.Request.Path.StartsWithSegments("/admin/jobs")) h.ContentSecurityPolicy = ContentSecurityPolicy;
                if (hsts && ctx.Request.IsHttps) h.StrictTransportSecurity = StrictTransportSecurity;
                h.Remove("Server");
                return Task.CompletedTask;
            });
            return next(ctx);
        });
        return app;
    }
}
