using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Jobs;

/// <summary>The office's job dashboard: one language, and the recurring schedules cannot be deleted from it.</summary>
public sealed class JobsDashboardTests(MarketplaceFactory factory) : IClassFixture<MarketplaceFactory>
{
    private List<string> RecurringIds()
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).ToList();
    }

    [Fact]
    public async Task JobsDashboard_OfficeRemovesOrTriggersARecurringJob_RefusedAndScheduleKept()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        Assert.Contains("outbox-send", RecurringIds());
        var page = await office.GetStringAsync("/admin/jobs/recurring");
        Assert.DoesNotContain("data-ajax=\"/admin/jobs/recurring/remove\"", page);
        var header = Regex.Match(page, "<meta name=\"csrf-header\" content=\"([^\"]*)\"").Groups[1].Value;
        var token = WebUtility.HtmlDecode(Regex.Match(page, "<meta name=\"csrf-token\" content=\"([^\"]*)\"").Groups[1].Value);

        foreach (var command in new[] { "remove", "trigger" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/jobs/recurring/{command}")
            {
                Content = new FormUrlEncodedContent([new("jobs[]", "outbox-send")]),
            };
            if (header.Length > 0) request.Headers.Add(header, token);
            var response = await office.SendAsync(request);
            Assert.False(response.IsSuccessStatusCode, $"{command}: {response.StatusCode}");
        }
        Assert.Contains("outbox-send", RecurringIds());
    }

    [Fact]
    public async Task JobsDashboard_JapaneseOffice_PageInOneLanguageWithItsLangSet()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var html = await office.GetStringAsync("/admin/jobs/recurring");
        // Hangfire has no Japanese: the whole page is English and says so, not English text marked lang="ja".
        Assert.Matches("<html lang=\"en\"", html);
        Assert.DoesNotContain("lang=\"ja\"", html);
    }
}
