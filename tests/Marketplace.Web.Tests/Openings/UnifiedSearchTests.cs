using System.Text.Json;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Openings;

/// <summary>
/// One public search over openings and calls for proposals: an outsourced call is a posting too. These tests compare
/// every result with the database, so they have an app of their own: in the shared one, other tests move the clock
/// and change postings between the database read and the (cached) search. Their app is only read, and the one test
/// that changes postings does so on a new app before its first request, so no test waits for the cache to expire.
/// </summary>
public class UnifiedSearchTests(MarketplaceFactory factory) : IClassFixture<MarketplaceFactory>
{
    /// <summary>Now and today as the app sees them.</summary>
    private DateTime AppNow => factory.Clock.GetUtcNow().UtcDateTime;
    private DateOnly AppToday => Marketplace.Web.Localization.DisplayFormatter.TodayInJapan(factory.Clock);

    private Task<List<ProposalCall>> OpenCallsAsync()
    {
        var now = AppNow;
        return factory.WithDbAsync(db => db.ProposalCalls.AsNoTracking()
            .Where(c => c.Status == CallStatus.Published && c.SubmissionDeadline > now).ToListAsync());
    }

    [Fact]
    public async Task EngagementOutsourced_ListsTheOpenCalls_WithKindAmountAndDayRate()
    {
        var open = await OpenCallsAsync();
        Assert.NotEmpty(open);
        var client = factory.NewClient();

        var html = await client.GetStringAsync("/openings?engagement=outsourced");
        foreach (var call in open)
        {
            Assert.Contains($"href=\"/calls/{call.Id}\"", html);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(call.Title), html);
        }
        Assert.Contains("公募型プロポーザル（業務委託）", html);

        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/openings?engagement=outsourced"));
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(open.Select(c => c.Id).Order(), items.Where(i => i.GetProperty("kind").GetInt32() == 1).Select(i => i.GetProperty("id").GetInt32()).Order());
        foreach (var item in items)
        {
            var call = open.Single(c => c.Id == item.GetProperty("id").GetInt32());
            Assert.Equal(call.CeilingYen, item.GetProperty("payAmountYen").GetInt64());
            Assert.True(item.GetProperty("dayRateYen").GetInt64() > 0);
        }
    }

    [Fact]
    public async Task RoleFilter_FindsCallsNamingThatRole_AndCallsStillHaveTheirOwnList()
    {
        var client = factory.NewClient();
        // 米原市's call names a 「CIO補佐官」 role, not a CIO.
        var html = await client.GetStringAsync("/openings?engagement=outsourced&role=cio");
        Assert.DoesNotContain("href=\"/calls/", html);
        var maibara = await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Title == "米原市CIO支援業務委託 公募型プロポーザル").Select(c => c.Id).SingleAsync());
        Assert.Contains($"href=\"/calls/{maibara}\"", await client.GetStringAsync("/openings?role=cio_advisor&prefecture=25&kind=call"));
        Assert.DoesNotContain($"href=\"/calls/{maibara}\"", await client.GetStringAsync("/openings?role=cdo_advisor&prefecture=25"));
        var calls = await client.GetStringAsync("/calls");
        foreach (var call in await OpenCallsAsync()) Assert.Contains($"/calls/{call.Id}", calls);
    }

    private static readonly DateOnly Today = Marketplace.Web.Localization.DisplayFormatter.TodayInJapan(TimeProvider.System);

    /// <summary>Every result of a search, over all its pages, as (kind, id, day rate, deadline, title), and its total.</summary>
    internal static async Task<(int Total, List<(int Kind, int Id, long DayRate, string Deadline, string Title)> Items)> AllPagesAsync(HttpClient client, string query)
    {
        var items = new List<(int, int, long, string, string)>();
        int total, pageCount, page = 1;
        do
        {
            using var doc = JsonDocument.Parse(await client.GetStringAsync($"/api/openings?{query}&page={page}"));
            total = doc.RootElement.GetProperty("total").GetInt32();
            pageCount = doc.RootElement.GetProperty("pageCount").GetInt32();
            items.AddRange(doc.RootElement.GetProperty("items").EnumerateArray().Select(i => (
                i.GetProperty("kind").GetInt32(), i.GetProperty("id").GetInt32(), i.GetProperty("dayRateYen").GetInt64(),
                i.GetProperty("applicationDeadline").GetString()!, i.GetProperty("title").GetString()!)));
            page++;
        }
        while (page <= pageCount);
        return (total, items);
    }

    [Fact]
    public async Task EverySearch_ListsMatchingCallsBesideOpenings_CountedOnceInTheTotal()
    {
        var today = AppToday;
        var openings = await factory.WithDbAsync(db => db.Openings.AsNoTracking()
            .Where(o => o.Status == OpeningStatus.Published && o.ApplicationDeadline >= today).Select(o => o.Id).ToListAsync());
        var calls = (await OpenCallsAsync()).Select(c => c.Id).ToList();
        var (total, items) = await AllPagesAsync(factory.NewClient(), "sort=newest");

        var expected = openings.Select(id => (0, id)).Concat(calls.Select(id => (1, id))).Order().ToList();
        Assert.Equal(expected, items.Select(i => (i.Kind, i.Id)).Order().ToList());
        Assert.Equal(expected.Count, total);

        // Calls only, and openings only.
        var (_, onlyCalls) = await AllPagesAsync(factory.NewClient(), "kind=call");
        Assert.Equal(calls.Order(), onlyCalls.Select(i => i.Id).Order());
        Assert.All(onlyCalls, i => Assert.Equal(1, i.Kind));
        var (openingTotal, onlyOpenings) = await AllPagesAsync(factory.NewClient(), "kind=opening");
        Assert.Equal(openings.Count, openingTotal);
        Assert.All(onlyOpenings, i => Assert.Equal(0, i.Kind));

        // A keyword from a call's title finds it with no engagement filter.
        var call = (await OpenCallsAsync()).First();
        var (_, byWord) = await AllPagesAsync(factory.NewClient(), "q=" + Uri.EscapeDataString(call.Title[..4]));
        Assert.Contains((1, call.Id), byWord.Select(i => (i.Kind, i.Id)));
    }

    [Fact]
    public async Task SortOrders_MergeOpeningsAndCalls_AcrossPages()
    {
        var (_, byRate) = await AllPagesAsync(factory.NewClient(), "sort=day_rate");
        Assert.Contains(byRate, i => i.Kind == 1);
        var rates = byRate.Select(i => i.DayRate).ToList();
        Assert.Equal(rates.OrderByDescending(r => r).ToList(), rates);

        var (_, byDeadline) = await AllPagesAsync(factory.NewClient(), "sort=deadline");
        Assert.Contains(byDeadline, i => i.Kind == 1);
        var deadlines = byDeadline.Select(i => i.Deadline).ToList();
        Assert.Equal(deadlines.Order(StringComparer.Ordinal).ToList(), deadlines);
        Assert.Equal(byDeadline.Count, byDeadline.Distinct().Count());

        // The page shows each result's kind, posted amount and day rate.
        var html = await factory.NewClient().GetStringAsync("/openings?sort=day_rate&kind=call");
        Assert.Contains("公募型プロポーザル（業務委託）", html);
        Assert.Contains("<option value=\"call\" selected=\"selected\">", html);
    }

    [Fact]
    public async Task StatusFilter_ClosedAndAwarded_FindPastPostingsOfBothKinds()
    {
        using var app = new MarketplaceFactory();
        var now = DateTime.UtcNow;
        var (closedOpening, closedCall, awardedCall) = await app.WithDbAsync(async db =>
        {
            var opening = await db.Openings.FirstAsync(o => o.Status == OpeningStatus.Published);
            opening.Status = OpeningStatus.Closed;
            var calls = await db.ProposalCalls.Where(c => c.Status == CallStatus.Published).OrderBy(c => c.Id).ToListAsync();
            var closed = calls[0];
            closed.SubmissionDeadline = now.AddDays(-1);
            var awarded = calls.Count > 1 ? calls[1] : null;
            if (awarded is not null) awarded.Status = CallStatus.Awarded;
            await db.SaveChangesAsync();
            return (opening.Id, closed.Id, awarded?.Id);
        });
        var client = app.NewClient();

        var expectedClosed = await app.WithDbAsync(async db =>
            (await db.Openings.Where(o => o.Status == OpeningStatus.Closed || (o.Status == OpeningStatus.Published && o.ApplicationDeadline < Today)).Select(o => o.Id).ToListAsync())
                .Select(id => (0, id))
                .Concat((await db.ProposalCalls.Where(c => c.Status == CallStatus.Published && c.PublishedAt != null && c.SubmissionDeadline <= DateTime.UtcNow).Select(c => c.Id).ToListAsync()).Select(id => (1, id)))
                .Order().ToList());
        var (total, closed) = await AllPagesAsync(client, "status=closed");
        Assert.Equal(expectedClosed, closed.Select(i => (i.Kind, i.Id)).Order().ToList());
        Assert.Equal(expectedClosed.Count, total);
        Assert.Contains((0, closedOpening), expectedClosed);
        Assert.Contains((1, closedCall), expectedClosed);

        var (_, open) = await AllPagesAsync(client, "");
        Assert.DoesNotContain((0, closedOpening), open.Select(i => (i.Kind, i.Id)));
        Assert.DoesNotContain((1, closedCall), open.Select(i => (i.Kind, i.Id)));

        // Awarded: calls with a result and openings filled (an appointment recorded).
        var expectedAwarded = await app.WithDbAsync(async db =>
            (await db.ProposalCalls.Where(c => c.Status == CallStatus.Awarded && c.PublishedAt != null).Select(c => c.Id).ToListAsync()).Select(id => (1, id))
                .Concat((await db.Openings.Where(o => o.Status == OpeningStatus.Closed && o.FilledOn != null).Select(o => o.Id).ToListAsync()).Select(id => (0, id)))
                .Order().ToList());
        var (_, awarded) = await AllPagesAsync(client, "status=awarded");
        Assert.Equal(expectedAwarded, awarded.Select(i => (i.Kind, i.Id)).Order().ToList());
        if (awardedCall is { } a) Assert.Contains((1, a), expectedAwarded);
        Assert.Contains("<option value=\"awarded\" selected=\"selected\">", await client.GetStringAsync("/openings?status=awarded"));
    }

    [PostgresFact]
    public async Task OneSearch_SameResultsOnBothProviders()
    {
        using var sqlite = MarketplaceFactory.Create(DatabaseProvider.Sqlite);
        using var postgres = MarketplaceFactory.Create(DatabaseProvider.Postgres);
        foreach (var query in new[]
        {
            "sort=newest", "sort=day_rate", "sort=deadline", "engagement=outsourced", "kind=call&prefecture=25", "status=closed", "status=awarded",
            "q=" + Uri.EscapeDataString("支援"), "max_onsite_days=5&sort=day_rate", "min_day_rate=40000&remote=1", "term=long",
        })
        {
            var (sqliteTotal, onSqlite) = await AllPagesAsync(sqlite.NewClient(), query);
            var (postgresTotal, onPostgres) = await AllPagesAsync(postgres.NewClient(), query);
            Assert.Equal(sqliteTotal, postgresTotal);
            Assert.Equal(onSqlite.Select(i => (i.Kind, i.Title, i.DayRate, i.Deadline)), onPostgres.Select(i => (i.Kind, i.Title, i.DayRate, i.Deadline)));
        }
    }
}
