namespace Marketplace.Web.Features.Organizations;

public static class OrganizationServices
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services)
    {
        services.AddScoped<OrganizationService>();
        return services;
    }
}
