using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Marketplace.Web.Features.Observability;

/// <summary>
/// Metrics and traces through OpenTelemetry. Metrics (requests, outbox backlog, job runs, expert index freshness) are
/// scraped by Prometheus from <see cref="MetricsPath"/>, which only national-office accounts and a scraper holding the
/// configured bearer token (<see cref="ScrapeToken"/>) may read. Traces (requests
/// and EF Core commands) are exported over OTLP only when <c>OpenTelemetry:OtlpEndpoint</c> is set; otherwise no tracer
/// is registered and nothing is recorded.
/// </summary>
public static class ObservabilitySetup
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<MarketplaceMetrics>();
        services.AddSingleton<JobMetricsFilter>();
        // Hangfire's performer takes its filters from this provider: the global ones plus this host's job counter
        // (not Hangfire's process-wide GlobalJobFilters, so two hosts in one process each count their own runs).
        services.Replace(ServiceDescriptor.Singleton<IJobFilterProvider>(sp =>
            new JobFilterProviderCollection { JobFilterProviders.Providers, new JobFilterCollection { sp.GetRequiredService<JobMetricsFilter>() } }));

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("marketplace-web"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter(MarketplaceMetrics.MeterNameIn(config))
                .AddPrometheusExporter());
        var otlp = config["OpenTelemetry:OtlpEndpoint"];
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath))
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }
        return services;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, for national-office accounts and for a scraper that sends
    /// <c>Authorization: Bearer</c> with the token configured as <see cref="ScrapeToken.ConfigKey"/> (none: office only).
    /// </summary>
    public static IEndpointRouteBuilder MapObservability(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(policy => policy.RequireAssertion(context =>
            context.User.IsInRole(Roles.NationalOffice) || (context.Resource is HttpContext http && ScrapeToken.Presented(http))));
        return app;
    }
}
