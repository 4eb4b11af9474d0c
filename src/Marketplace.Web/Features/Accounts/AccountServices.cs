namespace Marketplace.Web.Features.Accounts;

public static class AccountServices
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddScoped<AccountService>();
        services.AddScoped<CredentialService>();
        services.AddSingleton<UnknownAddressHash>();
        return services;
    }
}
