using Marketplace.Web.Features.Matching;
namespace Marketplace.Web.Features.Notifications;

public static class NotificationServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SiteOptions>(o =>
        {
            config.GetSection("Site").Bind(o);
            if (string.IsNullOrWhiteSpace(o.BaseUrl))
            {
                var listen = (config["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
                o.BaseUrl = listen is not null && !listen.Contains('*') && !listen.Contains("+:") && !listen.Contains("0.0.0.0") ? listen : "http://127.0.0.1:5080";
            }
        });
        services.AddScoped<Notifier>();
        services.AddScoped<NotificationPreferences>();
        services.AddScoped<Reminders>();
        services.AddScoped<OutboxAdmin>();
        services.Configure<RetentionOptions>(config.GetSection("Retention"));
        services.AddScoped<MailRetention>();
        services.AddSingleton<SentLedger>();
        services.AddSingleton<OutboxSender>();
        return services;
    }
}
