using System.Text.Json;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests;

/// <summary>One public search over openings and calls for proposals: an outsourced call is a posting too.</summary>
[Collection(WebCollection.Name)]
public class UnifiedSearchTests(MarketplaceFactory factory)
{
    private Task<List<ProposalCall>> OpenCallsAsync() => factory.WithDbAsync(db => db.ProposalCalls.AsNoTracking()
        .Where(c => c.Status == CallStatus.Published && c.SubmissionDeadline > DateTime.UtcNow).ToListAsync());

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
    public async Task RoleFilter_LeavesCallsOut_AndCallsStillHaveTheirOwnList()
    {
        var client = factory.NewClient();
        var html = await client.GetStringAsync("/openings?engagement=outsourced&role=cio");
        Assert.DoesNotContain("href=\"/calls/", html);
        var calls = await client.GetStringAsync("/calls");
        foreach (var call in await OpenCallsAsync()) Assert.Contains($"/calls/{call.Id}", calls);
    }
}
