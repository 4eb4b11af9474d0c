using System.Text.RegularExpressions;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Matching.Text;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Cases;

/// <summary>
/// The case library's keyword search through the bigram keyword index: exactly the published cases whose normalised
/// text contains every term (Japanese substrings of two characters, full/half width and kana variants), on SQLite and
/// PostgreSQL alike. Keeping the index in step is <see cref="CaseKeywordUpkeepTests"/>.
/// </summary>
public sealed partial class CaseSearchIndexTests
{
    private static readonly string[] Queries =
    [
        "救急", "救急搬送", "ＲＦＩ", "rfi", "ｸﾗｳﾄﾞ", "クラウド", "テレワーク　小布施町", "テレワーク 滋賀県", "県", "ベンダー 依存",
        "ＤＸ", "dx 推進", "・", "(株)", "存在しない語句", "s", "%", "a_b",
    ];

    private static readonly string[] TrickyTitles =
    [
        "ガバメントクラウド移行（ＤＸ推進）", "AI・データ活用の事例", "情報政策監(株)出向の事例", "a_b 100%リモート", "Ｓａａｓ導入の事例",
    ];

    [GeneratedRegex("data-case-id=\"(\\d+)\"")]
    private static partial Regex CaseId();

    internal static async Task<List<int>> SearchAsync(HttpClient client, string query) =>
        CaseId().Matches(await client.GetStringAsync("/cases?q=" + Uri.EscapeDataString(query)))
            .Select(m => int.Parse(m.Groups[1].Value)).Order().ToList();

    /// <summary>Expected ids: every term a substring of the normalised text, as the search has always defined it.</summary>
    internal static async Task<List<int>> ExpectedAsync(MarketplaceFactory app, string query)
    {
        var published = await app.WithDbAsync(db => db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Published)
            .Select(c => new { c.Id, c.SearchText }).ToListAsync());
        var terms = JapaneseText.SearchTerms(query);
        return published.Where(c => terms.All(t => c.SearchText.Contains(t, StringComparison.Ordinal))).Select(c => c.Id).Order().ToList();
    }

    private static async Task AddTrickyCasesAsync(MarketplaceFactory app)
    {
        foreach (var title in TrickyTitles)
        {
            await new CaseBuilder("384224", title) { SearchText = JapaneseText.Normalize(title + "\n内子町の取組") }.SaveAsync(app);
        }
        // A draft matches the text but is never found.
        await new CaseBuilder("384224", "下書きの救急搬送") { Status = CaseStatus.Draft, SearchText = JapaneseText.Normalize("下書きの救急搬送") }.SaveAsync(app);
    }

    private static async Task<List<List<int>>> AssertAllQueriesAsync(MarketplaceFactory app, string label)
    {
        var client = app.NewClient();
        var results = new List<List<int>>();
        foreach (var q in Queries)
        {
            var ids = await SearchAsync(client, q);
            Assert.True(ids.Count < 20, "one page holds every result of this test");
            Assert.True((await ExpectedAsync(app, q)).SequenceEqual(ids), $"{label}: query '{q}'");
            results.Add(ids);
        }
        return results;
    }

    [Fact]
    public async Task Keywords_FindExactlyWhatTheSubstringTestFinds()
    {
        using var app = new MarketplaceFactory();
        await AddTrickyCasesAsync(app);
        await AssertAllQueriesAsync(app, "default");
        var client = app.NewClient();
        Assert.NotEmpty(await SearchAsync(client, "救急"));
        Assert.NotEmpty(await SearchAsync(client, "ｸﾗｳﾄﾞ"));
        Assert.Single(await SearchAsync(client, "ＲＦＩ"));
    }

    [PostgresFact]
    public async Task Keywords_SameResultsOnSqliteAndPostgres()
    {
        var titles = new Dictionary<DatabaseProvider, List<List<string>>>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            using var app = MarketplaceFactory.Create(provider);
            await AddTrickyCasesAsync(app);
            var results = await AssertAllQueriesAsync(app, provider.ToString());
            var byId = await app.WithDbAsync(db => db.Cases.ToDictionaryAsync(c => c.Id, c => c.Title));
            titles[provider] = results.Select(ids => ids.Select(id => byId[id]).Order(StringComparer.Ordinal).ToList()).ToList();
        }
        for (var i = 0; i < Queries.Length; i++)
        {
            Assert.True(titles[DatabaseProvider.Sqlite][i].SequenceEqual(titles[DatabaseProvider.Postgres][i]), $"query '{Queries[i]}' differs between SQLite and PostgreSQL");
        }
    }
}
