using Marketplace.Data;
using Marketplace.Data.Postgres;
using Marketplace.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Data;

public class MigrationTests
{
    [Fact]
    public void Migrations_Sqlite_CoverTheModel()
    {
        using var temp = new TempSqlite();
        using var db = new SqliteMarketplaceDbContext(new DbContextOptionsBuilder<SqliteMarketplaceDbContext>()
            .UseSqlite(temp.ConnectionString).Options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite model has changes without a migration: run dotnet ef migrations add for SqliteMarketplaceDbContext.");
    }

    [Fact]
    public void Migrations_Postgres_CoverTheModel()
    {
        using var db = new PostgresMarketplaceDbContext(new DbContextOptionsBuilder<PostgresMarketplaceDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=x").Options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The PostgreSQL model has changes without a migration: run dotnet ef migrations add for PostgresMarketplaceDbContext.");
    }

    [Fact]
    public void Migrations_EachProvider_OwnsItsOwnSet()
    {
        using var temp = new TempSqlite();
        using var sqlite = new SqliteMarketplaceDbContext(new DbContextOptionsBuilder<SqliteMarketplaceDbContext>().UseSqlite(temp.ConnectionString).Options);
        using var postgres = new PostgresMarketplaceDbContext(new DbContextOptionsBuilder<PostgresMarketplaceDbContext>().UseNpgsql("Host=127.0.0.1;Database=x").Options);
        Assert.Empty(sqlite.Database.GetMigrations().Intersect(postgres.Database.GetMigrations()));
    }

    [Fact]
    public async Task Migrate_SqliteTwice_IsIdempotentWithWalAndBusyTimeout()
    {
        using var temp = new TempSqlite();
        // With the app's default start-up check on: a migrate that checks the model passes.
        await using var services = BuildServices(temp.ConnectionString, checkModel: true);

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            Assert.IsType<SqliteMarketplaceDbContext>(db);
            await db.Database.MigrateAsync();
        }
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            await db.Database.MigrateAsync();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());

            await db.Database.OpenConnectionAsync();
            try
            {
                Assert.Equal("wal", (await ScalarAsync(db, "PRAGMA journal_mode;"))?.ToString(), ignoreCase: true);
                Assert.True(Convert.ToInt64(await ScalarAsync(db, "PRAGMA busy_timeout;"), System.Globalization.CultureInfo.InvariantCulture) > 0);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            Assert.Equal(0, await db.Organizations.CountAsync());
        }
        Assert.True(File.Exists(temp.DatabasePath));
    }

    [Fact]
    public async Task Migrate_WithoutInterceptor_IsNotWal_SoTheInterceptorIsWhatSetsIt()
    {
        // A control for the test above: a plain connection to a fresh file is in the default rollback journal mode.
        using var temp = new TempSqlite();
        await using var connection = new SqliteConnection(temp.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("delete", (await cmd.ExecuteScalarAsync())?.ToString(), ignoreCase: true);
    }

    [Fact]
    public async Task AddMarketplaceData_RelativeDataSource_IsUnderContentRoot()
    {
        using var temp = new TempSqlite();
        await using var services = BuildServices("Data Source=sub/relative.db", temp.Folder);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        await db.Database.MigrateAsync();
        Assert.True(File.Exists(Path.Combine(temp.Folder, "sub", "relative.db")));
        var info = services.GetRequiredService<DatabaseInfo>();
        Assert.Equal(DatabaseProvider.Sqlite, info.Provider);
    }

    [Fact]
    public async Task AddMarketplaceData_OptionsBuiltOnce_EveryContextSharesThem()
    {
        using var temp = new TempSqlite();
        await using var services = BuildServices(temp.ConnectionString);
        DbContextOptions Options()
        {
            using var scope = services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<DbContextOptions<SqliteMarketplaceDbContext>>();
        }
        Assert.Same(Options(), Options());
    }

    [Fact]
    public async Task AddMarketplaceData_Postgres_RedactsPasswordAndNeedsConnectionString()
    {
        var config = Config(("Database:Provider", "Postgres"), ("ConnectionStrings:Marketplace", "Host=127.0.0.1;Database=x;Username=u;Password=secret"));
        await using var services = new ServiceCollection().AddMarketplaceData(config, Path.GetTempPath()).BuildServiceProvider();
        var info = services.GetRequiredService<DatabaseInfo>();
        Assert.Equal(DatabaseProvider.Postgres, info.Provider);
        Assert.DoesNotContain("secret", info.DisplayConnectionString);
        await using (var scope = services.CreateAsyncScope())
        {
            Assert.IsType<PostgresMarketplaceDbContext>(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
        }

        var missing = Config(("Database:Provider", "Postgres"));
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddMarketplaceData(missing, Path.GetTempPath()));
    }

    /// <summary>
    /// The data services on a SQLite database. EF Core's start-up check of the model against the migrations' snapshot
    /// (<c>Database:CheckPendingModelChanges</c>) builds and diffs the whole model on every migrate; it is on only where
    /// a test asks (the app's default), since <see cref="Migrations_Sqlite_CoverTheModel"/> makes the same check.
    /// </summary>
    internal static ServiceProvider BuildServices(string connectionString, string? contentRoot = null, bool checkModel = false) =>
        new ServiceCollection()
            .AddMarketplaceData(Config(("Database:Provider", "Sqlite"), ("ConnectionStrings:Marketplace", connectionString),
                ("Database:CheckPendingModelChanges", checkModel ? "true" : "false")), contentRoot ?? Path.GetTempPath())
            .BuildServiceProvider();

    internal static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static async Task<object?> ScalarAsync(DbContext db, string sql)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }
}
