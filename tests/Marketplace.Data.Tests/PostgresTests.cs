using Marketplace.Data.Entities;
using Marketplace.Data.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Data.Tests;

/// <summary>A fresh database on the test PostgreSQL server (MARKETPLACE_TEST_POSTGRES), dropped afterwards.</summary>
public sealed class TempPostgres : IDisposable
{
    public static string? Admin => Environment.GetEnvironmentVariable("MARKETPLACE_TEST_POSTGRES") is { Length: > 0 } s ? s : null;
    public string ConnectionString { get; }
    private readonly string _name = "mp_data_" + Guid.NewGuid().ToString("N")[..16];

    public TempPostgres()
    {
        Execute($"CREATE DATABASE \"{_name}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(Admin) { Database = _name }.ConnectionString;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static void Execute(string sql)
    {
        using var conn = new NpgsqlConnection(Admin);
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }
}

public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TempPostgres.Admin is null) Skip = "PostgreSQL is not configured for tests: set MARKETPLACE_TEST_POSTGRES (.ci/run starts a throwaway server and sets it).";
    }
}

[Trait("Category", "Slow")]
public class PostgresTests
{
    private static ServiceProvider Services(TempPostgres pg) =>
        new ServiceCollection()
            .AddMarketplaceData(MigrationTests.Config(("Database:Provider", "Postgres"), ("ConnectionStrings:Marketplace", pg.ConnectionString)), Path.GetTempPath())
            .BuildServiceProvider();

    [PostgresFact]
    public async Task Migrate_RealServer_AppliesEveryMigrationWithTrigramIndex()
    {
        using var pg = new TempPostgres();
        await using var services = Services(pg);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        Assert.IsType<PostgresMarketplaceDbContext>(db);
        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var index = await db.Database.SqlQueryRaw<string>(
            "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname = 'IX_Openings_SearchText'").SingleAsync();
        Assert.Contains("gin_trgm_ops", index);
    }

    [PostgresFact]
    public async Task SaveChanges_StaleOpeningOnPostgres_RefusedByXmin()
    {
        using var pg = new TempPostgres();
        await using var services = Services(pg);
        int id;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            await db.Database.MigrateAsync();
            id = (await ConcurrencyTests.SeedOpeningAsync(db)).Id;
        }

        await using var scopeA = services.CreateAsyncScope();
        await using var scopeB = services.CreateAsyncScope();
        var a = scopeA.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var b = scopeB.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var openingA = await a.Openings.SingleAsync(o => o.Id == id);
        var openingB = await b.Openings.SingleAsync(o => o.Id == id);
        var tokenBefore = a.ConcurrencyTokenOf(openingA);

        openingA.Title = "Aの変更";
        await a.SaveChangesAsync();
        Assert.NotEqual(tokenBefore, a.ConcurrencyTokenOf(openingA));

        openingB.Title = "Bの変更";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => b.SaveChangesAsync());

        // A write that bypasses the app also changes xmin, so a stale copy is still refused.
        await using var scopeC = services.CreateAsyncScope();
        var c = scopeC.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var openingC = await c.Openings.SingleAsync(o => o.Id == id);
        await a.Database.ExecuteSqlRawAsync("UPDATE \"Openings\" SET \"Rank\" = '課長級' WHERE \"Id\" = {0}", id);
        openingC.Title = "Cの変更";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => c.SaveChangesAsync());
    }

    [PostgresFact]
    public async Task ExpectConcurrencyToken_TokenFromAnEarlierPage_Refused()
    {
        using var pg = new TempPostgres();
        await using var services = Services(pg);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        await db.Database.MigrateAsync();
        var opening = await ConcurrencyTests.SeedOpeningAsync(db);
        var pageToken = db.ConcurrencyTokenOf(opening);
        opening.Title = "別の人の保存";
        await db.SaveChangesAsync();

        db.ExpectConcurrencyToken(opening, pageToken);
        opening.Title = "古いページからの保存";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
    }
}
