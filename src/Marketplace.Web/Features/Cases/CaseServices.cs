namespace Marketplace.Web.Features.Cases;

public static class CaseServices
{
    /// <summary>The case library: cases, their search, outcomes of dispatches turned into cases, and advice requests.</summary>
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddSingleton<CaseMarkdown>();
        services.AddScoped<CaseSearch>();
        services.AddSingleton<RelatedCaseIndex>();
        services.AddScoped<CaseService>();
        services.AddScoped<CaseNotifications>();
        services.AddScoped<AdviceService>();
        services.AddScoped<CaseDemoSeeder>();
        services.AddScoped<CaseOutcomes>();
        services.AddScoped<TrackRecordService>();
        return services;
    }
}
