namespace Marketplace.Web.Features.Matching;

public static class MatchingServices
{
    public static IServiceCollection AddMatching(this IServiceCollection services)
    {
        services.AddScoped<MatchingService>();
        services.AddOptions<MatchingSpreadSettings>().BindConfiguration("Matching:Spread");
        services.AddScoped<MatchingTraining>();
        services.AddScoped<TrainingDisplay>();
        services.AddSingleton<RankerCache>();
        services.AddOptions<ExpertIndexOptions>();
        services.AddSingleton<ExpertIndexHost>();
        services.AddHostedService<ExpertIndexPoller>();
        services.AddScoped<InvitationService>();
        services.AddScoped<RecommendationDigest>();
        return services;
    }
}
