namespace Marketplace.Web.Features.Seeding;

public static class DatabaseInitializer
{
    /// <summary>
    /// Whether demo accounts (with their published password) are seeded: only when <c>Seed:Demo</c> is true, which
    /// appsettings.Development.json (the README's <c>dotnet run</c>) sets. Never in Production.
    /// </summary>
    public static bool SeedsDemo(this WebApplication app) => app.Configuration.GetValue("Seed:Demo", false);

    /// <summary>Refuses to start a Production service that would create accounts with a published password.</summary>
    public static void RefuseDemoInProduction(this WebApplication app)
    {
        if (app.SeedsDemo() && app.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                "Seed:Demo is true in the Production environment: the demo accounts have a published password. " +
                "Set Seed__Demo=false for production, or run a demo with another environment (e.g. ASPNETCORE_ENVIRONMENT=Demo).");
        }
    }

    /// <summary>Applies migrations, seeds reference data, and demo data when <c>Seed:Demo</c> is true (never in Production).</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        app.RefuseDemoInProduction();
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Marketplace.Startup");
        var db = sp.GetRequiredService<MarketplaceDbContext>();
        var info = sp.GetRequiredService<DatabaseInfo>();
        log.LogInformation("Database: {Provider} {Connection}", info.Provider, info.DisplayConnectionString);

        // Instances starting together take turns, so migrations and seeding run once.
        await using var startupLock = info.Provider == DatabaseProvider.Postgres
            ? await PostgresStartupLock.AcquireAsync(app.Configuration.GetConnectionString("Marketplace")!)
            : null;
        await db.Database.MigrateAsync();
        await db.EnsureKeywordIndexAsync();
        await sp.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
        if (app.SeedsDemo())
        {
            var created = await sp.GetRequiredService<DemoDataSeeder>().SeedAsync();
            if (created) log.LogInformation("Demo data seeded.");
        }
        await db.RefreshPlannerStatisticsAsync();
    }

    /// <summary>A session-level advisory lock held on its own connection for as long as startup runs.</summary>
    private sealed class PostgresStartupLock : IAsyncDisposable
    {
        private const long Key = 0x4D504B5453545254; // "MPKTSTRT"
        private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(10);
        private readonly Npgsql.NpgsqlConnection _connection;

        private PostgresStartupLock(Npgsql.NpgsqlConnection connection) => _connection = connection;

        public static async Task<PostgresStartupLock> AcquireAsync(string connectionString)
        {
            var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            // Waiting is the point: the other instance's migrations and seeding may take longer than a command's usual 30 s
            // (a large migration, a busy machine), so the wait has its own bound.
            await using var cmd = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = (int)WaitLimit.TotalSeconds };
            await cmd.ExecuteNonQueryAsync();
            return new PostgresStartupLock(connection);
        }

        public async ValueTask DisposeAsync()
        {
            // Unlock explicitly: a pooled connection's session outlives Dispose.
            await using (var cmd = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection))
            {
                await cmd.ExecuteNonQueryAsync();
            }
            await _connection.DisposeAsync();
        }
    }

    /// <summary>Prints where the service listens and the demo sign-ins, once it has started.</summary>
    public static void PrintWelcome(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            var lines = new List<string>
            {
                "",
                "  自治体CIO人材マーケットプレイス / CIO talent marketplace",
                $"  URL: {urls}",
            };
            if (app.SeedsDemo())
            {
                lines.Add($"  デモ用サインイン / demo sign-ins (password: {DemoDataSeeder.Password})");
                lines.Add($"  認証アプリの鍵 / authenticator key (office, staff): {DemoDataSeeder.AuthenticatorKey}  (oathtool --totp -b {DemoDataSeeder.AuthenticatorKey})");
                lines.AddRange(DemoDataSeeder.SignIns.Select(s => $"    {s.Role,-15} {s.Email}"));
            }
            lines.Add("");
            Console.WriteLine(string.Join(Environment.NewLine, lines));
        });
    }
}
