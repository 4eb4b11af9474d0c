using System.Diagnostics;
using System.Net;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.PublicCache;

/// <summary>
/// Output caching of anonymous pages: shared copies for visitors, never for signed-in users, fresh on every instance.
/// The single-instance tests share one app: none writes, and the one that asserts a first response is not cached asks
/// for a URL no other test asks for.
/// </summary>
public class PublicCacheTests(MarketplaceFactory app) : IClassFixture<MarketplaceFactory>
{
    private static bool FromCache(HttpResponseMessage r) => r.Headers.Age is not null;

    [Fact]
    public async Task AnonymousSearch_SecondRequestIsServedFromTheCache_WithoutCookieOrToken()
    {
        var client = app.NewClient();
        var url = "/openings?q=" + Uri.EscapeDataString("補佐官") + "&sort=day_rate";

        var first = await client.GetAsync(url);
        var second = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(FromCache(first));
        Assert.True(FromCache(second), "the same anonymous search should come from the output cache");
        Assert.False(first.Headers.Contains("Set-Cookie"), "an anonymous page must set no cookie (antiforgery or other)");
        var html = await second.Content.ReadAsStringAsync();
        Assert.DoesNotContain("__RequestVerificationToken", html);
        Assert.Equal(await first.Content.ReadAsStringAsync(), html);

        // Another query, another page.
        Assert.False(FromCache(await client.GetAsync(url + "&page=2")));
        foreach (var path in new[] { "/calls", "/dispatch-results", "/api/openings?q=dx" })
        {
            await client.GetAsync(path);
            Assert.True(FromCache(await client.GetAsync(path)), path + " should be cached for anonymous visitors");
        }
    }

    [Fact]
    public async Task SignedInUser_IsNeverServedTheSharedPage()
    {
        var anonymous = app.NewClient();
        await anonymous.GetAsync("/openings");
        Assert.True(FromCache(await anonymous.GetAsync("/openings")));

        var expert = await app.SignedInAsync(WebClientExtensions.Expert);
        var response = await expert.GetAsync("/openings");
        var again = await expert.GetAsync("/openings");

        Assert.False(FromCache(response));
        Assert.False(FromCache(again));
        Assert.Contains("/applications", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Language_IsPartOfTheKey()
    {
        var ja = app.NewClient();
        await ja.GetAsync("/openings");
        Assert.True(FromCache(await ja.GetAsync("/openings")));

        var jar = new CookieContainer();
        jar.Add(app.Server.BaseAddress, new Cookie(".AspNetCore.Culture", "c%3Den%7Cuic%3Den"));
        var en = app.NewClient(jar);
        var html = await en.GetStringAsync("/openings");

        Assert.Contains("<html lang=\"en\"", html);
    }

    [Fact]
    public async Task AnonymousCultureSwitch_WorksWithoutToken()
    {
        var client = app.NewClient();
        var response = await client.PostAsync("/culture", new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/openings")]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("<html lang=\"en\"", await client.GetStringAsync("/openings"));
    }

    [Fact]
    [Slow]
    public Task TwoInstances_DefaultProvider_ChangeOnOneIsInTheOthersCachedSearchWithinOneSecond() =>
        ChangeReachesOtherInstanceAsync(TestDatabases.DefaultProvider);

    [PostgresFact]
    public Task TwoInstances_Postgres_ChangeOnOneIsInTheOthersCachedSearchWithinOneSecond() =>
        ChangeReachesOtherInstanceAsync(DatabaseProvider.Postgres);

    private static async Task ChangeReachesOtherInstanceAsync(DatabaseProvider provider)
    {
        using var first = MarketplaceFactory.Create(provider);
        await first.NewClient().GetAsync("/health");
        using var second = first.SecondInstance();
        var visitor = second.NewClient();
        var word = "キャッシュ確認" + Guid.NewGuid().ToString("N")[..6];
        var url = "/openings?q=" + Uri.EscapeDataString(word);
        await visitor.GetAsync(url);
        var cached = await visitor.GetAsync(url);
        Assert.True(FromCache(cached));
        Assert.DoesNotContain(word + "の募集", await cached.Content.ReadAsStringAsync());

        // Published on the first instance...
        var id = await OpeningCopies.PublishAsync(first, word + "の募集");
        // ...is in the second instance's cached search within a second.
        await AssertWithinOneSecondAsync(visitor, url, html => html.Contains(word + "の募集"));

        // Edited, then closed on the first instance: the same.
        await first.WithDbAsync(async db =>
        {
            var o = await db.Openings.SingleAsync(x => x.Id == id);
            o.Title = word + "の募集（改）";
            return await db.SaveChangesAsync();
        });
        await AssertWithinOneSecondAsync(visitor, url, html => html.Contains(word + "の募集（改）"));
        await first.WithDbAsync(async db =>
        {
            var o = await db.Openings.SingleAsync(x => x.Id == id);
            o.Status = OpeningStatus.Closed;
            return await db.SaveChangesAsync();
        });
        await AssertWithinOneSecondAsync(visitor, url, html => !html.Contains(word + "の募集"));
    }

    /// <summary>
    /// With <c>ConnectionStrings:Redis</c> both instances share one output-cache store: a page one rendered is served
    /// to the other from the store, and a save on one evicts it for both at once. The version stamp is set to be read
    /// once an hour here, so only the shared store's eviction can make the second instance show the change.
    /// </summary>
    [RedisFact]
    public async Task TwoInstances_SharedRedisStore_ServeEachOthersPages_AndAnEvictionReachesBoth()
    {
        using var redis = new RedisServer();
        using var first = new MarketplaceFactory();
        void UseRedis(MarketplaceFactory instance)
        {
            instance.Settings["ConnectionStrings:Redis"] = redis.Configuration;
            instance.Settings["OutputCache:VersionMaxAgeMilliseconds"] = "3600000";
        }
        UseRedis(first);
        await first.NewClient().GetAsync("/health");
        using var second = first.SecondInstance();
        UseRedis(second);
        var word = "共有キャッシュ" + Guid.NewGuid().ToString("N")[..6];
        var url = "/openings?q=" + Uri.EscapeDataString(word);

        // Both instances read the version now, so neither reads it again during the test.
        Assert.False(FromCache(await second.NewClient().GetAsync(url)));
        var fromOther = await first.NewClient().GetAsync(url);
        Assert.True(FromCache(fromOther), "the first instance should serve the page the second one stored in Redis");

        await OpeningCopies.PublishAsync(first, word + "の募集");

        // At once, with no wait: the save on the first instance evicted the page from the shared store.
        var after = await second.NewClient().GetAsync(url);
        Assert.False(FromCache(after));
        Assert.Contains(word + "の募集", await after.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Every request sent one second or more after the change must show it. Measured at the request's start, as a
    /// request in flight on a busy machine adds its own time.
    /// </summary>
    private static async Task AssertWithinOneSecondAsync(HttpClient client, string url, Func<string, bool> seen)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var sentAt = clock.Elapsed;
            var html = await client.GetStringAsync(url);
            if (seen(html)) return;
            Assert.True(sentAt < TimeSpan.FromSeconds(1.1), $"a request sent {sentAt.TotalMilliseconds:0} ms after the change still got the old page");
            await Task.Delay(50);
        }
    }
}
