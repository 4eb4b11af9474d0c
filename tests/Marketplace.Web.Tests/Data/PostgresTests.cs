using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Data.Postgres;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Data;

/// <summary>A fresh database on the test PostgreSQL server (MARKETPLACE_TEST_POSTGRES), dropped afterwards.</summary>
public sealed class TempPostgres : IDisposable
{
    public string ConnectionString { get; } = TestDatabases.CreatePostgresDatabase();

    public void Dispose() => TestDatabases.DropPostgresDatabase(ConnectionString);
}

/// <summary>The data layer on a real PostgreSQL server (each test is a <see cref="PostgresFactAttribute"/>: Slow).</summary>
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
