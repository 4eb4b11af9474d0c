using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Accounts;

namespace Marketplace.Web.Jobs;

public static class JobsSetup
{
    public const string DashboardPath = "/admin/jobs";

    /// <summary>
    /// Hangfire with in-memory storage on the embedded SQLite default (one instance) and PostgreSQL storage
    /// when PostgreSQL is configured, so that with several instances each job runs once. The processing
    /// server runs unless <c>Jobs:Server</c> is false (tests that do not need it turn it off).
    /// </summary>
    public static IServiceCollection AddMarketplaceJobs(this IServiceCollection services, IConfiguration config)
    {
        var provider = DataServiceCollectionExtensions.ResolveProvider(config);
        var connectionString = config.GetConnectionString("Marketplace");
        services.AddHangfire(c =>
        {
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (provider == DatabaseProvider.Postgres)
            {
                c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                });
            }
            else
            {
                c.UseInMemoryStorage();
            }
        });
        if (config.GetValue("Jobs:Server", true))
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            });
        }
        return services;
    }

    /// <summary>The Hangfire dashboard, for national-office accounts only.</summary>
    public static IEndpointRouteBuilder MapMarketplaceJobs(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new NationalOfficeDashboardFilter()],
            DashboardTitle = "Marketplace jobs",
            AppPath = "/",
        }).RequireAuthorization(IdentitySetup.NationalOfficePolicy);
        return app;
    }

    private sealed class NationalOfficeDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.NationalOffice);
    }
}
