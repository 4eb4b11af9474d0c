using System.Data.Common;
using Marketplace.Data.Postgres;
using Marketplace.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MarketplaceDbContext"/> for the provider named by <c>Database:Provider</c>
    /// (default Sqlite) with <c>ConnectionStrings:Marketplace</c>. With no connection string, SQLite
    /// uses <c>data/marketplace.db</c> under <paramref name="contentRoot"/>.
    /// </summary>
    public static IServiceCollection AddMarketplaceData(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var provider = ResolveProvider(config);
        // The model's Identity tables (passkeys included) follow this option; see MarketplaceDbContext.IdentitySchema.
        services.Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = MarketplaceDbContext.IdentitySchema);
        var connectionString = config.GetConnectionString("Marketplace");
        var checkModel = config.GetValue("Database:CheckPendingModelChanges", true);
        // What both providers share: the start-up model check (see CheckModel) and the interceptors registered as
        // services (tests use one to inject database faults), after the provider's own. The options are built once
        // (optionsLifetime Singleton), not for every context: nothing in them depends on the request and the
        // interceptors are singletons, so `sp` may be the root provider. A profile of the web tests showed building
        // them for each request's context at 2% of the CPU; the web quick tests, four alternating pairs on one build,
        // took 59-65 s of CPU with them built once against 60-74 s.
        DbContextOptionsBuilder Common(DbContextOptionsBuilder o, IServiceProvider sp) => o
            .ConfigureWarnings(w => CheckModel(w, checkModel))
            .AddInterceptors(sp.GetServices<IInterceptor>());
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Marketplace is not set.");
                }
                services.AddDbContext<MarketplaceDbContext, PostgresMarketplaceDbContext>((sp, o) => Common(o.UseNpgsql(connectionString), sp),
                    optionsLifetime: ServiceLifetime.Singleton);
                break;
            default:
                connectionString = SqliteConnectionString(connectionString, contentRoot);
                services.AddDbContext<MarketplaceDbContext, SqliteMarketplaceDbContext>((sp, o) =>
                    Common(o.UseSqlite(connectionString).AddInterceptors(SqlitePragmaInterceptor.Instance), sp),
                    optionsLifetime: ServiceLifetime.Singleton);
                break;
        }
        services.AddSingleton(new DatabaseInfo(provider, RedactPassword(connectionString!)));
        return services;
    }

    /// <summary>
    /// Whether migrating at start-up first compares the model with the migrations' snapshot and refuses to start on a
    /// difference (EF Core's default: a model change without its migration). The comparison builds and diffs the whole
    /// model, about a third of a start's CPU time; the test suite, which starts dozens of apps, turns it off with
    /// <c>Database:CheckPendingModelChanges=false</c> and checks the same thing once per provider (MigrationTests).
    /// </summary>
    private static void CheckModel(WarningsConfigurationBuilder warnings, bool check)
    {
        if (!check) warnings.Ignore(RelationalEventId.PendingModelChangesWarning);
    }

    public static DatabaseProvider ResolveProvider(IConfiguration config)
    {
        var value = config["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value) || value.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Sqlite;
        }
        if (value.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || value.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Postgres;
        }
        throw new InvalidOperationException($"Database:Provider '{value}' is not supported; use Sqlite or Postgres.");
    }

    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? "");
        if (string.IsNullOrEmpty(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, "data", "marketplace.db");
        }
        else if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }
        if (builder.DataSource != ":memory:")
        {
            // The database holds personal data and the Data Protection keys: owner-only when the service creates it
            // (SQLite gives its -wal and -shm files the database file's mode).
            OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(builder.DataSource)!);
            if (OwnerOnlyFiles.CreateFile(builder.DataSource))
            {
                // An empty file is not yet a database: EF Core's existence check opens it read-only, where switching
                // to WAL fails. Writing the header (in WAL mode) makes it an empty database.
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = builder.DataSource, Pooling = false }.ToString());
                connection.Open();
                using var wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                wal.ExecuteNonQuery();
            }
        }
        // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout; 30 s is generous for one machine.
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    private static string RedactPassword(string connectionString)
    {
        try
        {
            var b = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in new[] { "Password", "Pwd" })
            {
                if (b.ContainsKey(key)) b[key] = "***";
            }
            return b.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparsed)";
        }
    }
}

public sealed record DatabaseInfo(DatabaseProvider Provider, string DisplayConnectionString);

/// <summary>
/// WAL lets readers go on while one writer writes; busy_timeout makes a writer wait instead of failing. Each connection
/// also learns the keyword match-set function (<see cref="Sqlite.KeywordMatchSets"/>).
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static readonly SqlitePragmaInterceptor Instance = new();
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        Sqlite.KeywordMatchSets.Register((SqliteConnection)connection);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Sqlite.KeywordMatchSets.Register((SqliteConnection)connection);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
