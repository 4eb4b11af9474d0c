using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

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
        // Each host gets its own storage object. Hangfire's UseXxxStorage would set a process-wide
        // JobStorage.Current, and two hosts in one process (tests, tools) would then share or swap storages.
        services.AddSingleton<JobStorage>(_ => provider == DatabaseProvider.Postgres
            ? new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString!, PostgresOptions), PostgresOptions)
            : new Hangfire.InMemory.InMemoryStorage());
        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        if (config.GetValue("Jobs:Server", true))
        {
            services.AddHangfireServer((sp, o) =>
            {
                // Jobs are built from this host's services, not from Hangfire's process-wide activator.
                o.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
                o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            });
        }
        return services;
    }

    private static readonly PostgreSqlStorageOptions PostgresOptions = new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = TimeSpan.FromSeconds(1),
    };

    /// <summary>
    /// The Hangfire dashboard, for national-office accounts only and read-only: the recurring schedules are set by
    /// the code (<see cref="JobSchedules"/>) and nobody deletes or fires them from a browser. Hangfire has no
    /// Japanese, so the whole dashboard runs in English (labels, dates and relative times alike, lang="en")
    /// rather than English labels mixed with Japanese dates.
    /// </summary>
    public static IEndpointRouteBuilder MapMarketplaceJobs(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new NationalOfficeDashboardFilter()],
            IsReadOnlyFunc = _ => true,
            DashboardTitle = "Marketplace jobs",
            AppPath = "/",
        }, app.ServiceProvider.GetRequiredService<JobStorage>())
            .RequireAuthorization(IdentitySetup.NationalOfficePolicy)
            .Add(endpoint =>
            {
                var next = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = context =>
                {
                    CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = DashboardCulture;
                    return next(context);
                };
            });
        return app;
    }

    private static readonly CultureInfo DashboardCulture = CultureInfo.GetCultureInfo("en");

    /// <summary>
    /// Hangfire keeps its log provider in a static; after this host stops, another host in the same process
    /// (tests, tools) must not crash on the disposed logger factory, so logging then falls silent.
    /// </summary>
    private sealed class HostLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
    {
        private readonly Hangfire.AspNetCore.AspNetCoreLogProvider _inner = new(factory);

        public Hangfire.Logging.ILog GetLogger(string name)
        {
            try
            {
                return _inner.GetLogger(name);
            }
            catch (ObjectDisposedException)
            {
                return SilentLog.Instance;
            }
        }
    }

    private sealed class SilentLog : Hangfire.Logging.ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }

    private sealed class NationalOfficeDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.NationalOffice);
    }
}
