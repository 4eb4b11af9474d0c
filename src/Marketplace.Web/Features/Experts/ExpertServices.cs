namespace Marketplace.Web.Features.Experts;

public static class ExpertServices
{
    public static IServiceCollection AddExperts(this IServiceCollection services)
    {
        services.AddScoped<ExpertProfileService>();
        services.AddScoped<AccountDeletion>();
        services.AddScoped<PersonalDataExport>();
        services.AddScoped<ProfileDisplay>();
        return services;
    }
}
