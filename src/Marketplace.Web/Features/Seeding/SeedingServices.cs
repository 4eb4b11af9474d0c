namespace Marketplace.Web.Features.Seeding;

public static class SeedingServices
{
    public static IServiceCollection AddSeeding(this IServiceCollection services)
    {
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<DispatchDemoSeeder>();
        return services;
    }
}
