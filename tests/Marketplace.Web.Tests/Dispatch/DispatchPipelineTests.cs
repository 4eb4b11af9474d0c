using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Localization;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Dispatch;

/// <summary>The office dashboard's pipeline tells dispatches that have started from those approved but not yet begun.</summary>
public sealed class DispatchPipelineTests(MarketplaceFactory factory) : IClassFixture<MarketplaceFactory>
{
    private static int RowCount(string html, string label)
    {
        var m = Regex.Match(html, $"<tr><th scope=\"row\">{Regex.Escape(label)}</th><td>(\\d+)</td></tr>");
        Assert.True(m.Success, $"No pipeline row {label}");
        return int.Parse(m.Groups[1].Value);
    }

    [Fact]
    public async Task Pipeline_ApprovedDispatchNotYetStarted_CountedAsNotStartedNotActive()
    {
        var (_, userId, profileId) = await factory.CertifiedExpertAsync();
        var host = await factory.OrgAsync("382078");
        await factory.MakeReadyAsync(host.Id);
        var proposal = await factory.AcceptedProposalAsync(host.Id, userId, profileId);
        var approved = await factory.ApproveAsync(proposal);
        Assert.True(approved.Succeeded, approved.FirstError);

        var round = await factory.RoundAsync();
        var today = await factory.WithAsync(sp => Task.FromResult(DisplayFormatter.TodayInJapan(sp.GetRequiredService<TimeProvider>())));
        Assert.True(round.DispatchStartsOn > today, "the demo round's dispatches start after today");
        var (started, notStarted) = await factory.WithDbAsync(async db => (
            await db.Dispatches.CountAsync(d => d.RoundId == round.Id && d.Status == DispatchStatus.Active && d.StartDate <= today),
            await db.Dispatches.CountAsync(d => d.RoundId == round.Id && d.Status == DispatchStatus.Active && d.StartDate > today)));
        Assert.True(notStarted >= 1);

        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var html = await office.GetStringAsync($"/admin/dispatch/dashboard?round={round.Id}");
        Assert.Equal(started, RowCount(html, "派遣中"));
        Assert.Equal(notStarted, RowCount(html, "派遣開始前"));
    }
}
