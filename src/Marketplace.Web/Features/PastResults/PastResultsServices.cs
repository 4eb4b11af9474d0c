namespace Marketplace.Web.Features.PastResults;

public static class PastResultsServices
{
    public static IServiceCollection AddPastResults(this IServiceCollection services)
    {
        services.AddScoped<PastResultService>();
        services.AddScoped<PastResultDisplay>();
        return services;
    }
}
