using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Data;

public class ConcurrencyTests
{
    [Fact]
    public async Task SaveChanges_StaleOpening_ThrowsConcurrencyException()
    {
        using var temp = new TempSqlite();
        await using var services = MigrationTests.BuildServices(temp.ConnectionString);
        int openingId;
        Guid firstVersion;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            await db.Database.MigrateAsync();
            var opening = await SeedOpeningAsync(db);
            openingId = opening.Id;
            firstVersion = opening.Version;
        }
        Assert.NotEqual(Guid.Empty, firstVersion);

        await using var scopeA = services.CreateAsyncScope();
        await using var scopeB = services.CreateAsyncScope();
        var a = scopeA.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var b = scopeB.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var openingA = await a.Openings.SingleAsync(o => o.Id == openingId);
        var openingB = await b.Openings.SingleAsync(o => o.Id == openingId);

        openingA.Title = "Aの変更";
        await a.SaveChangesAsync();
        Assert.NotEqual(firstVersion, openingA.Version);

        openingB.Title = "Bの変更";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => b.SaveChangesAsync());

        await using var check = services.CreateAsyncScope();
        var title = await check.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Openings
            .Where(o => o.Id == openingId).Select(o => o.Title).SingleAsync();
        Assert.Equal("Aの変更", title);
    }

    [Fact]
    public async Task SaveChanges_SyncPath_AlsoStampsVersion()
    {
        using var temp = new TempSqlite();
        await using var services = MigrationTests.BuildServices(temp.ConnectionString);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        await db.Database.MigrateAsync();
        var opening = await SeedOpeningAsync(db);
        var before = opening.Version;

        opening.Title = "同期保存";
        db.SaveChanges();
        Assert.NotEqual(before, opening.Version);
        Assert.NotEqual(Guid.Empty, opening.Version);
    }

    [Fact]
    public async Task SaveChanges_SequentialEditsWithFreshCopies_Succeed()
    {
        using var temp = new TempSqlite();
        await using var services = MigrationTests.BuildServices(temp.ConnectionString);
        int id;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            await db.Database.MigrateAsync();
            id = (await SeedOpeningAsync(db)).Id;
        }
        foreach (var title in new[] { "一回目", "二回目" })
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var opening = await db.Openings.SingleAsync(o => o.Id == id);
            opening.Title = title;
            // The opening itself, plus the change stamps that the public cache and the expert index read.
            Assert.True(await db.SaveChangesAsync() >= 1);
        }
    }

    internal static async Task<Opening> SeedOpeningAsync(MarketplaceDbContext db)
    {
        db.Prefectures.Add(new Prefecture { Code = "38", NameJa = "愛媛県", NameEn = "Ehime", Latitude = 33.8, Longitude = 132.8 });
        var org = new Organization { Code = "382078", PrefectureCode = "38", Kind = OrganizationKind.City, NameJa = "大洲市", NameEn = "Ozu City", CreatedAt = DateTime.UtcNow };
        db.Organizations.Add(org);
        var opening = new Opening
        {
            Organization = org,
            RoleCode = "cio_advisor",
            EngagementCode = "outsourced",
            Title = "CIO補佐官",
            Description = "説明",
            SearchText = "cio補佐官",
            ApplicationDeadline = new DateOnly(2030, 1, 31),
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        db.Openings.Add(opening);
        await db.SaveChangesAsync();
        return opening;
    }
}
