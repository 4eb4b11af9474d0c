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
            doc.Info.Description = "Published openings with pay made comparable as a day rate (48 working weeks, 7.75-hour days, 10% consumption tax taken out of tax-included contracts).";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapOpenData(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(o => o.WithTitle("CIO talent marketplace API"));
        return app;
    }
}
