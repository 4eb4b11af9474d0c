using Scalar.AspNetCore;

namespace Marketplace.Web.Features.OpenData;

/// <summary>The public API described as OpenAPI (/openapi/v1.json) with an interactive reference (/scalar/v1).</summary>
public static class OpenDataServices
{
    public static IServiceCollection AddOpenData(this IServiceCollection services)
    {
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "自治体CIO人材マーケットプレイス 公開API / CIO talent marketplace public API";
            doc.Info.Description = "Published openings and calls for proposals (also past results recorded after the fact), OCDS 1.1 release packages of calls, with pay made comparable as a day rate (48 working weeks, 7.75-hour days, 10% consumption tax taken out of tax-included contracts).";
            return Task.CompletedTask;
        }));
        services.AddScoped<OcdsReleases>();
        return services;
    }

    private const string OcdsContentType = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapOpenData(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        var ocds = app.MapGroup("/api/ocds").WithTags("Open contracting (OCDS)").CacheForAnonymous();
        ocds.MapGet("/calls/{id:int}", async (int id, OcdsReleases releases, CancellationToken ct) =>
            await releases.PackageForCallAsync(id, ct) is { } package ? Results.Json(package, contentType: OcdsContentType) : Results.NotFound())
            .WithName("GetCallOcds")
            .WithSummary("OCDS 1.1 release package of one call: tender (value, periods, roles as items, documents, corrections as amendments) and award with the supplier.");
        ocds.MapGet("/releases", async (string? page, OcdsReleases releases, CancellationToken ct) =>
            Results.Json(await releases.PageAsync(Paging.PageNumber(page), ct), contentType: OcdsContentType))
            .WithName("ListOcdsReleases")
            .WithSummary($"Every public call's OCDS release, oldest first, in release packages of {OcdsReleases.PageSize}; links.next names the next page.");
        app.MapScalarApiReference(o => o.WithTitle("CIO talent marketplace API"));
        return app;
    }
}
