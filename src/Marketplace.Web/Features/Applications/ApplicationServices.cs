namespace Marketplace.Web.Features.Applications;

public static class ApplicationServices
{
    public static IServiceCollection AddApplications(this IServiceCollection services)
    {
        services.AddScoped<ApplicationService>();
        services.AddScoped<ConflictOfInterest>();
        services.AddScoped<ApplicationNotifications>();
        return services;
    }
}
