namespace Marketplace.Web.Features.PayBenchmark;

public static class PayBenchmarkServices
{
    public static IServiceCollection AddPayBenchmark(this IServiceCollection services)
    {
        services.AddSingleton<PayBenchmarkService>();
        services.AddScoped<PayBenchmarkDisplay>();
        return services;
    }
}
