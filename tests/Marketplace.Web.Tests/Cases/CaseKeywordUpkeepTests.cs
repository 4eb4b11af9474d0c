using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Matching.Text;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Cases;

/// <summary>
/// The case library's bigram keyword index kept in step: with each save through the app, and rebuilt for cases
/// written straight into the database. Each test has an app of its own, apart from <see cref="CaseSearchIndexTests"/>
/// (what a search finds), so the two run side by side.
/// </summary>
public sealed class CaseKeywordUpkeepTests
{
    [Fact]
    public async Task Keywords_FollowEachSave()
    {
        using var app = new MarketplaceFactory();
        var client = app.NewClient();
        var id = await app.WithDbAsync(db => db.Cases.Where(c => c.Status == CaseStatus.Published).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        await app.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == id);
            c.SearchText = JapaneseText.Normalize("索引更新テスト " + c.SearchText);
            return await db.SaveChangesAsync();
        });
        Assert.Equal([id], await CaseSearchIndexTests.SearchAsync(client, "索引更新"));

        await app.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == id);
            c.SearchText = c.SearchText.Replace("索引更新テスト", "", StringComparison.Ordinal);
            return await db.SaveChangesAsync();
        });
        Assert.Empty(await CaseSearchIndexTests.SearchAsync(client, "索引更新"));
    }

    [Fact]
    public async Task KeywordTable_IsRebuiltForCasesWrittenAroundTheApp()
    {
        using var app = new MarketplaceFactory();
        if (app.Provider != DatabaseProvider.Sqlite) return;
        // As scripts/seed-many-cases.py does: rows inserted straight into the database, none into the keyword table.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"" + KeywordIndex.SqliteCaseTable + "\""));
        var client = app.NewClient();
        Assert.Empty(await CaseSearchIndexTests.SearchAsync(client, "救急"));

        await app.WithDbAsync(async db =>
        {
            await db.EnsureKeywordIndexAsync();
            return 0;
        });
        Assert.Equal(await CaseSearchIndexTests.ExpectedAsync(app, "救急"), await CaseSearchIndexTests.SearchAsync(client, "救急"));
        Assert.NotEmpty(await CaseSearchIndexTests.SearchAsync(client, "救急"));
    }
}
