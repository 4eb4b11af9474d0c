using System.Text.Json;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Matching.Text;
using Marketplace.Web.Localization;
using Marketplace.Web.Tests.Infrastructure;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Openings;

/// <summary>
/// The bigram keyword index: the same postings as a plain substring test over the normalised text, on SQLite and on
/// PostgreSQL alike, kept in step with each save; and the capped count.
/// </summary>
public class SearchIndexTests
{
    private static readonly string[] Queries =
    [
        "補佐", "補佐官", "大洲", "ＤＸ", "dx", "dx 推進", "市", "cio補佐官", "ｶﾞﾊﾞﾒﾝﾄ", "ガバメントクラウド",
        "・", "(株)", "テレワーク 週2日", "存在しない語句", "s", "%", "a_b",
        // Terms the FTS5 match answers alone (letters and digits only) across symbols and word ends: a bigram phrase
        // must not join the pieces on either side of a "-" or of a space.
        "aiiot", "iot", "ai-iot", "ー", "ワーク", "官補", "基盤 ai", "盤ai",
    ];

    private static readonly string[] TrickyTitles =
    [
        "ガバメントクラウド移行（ＤＸ推進）", "AI・データ活用アドバイザー", "情報政策監(株)出向", "a_b 100%リモート", "Ｓａａｓ導入支援", "AI-IoT基盤 構築",
    ];

    /// <summary>Expected ids: every term a substring of the normalised text, as the search has always defined it.</summary>
    private static async Task<List<int>> ExpectedAsync(MarketplaceFactory app, string query)
    {
        var today = DisplayFormatter.TodayInJapan(TimeProvider.System);
        var open = await app.WithDbAsync(db => db.Openings.AsNoTracking()
            .Where(o => o.Status == OpeningStatus.Published && o.ApplicationDeadline >= today)
            .Select(o => new { o.Id, o.SearchText }).ToListAsync());
        var terms = JapaneseText.SearchTerms(query);
        return open.Where(o => terms.All(t => o.SearchText.Contains(t, StringComparison.Ordinal))).Select(o => o.Id).Order().ToList();
    }

    private static async Task<(List<string> Titles, List<int> Ids)> SearchAsync(HttpClient client, string query)
    {
        var titles = new List<string>();
        var ids = new List<int>();
        for (var page = 1; ; page++)
        {
            using var doc = JsonDocument.Parse(await client.GetStringAsync($"/api/openings?kind=opening&q={Uri.EscapeDataString(query)}&page={page}"));
            foreach (var item in doc.RootElement.GetProperty("items").EnumerateArray())
            {
                ids.Add(item.GetProperty("id").GetInt32());
                titles.Add(item.GetProperty("title").GetString()!);
            }
            if (page >= doc.RootElement.GetProperty("pageCount").GetInt32()) break;
        }
        return (titles.Order(StringComparer.Ordinal).ToList(), ids.Order().ToList());
    }

    private static async Task AddTrickyOpeningsAsync(MarketplaceFactory app)
    {
        await app.WithDbAsync(async db =>
        {
            var template = await db.Openings.AsNoTracking().OrderBy(o => o.Id)
                .FirstAsync(o => o.Status == OpeningStatus.Published && o.ApplicationDeadline > DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3));
            foreach (var title in TrickyTitles)
            {
                var copy = await db.Openings.AsNoTracking().SingleAsync(o => o.Id == template.Id);
                copy.Id = 0;
                copy.Title = title;
                copy.SearchText = JapaneseText.Normalize(title + "\n" + copy.Description);
                db.Openings.Add(copy);
            }
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Keywords_FindExactlyWhatTheSubstringTestFinds()
    {
        using var app = new MarketplaceFactory();
        await AddTrickyOpeningsAsync(app);
        var client = app.NewClient();
        foreach (var q in Queries)
        {
            var (_, ids) = await SearchAsync(client, q);
            Assert.True((await ExpectedAsync(app, q)).SequenceEqual(ids), $"query '{q}'");
        }
        Assert.NotEmpty((await SearchAsync(client, "ｶﾞﾊﾞﾒﾝﾄ")).Ids);
        Assert.NotEmpty((await SearchAsync(client, "補佐")).Ids);
    }

    [Fact]
    public async Task Keywords_FollowEachSave()
    {
        using var app = new MarketplaceFactory();
        var client = app.NewClient();
        var id = await app.WithDbAsync(db => db.Openings.Where(o => o.Status == OpeningStatus.Published)
            .OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        await app.WithDbAsync(async db =>
        {
            var o = await db.Openings.SingleAsync(x => x.Id == id);
            o.SearchText = JapaneseText.Normalize("索引更新テスト " + o.SearchText);
            return await db.SaveChangesAsync();
        });
        Assert.Equal([id], (await SearchAsync(client, "索引更新")).Ids);

        await app.WithDbAsync(async db =>
        {
            var o = await db.Openings.SingleAsync(x => x.Id == id);
            o.SearchText = o.SearchText.Replace("索引更新テスト", "", StringComparison.Ordinal);
            return await db.SaveChangesAsync();
        });
        Assert.Empty((await SearchAsync(client, "索引更新")).Ids);
    }

    /// <summary>Counts the commands that read the SQLite keyword index.</summary>
    private sealed class KeywordIndexReads : DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains($"\"{KeywordIndex.SqliteTable}\" MATCH", StringComparison.Ordinal)) Interlocked.Increment(ref Count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>
    /// On SQLite a keyword's matches are read from the index once and kept in memory while the postings stay as they
    /// are: other filters, sorts and pages test against the same set; a save makes the next search read it again.
    /// </summary>
    [Fact]
    public async Task Keywords_ReadFromTheIndexOncePerChange_WhateverTheFiltersSortsAndPages()
    {
        var reads = new KeywordIndexReads();
        using var app = new MarketplaceFactory();
        if (app.Provider != DatabaseProvider.Sqlite) return; // PostgreSQL's GIN index is asked by each query
        app.ExtraServices.Add(s => s.AddSingleton<IInterceptor>(reads));
        var client = app.NewClient();
        var q = Uri.EscapeDataString("補佐");
        var all = (await SearchAsync(client, "補佐")).Ids;
        Assert.NotEmpty(all);
        var before = reads.Count;
        foreach (var query in new[] { "&sort=day_rate", "&sort=deadline&prefecture=38", "&remote=1&page=2", "&status=closed", "&kind=opening&min_day_rate=30000" })
        {
            using var _ = JsonDocument.Parse(await client.GetStringAsync($"/api/openings?q={q}{query}"));
        }
        Assert.Equal(before, reads.Count);

        // A new posting with the word is found at once (its save adds a public-content version).
        var id = await app.WithDbAsync(async db =>
        {
            var copy = await db.Openings.AsNoTracking().OrderBy(o => o.Id).FirstAsync(o => o.Status == OpeningStatus.Published && o.ApplicationDeadline > DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3));
            copy.Id = 0;
            copy.Title = "補佐業務の新しい募集";
            copy.SearchText = JapaneseText.Normalize(copy.Title);
            db.Openings.Add(copy);
            await db.SaveChangesAsync();
            return copy.Id;
        });
        var after = (await SearchAsync(client, "補佐")).Ids;
        Assert.Equal(all.Append(id).Order(), after);
        Assert.True(reads.Count > before);
        Assert.True((await ExpectedAsync(app, "補佐")).SequenceEqual(after));
    }

    /// <summary>
    /// On SQLite the search walks a snapshot in memory (OpeningSearchSnapshot); it must answer every query exactly as
    /// the database's search indexes do (the path PostgreSQL takes): the same postings in the same order on every page,
    /// the same capped total, for each status, sort, filter and keyword, with ties in every sort key.
    /// </summary>
    [Fact]
    [Slow] // 2,500 postings and 120 queries on both paths
    public async Task InMemorySnapshot_AnswersEveryQueryAsTheDatabaseDoes()
    {
        using var app = new MarketplaceFactory();
        if (app.Provider != DatabaseProvider.Sqlite) return; // PostgreSQL has no snapshot: its indexes are the reference
        _ = app.NewClient();
        await app.WithDbAsync(async db =>
        {
            var rng = new Random(14);
            var templates = await db.Openings.Where(o => o.Status == OpeningStatus.Published).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync();
            var organizations = await db.Organizations.Select(g => g.Id).ToListAsync();
            var today = DisplayFormatter.TodayInJapan(TimeProvider.System);
            var published = DateTime.UtcNow.AddDays(-3);
            for (var i = 0; i < 2_500; i++)
            {
                var template = templates[rng.Next(templates.Count)];
                var copy = await db.Openings.AsNoTracking().SingleAsync(o => o.Id == template);
                copy.Id = 0;
                copy.OrganizationId = organizations[rng.Next(organizations.Count)];
                copy.Status = rng.Next(10) switch { < 7 => OpeningStatus.Published, < 9 => OpeningStatus.Closed, _ => OpeningStatus.Draft };
                copy.FilledOn = copy.Status == OpeningStatus.Closed && rng.Next(2) == 0 ? today.AddDays(-rng.Next(30)) : null;
                copy.ApplicationDeadline = today.AddDays(rng.Next(-10, 60));
                copy.PublishedAt = published.AddHours(-rng.Next(0, 48)); // many share an hour: ties broken by id
                copy.DayRateYen = rng.Next(0, 8) * 5_000;
                copy.OnsiteDaysPerMonth = rng.Next(0, 9);
                copy.RemoteAllowed = rng.Next(2) == 0;
                copy.FirstTermMonths = rng.Next(1, 30);
                copy.SearchText = JapaneseText.Normalize((rng.Next(3) == 0 ? "補佐官 " : "") + (rng.Next(4) == 0 ? "クラウド " : "") + copy.Title);
                db.Openings.Add(copy);
                if (i % 100 == 99) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
            }
            return await db.SaveChangesAsync();
        });

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var inMemory = services.GetRequiredService<Marketplace.Web.Features.Openings.OpeningSearch>();
        // The snapshot of the data just saved is read in the background: wait for it, so the searches below use it.
        var version = await Marketplace.Web.Features.Openings.KeywordMatchCache.VersionAsync(services.GetRequiredService<MarketplaceDbContext>(), default);
        var snapshot = await services.GetRequiredService<Marketplace.Web.Features.Openings.OpeningSearchSnapshots>().AtLeastAsync(version);
        Assert.True(snapshot.Count > 2_000);
        var snapshots = new Marketplace.Web.Features.Openings.OpeningSearchSnapshots(
            services.GetRequiredService<IServiceScopeFactory>(),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Search:InMemory"] = "false" }).Build(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Marketplace.Web.Features.Openings.OpeningSearchSnapshots>.Instance);
        var database = new Marketplace.Web.Features.Openings.OpeningSearch(
            services.GetRequiredService<MarketplaceDbContext>(), TimeProvider.System,
            services.GetRequiredService<Marketplace.Web.Features.Taxonomy.TaxonomyCatalog>(),
            services.GetRequiredService<Marketplace.Web.Features.Openings.KeywordMatchCache>(), snapshots);

        var queries = new List<Marketplace.Web.Features.Openings.OpeningQuery>();
        foreach (var status in new string?[] { null, "closed", "awarded" })
        foreach (var sort in new string?[] { null, "deadline", "day_rate" })
        foreach (var q in new string?[] { null, "補佐官", "クラウド 補佐官", "市" })
        {
            queries.Add(new() { Status = status, Sort = sort, Q = q });
            queries.Add(new() { Status = status, Sort = sort, Q = q, Page = 3 });
            queries.Add(new() { Status = status, Sort = sort, Q = q, Page = 60 });
        }
        queries.AddRange(
        [
            new() { Prefecture = "38" }, new() { Prefecture = "27", MinDayRate = "２万" }, new() { Role = "cio_advisor", Sort = "day_rate" },
            new() { Engagement = "part_time_appointee", Page = 2 }, new() { Engagement = "outsourced" }, new() { Kind = "opening", Remote = true },
            new() { MaxOnsiteDays = "2", Sort = "deadline" }, new() { Term = "short" }, new() { Term = "medium", Page = 2 },
            new() { Term = "long", Remote = true, Q = "補佐官" }, new() { Kind = "call" }, new() { PublishedAfter = DateTime.UtcNow.AddDays(-4) },
        ]);
        var capped = false;
        foreach (var query in queries)
        {
            var expected = await database.SearchAsync(query);
            capped |= expected.TotalCapped;
            var actual = await inMemory.SearchAsync(query);
            Assert.True(expected.Items.Select(o => (o.Kind, o.Id)).SequenceEqual(actual.Items.Select(o => (o.Kind, o.Id))), $"items of {query}");
            Assert.Equal(expected.Items, actual.Items);
            Assert.Equal((expected.Total, expected.TotalCapped, expected.Page), (actual.Total, actual.TotalCapped, actual.Page));
            Assert.Equal(await database.OpeningIdsAsync(query, 50), await inMemory.OpeningIdsAsync(query, 50));
        }
        Assert.True(capped, "some query finds more than the capped count");
        Assert.Same(snapshot, services.GetRequiredService<Marketplace.Web.Features.Openings.OpeningSearchSnapshots>().Ready(version));
    }

    [Fact]
    [Slow] // 1,010 postings
    public async Task Count_IsCappedAtOneThousand()
    {
        using var app = new MarketplaceFactory();
        await app.WithDbAsync(async db =>
        {
            var template = await db.Openings.AsNoTracking().OrderBy(o => o.Id)
                .FirstAsync(o => o.Status == OpeningStatus.Published && o.ApplicationDeadline > DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3));
            for (var i = 0; i < 1_010; i++)
            {
                var copy = await db.Openings.AsNoTracking().SingleAsync(o => o.Id == template.Id);
                copy.Id = 0;
                copy.SearchText += "\n大量件数確認";
                db.Openings.Add(copy);
            }
            return await db.SaveChangesAsync();
        });
        var client = app.NewClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/openings?q=" + Uri.EscapeDataString("大量件数確認")));
        Assert.Equal(1_000, doc.RootElement.GetProperty("total").GetInt32());
        Assert.True(doc.RootElement.GetProperty("totalCapped").GetBoolean());
        Assert.Contains("1,000件以上", await client.GetStringAsync("/openings?q=" + Uri.EscapeDataString("大量件数確認")));

        using var few = JsonDocument.Parse(await client.GetStringAsync("/api/openings?q=" + Uri.EscapeDataString("存在しない語句")));
        Assert.False(few.RootElement.GetProperty("totalCapped").GetBoolean());
    }

    [PostgresFact]
    public async Task Keywords_SameResultsOnSqliteAndPostgres()
    {
        var results = new Dictionary<DatabaseProvider, List<List<string>>>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            using var app = MarketplaceFactory.Create(provider);
            await AddTrickyOpeningsAsync(app);
            var client = app.NewClient();
            var list = new List<List<string>>();
            foreach (var q in Queries)
            {
                var (titles, ids) = await SearchAsync(client, q);
                Assert.True((await ExpectedAsync(app, q)).SequenceEqual(ids), $"{provider}: query '{q}'");
                list.Add(titles);
            }
            results[provider] = list;
        }
        for (var i = 0; i < Queries.Length; i++)
        {
            Assert.True(results[DatabaseProvider.Sqlite][i].SequenceEqual(results[DatabaseProvider.Postgres][i]), $"query '{Queries[i]}' differs between SQLite and PostgreSQL");
        }
    }
}

/// <summary>The embedded database's planner statistics, read on the shared app of the web collection (nothing is written).</summary>
[Collection(WebCollection.Name)]
public sealed class SearchIndexStatisticsTests(MarketplaceFactory app)
{
    [Fact]
    public async Task EmbeddedDatabase_KeepsPlannerStatisticsOfTheSearchIndexes()
    {
        if (app.Provider != Marketplace.Data.DatabaseProvider.Sqlite) return; // PostgreSQL's autovacuum analyses by itself
        _ = app.NewClient();
        // Without statistics SQLite walked the day-rate index of every open posting for a search filtered by prefecture.
        var analysed = await app.WithDbAsync(db => db.Database
            .SqlQuery<string>($"SELECT idx AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'Openings'").ToListAsync());
        Assert.Contains("IX_Openings_Search_DayRate", analysed);
        Assert.Contains("IX_Openings_Search_Newest", analysed);
    }
}
