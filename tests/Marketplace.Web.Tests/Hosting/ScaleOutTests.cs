using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Hangfire;
using Marketplace.Data;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Hosting;

/// <summary>Several stateless instances on one database, as behind a load balancer.</summary>
[Trait("Category", "Slow")]
public class ScaleOutTests
{
    [Fact]
    public Task TwoInstances_DefaultProvider_CookieAndAntiforgeryWorkAcrossInstances() =>
        CookieAcrossInstancesAsync(TestDatabases.DefaultProvider);

    [PostgresFact]
    public Task TwoInstances_Postgres_CookieAndAntiforgeryWorkAcrossInstances() =>
        CookieAcrossInstancesAsync(DatabaseProvider.Postgres);

    /// <summary>Sign in on one instance, then post an opening through the other with the same cookie and token.</summary>
    private static async Task CookieAcrossInstancesAsync(DatabaseProvider provider)
    {
        using var first = MarketplaceFactory.Create(provider);
        var one = await first.SignedInAsync(WebClientExtensions.OzuStaff);
        var token = await one.TokenAsync("/manage/openings/new");
        using var second = first.SecondInstance();
        var two = second.NewClient(MarketplaceFactory.CookiesOf(one));

        var title = "別インスタンス経由の募集 " + Guid.NewGuid().ToString("N")[..6];
        var fields = new OpeningFormBuilder().With("Title", title).Build();
        fields.Add(new("__RequestVerificationToken", token));
        var response = await two.PostAsync("/manage/openings/new", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await second.WithDbAsync(db => db.Openings.AnyAsync(o => o.Title == title && o.Organization!.Code == "382078")));
        Assert.Contains(title, await one.GetStringAsync("/manage/openings"));
    }

    public sealed class ProbeJob
    {
        public static readonly ConcurrentDictionary<string, int> Runs = new();

        public void Run(string key) => Runs.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    [PostgresFact]
    public async Task TwoInstances_Postgres_EachEnqueuedJobRunsExactlyOnce()
    {
        using var first = MarketplaceFactory.Create(DatabaseProvider.Postgres);
        first.Settings["Jobs:Server"] = "true";
        Assert.Equal(HttpStatusCode.OK, (await first.NewClient().GetAsync("/health")).StatusCode);
        using var second = first.SecondInstance();
        second.Settings["Jobs:Server"] = "true";
        Assert.Equal(HttpStatusCode.OK, (await second.NewClient().GetAsync("/health")).StatusCode);

        var keys = Enumerable.Range(0, 20).Select(i => $"{Guid.NewGuid():N}-{i}").ToList();
        var jobs = first.Services.GetRequiredService<IBackgroundJobClient>();
        var ids = keys.Select(k => jobs.Enqueue<ProbeJob>(j => j.Run(k))).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !keys.All(ProbeJob.Runs.ContainsKey)) await Task.Delay(200);
        // Give a second pick-up, if there were to be one, time to happen.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.All(keys, k => Assert.Equal(1, ProbeJob.Runs.GetValueOrDefault(k)));
        var monitor = first.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var servers = monitor.Servers().Select(s => s.Name).ToList();
        Assert.True(servers.Count >= 2, $"expected both instances' servers on the shared storage, saw {servers.Count}");
        foreach (var id in ids)
        {
            var history = monitor.JobDetails(id).History;
            Assert.Single(history, h => h.StateName == "Processing");
            Assert.Equal("Succeeded", history[0].StateName);
        }
    }

    [PostgresFact]
    public async Task TwoInstances_Postgres_StartingTogether_MigrateAndSeedOnce()
    {
        // An empty database, as a real first start has: this is about migrating and seeding it once.
        using var first = MarketplaceFactory.Create(DatabaseProvider.Postgres);
        first.StartFromTemplate = false;
        using var second = first.SecondInstance();
        // Creating a client starts its host (migrations, seeding) synchronously: start both on their own threads.
        var clients = await Task.WhenAll(Task.Run(() => first.NewClient()), Task.Run(() => second.NewClient()));
        var starts = await Task.WhenAll(clients.Select(c => c.GetAsync("/health")));
        Assert.All(starts, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var (prefectures, demoOffice, realPostings) = await first.WithDbAsync(async db => (
            await db.Prefectures.CountAsync(),
            await db.Users.CountAsync(u => u.Email == WebClientExtensions.Office),
            await db.Openings.CountAsync(o => o.Title == "スマートシティ戦略部副理事（CIO補佐官）")));
        Assert.Equal(47, prefectures);
        Assert.Equal(1, demoOffice);
        Assert.Equal(1, realPostings);
    }

    [Fact]
    public async Task JobsDashboard_OnlyNationalOffice()
    {
        using var app = new MarketplaceFactory();
        var anonymous = await app.NewClient().GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(anonymous));
        foreach (var email in new[] { WebClientExtensions.OsakaStaff, WebClientExtensions.Expert, WebClientExtensions.Vendor })
        {
            var client = await app.SignedInAsync(email);
            WebClientExtensions.AssertAccessDenied(await client.GetAsync("/admin/jobs"));
            WebClientExtensions.AssertAccessDenied(await client.GetAsync("/admin/jobs/stats"));
        }
        var office = await app.SignedInAsync(WebClientExtensions.Office);
        var dashboard = await office.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Hangfire", await dashboard.Content.ReadAsStringAsync());
    }

    [PostgresFact]
    public async Task Search_JapaneseKeywords_SameResultsOnBothProviders()
    {
        using var sqlite = MarketplaceFactory.Create(DatabaseProvider.Sqlite);
        using var postgres = MarketplaceFactory.Create(DatabaseProvider.Postgres);
        foreach (var q in new[] { "補佐", "補佐官", "ＤＸ", "dx", "大洲", "100%", "a_b", "CIO補佐官　大阪" })
        {
            var onSqlite = await TitlesAsync(sqlite, q);
            var onPostgres = await TitlesAsync(postgres, q);
            Assert.Equal(onSqlite, onPostgres);
            if (q is "補佐" or "補佐官" or "ＤＸ") Assert.NotEmpty(onSqlite);
        }
    }

    private static async Task<List<string>> TitlesAsync(MarketplaceFactory factory, string q)
    {
        var json = await factory.NewClient().GetStringAsync("/api/openings?sort=deadline&q=" + Uri.EscapeDataString(q));
        using var doc = JsonDocument.Parse(json);
        var total = doc.RootElement.GetProperty("total").GetInt32();
        var titles = doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
        titles.Add($"total={total}");
        return titles;
    }

    [Fact]
    public void PostgresTests_WhenNotConfigured_AreSkippedWithAReason()
    {
        var attribute = new PostgresFactAttribute();
        if (TestDatabases.PostgresAdmin is null) Assert.Equal(TestDatabases.NotConfigured, attribute.Skip);
        else Assert.Null(attribute.Skip);
    }
}
