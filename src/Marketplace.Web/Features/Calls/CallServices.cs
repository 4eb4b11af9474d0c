namespace Marketplace.Web.Features.Calls;

/// <summary>The Calls feature (calls for proposals, proposals, evaluation, vendors and their contracts): its services.</summary>
public static class CallServices
{
    public static IServiceCollection AddCalls(this IServiceCollection services)
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
