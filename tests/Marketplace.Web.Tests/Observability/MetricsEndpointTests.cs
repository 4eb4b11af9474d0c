using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Matching;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Observability;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Observability;

/// <summary>Jobs the metrics test enqueues: one that succeeds and one that fails (without retries).</summary>
public static class ObservabilityJobs
{
    public static void Succeed()
    {
    }

    [AutomaticRetry(Attempts = 0)]
    public static void Fail() => throw new InvalidOperationException("failing on purpose for the metrics test");
}

/// <summary>The Prometheus scrape endpoint: what it shows the national office, and that nobody else reads it.</summary>
public sealed class MetricsEndpointTests
{
    private const string OpeningsRequests = @"http_server_request_duration_seconds_count\{[^}]*http_route=""openings""[^}]*\}";

    /// <summary>The sample line of the series matching <paramref name="pattern"/>, its value in group 1.</summary>
    private static Match Sample(string metrics, string pattern) => Regex.Match(metrics, "^" + pattern + @" (\S+)", RegexOptions.Multiline);

    private static double Value(string metrics, string pattern)
    {
        var m = Sample(metrics, pattern);
        Assert.True(m.Success, $"no sample matching {pattern} in:\n{metrics}");
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Metrics_OfficeAfterRequestsOutboxMessagesAndJobs_ShowsRequestOutboxJobAndIndexMetrics()
    {
        using var app = new MarketplaceFactory();
        app.Settings["Jobs:Server"] = "true";
        // Other tests' hosts in this process have meters too; this host reads only its own.
        app.Settings["Observability:MeterName"] = $"Marketplace-{Guid.NewGuid():N}";
        var office = await app.SignedInAsync(WebClientExtensions.Office);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/openings")).StatusCode);
        await app.WithDbAsync(async db =>
        {
            foreach (var status in new[] { OutboxStatus.Failed, OutboxStatus.Failed, OutboxStatus.Pending })
            {
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Kind = NotificationKinds.Account, ToAddress = "someone@example.jp", Subject = "件名", TextBody = "本文", Status = status,
                    MessageId = $"{Guid.NewGuid():N}@test", CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow.AddHours(1),
                });
            }
            return await db.SaveChangesAsync();
        });
        var (failed, pending) = await app.WithDbAsync(async db => (
            await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed),
            await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending)));
        await app.Services.GetRequiredService<ExpertIndexHost>().StartAsync();
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue(() => ObservabilityJobs.Succeed());
        jobs.Enqueue(() => ObservabilityJobs.Fail());

        string metrics = "";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var response = await office.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            metrics = await response.Content.ReadAsStringAsync();
            // The request's own duration sample, not just any metric naming the route: routing records its match before
            // the response, the hosting layer its duration only after the client already has the response.
            if (metrics.Contains("job=\"ObservabilityJobs.Fail\"") && metrics.Contains("job=\"ObservabilityJobs.Succeed\"")
                && Sample(metrics, OpeningsRequests).Success) break;
            // Once (CI's PostgreSQL pass, under load) the first requests were not in ASP.NET Core's request meter at all;
            // a request made while waiting is, and a meter that never records still fails below after a minute.
            Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/openings")).StatusCode);
            await Task.Delay(500);
        }

        // Request rate and latency (ASP.NET Core's own instruments).
        Assert.True(Value(metrics, OpeningsRequests) >= 1);
        // The outbox backlog, counted from the database.
        Assert.Equal(failed, Value(metrics, @"marketplace_outbox_messages\{[^}]*status=""failed""[^}]*\}"));
        Assert.Equal(pending, Value(metrics, @"marketplace_outbox_messages\{[^}]*status=""pending""[^}]*\}"));
        // Job runs by name and outcome.
        Assert.Equal(1, Value(metrics, @"marketplace_jobs_runs_total\{[^}]*job=""ObservabilityJobs.Fail""[^}]*outcome=""failed""[^}]*\}"));
        Assert.Equal(1, Value(metrics, @"marketplace_jobs_runs_total\{[^}]*job=""ObservabilityJobs.Succeed""[^}]*outcome=""succeeded""[^}]*\}"));
        Assert.DoesNotContain("job=\"ObservabilityJobs.Fail\",outcome=\"succeeded\"", metrics);
        Assert.Contains("marketplace_jobs_duration_seconds_bucket", metrics);
        // How fresh the expert index is: the background poll confirms it every 2 s.
        Assert.InRange(Value(metrics, @"marketplace_matching_expert_index_age_seconds(?:\{[^}]*\})?"), 0, 30);
        Assert.True(Value(metrics, @"marketplace_matching_expert_index_experts(?:\{[^}]*\})?") > 0);
    }

    [Fact]
    public async Task Metrics_ScraperWithConfiguredToken_Allowed_WithoutOrWrongToken_Refused()
    {
        const string token = "scrape-token-for-the-test-0123456789";
        using var app = new MarketplaceFactory();
        app.Settings["Observability:ScrapeToken"] = token;
        app.Settings["Observability:MeterName"] = $"Marketplace-{Guid.NewGuid():N}";

        async Task<HttpResponseMessage> Scrape(string? authorization, HttpClient? client = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            return await (client ?? app.NewClient()).SendAsync(request);
        }

        var allowed = await Scrape("Bearer " + token);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("# TYPE", await allowed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Scrape("bearer  " + token + " ")).StatusCode);

        foreach (var refused in new[] { null, "Bearer ", "Bearer " + token + "x", "Bearer " + token[..^1], "Basic " + token, token })
        {
            var response = await Scrape(refused);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync());
        }
        // A signed-in account of another role gains nothing from a wrong token; the office's cookie still works.
        var staff = await app.SignedInAsync(WebClientExtensions.OsakaStaff);
        Assert.NotEqual(HttpStatusCode.OK, (await Scrape("Bearer wrong", staff)).StatusCode);
        var office = await app.SignedInAsync(WebClientExtensions.Office);
        Assert.Equal(HttpStatusCode.OK, (await Scrape(null, office)).StatusCode);
    }
}

/// <summary>
/// Nobody but the national office reads /metrics when no scrape token is configured (the default). These only read, so
/// they run on the shared app of the people collection, which configures none.
/// </summary>
[Collection(PeopleCollection.Name)]
public sealed class MetricsAccessTests(MarketplaceFactory app)
{
    [Fact]
    public async Task Metrics_AnonymousOrOtherRoles_Refused()
    {
        var anonymous = app.NewClient();
        var response = await anonymous.GetAsync("/metrics");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("marketplace_", await response.Content.ReadAsStringAsync());
        foreach (var email in new[] { WebClientExtensions.OsakaStaff, WebClientExtensions.Expert, WebClientExtensions.Vendor })
        {
            var client = await app.SignedInAsync(email);
            response = await client.GetAsync("/metrics");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("marketplace_", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Metrics_NoTokenConfigured_BearerRefused()
    {
        Assert.True(string.IsNullOrEmpty(app.Services.GetRequiredService<IConfiguration>()[ScrapeToken.ConfigKey]));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer ");
        var response = await app.NewClient().SendAsync(request);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync());
    }
}
