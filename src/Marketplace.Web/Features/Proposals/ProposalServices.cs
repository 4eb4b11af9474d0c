namespace Marketplace.Web.Features.Proposals;

public static class ProposalServices
{
    public static IServiceCollection AddProposals(this IServiceCollection services)
    {
        services.AddScoped<CallService>();
        services.AddScoped<CallDisplay>();
        services.AddScoped<VendorService>();
        services.AddScoped<VendorContractService>();
        services.AddScoped<ProposalService>();
        services.AddScoped<EvaluationService>();
        services.AddScoped<ProposalNotifications>();
        return services;
    }
}
