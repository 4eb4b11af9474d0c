namespace Marketplace.Web.Features.Openings;

public static class OpeningServices
{
    public static IServiceCollection AddOpenings(this IServiceCollection services)
    {
        services.AddScoped<OpeningService>();
        services.AddScoped<OpeningAttachments>();
        services.AddScoped<OpeningSearch>();
        services.AddSingleton<KeywordMatchCache>();
        services.AddSingleton<OpeningSearchSnapshots>();
        services.AddHostedService<OpeningSearchWarmup>();
        services.AddScoped<OpeningDisplay>();
        services.AddScoped<OpeningDeadlines>();
        return services;
    }
}
