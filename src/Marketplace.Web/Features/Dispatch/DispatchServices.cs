namespace Marketplace.Web.Features.Dispatch;

public static class DispatchServices
{
    public static IServiceCollection AddDispatch(this IServiceCollection services)
    {
        services.AddScoped<RoundService>();
        services.AddScoped<CertificationService>();
        services.AddScoped<ReadinessService>();
        services.AddScoped<RequestService>();
        services.AddScoped<DispatchMatchingService>();
        services.AddScoped<DispatchService>();
        services.AddScoped<IncentiveService>();
        services.AddScoped<DispatchDashboard>();
        services.AddScoped<DispatchNotifications>();
        return services;
    }
}
