using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Marketplace.Web.Tests.Openings;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Hosting;

[Trait("Category", "Slow")]
public class RestartTests
{
    [Fact]
    public async Task SecondStart_SameDatabase_KeepsDataAndSeedsNothingAgain()
    {
        var first = new MarketplaceFactory { OwnsDatabase = false };
        var staff = await first.SignedInAsync(WebClientExtensions.OzuStaff);
        var id = await OpeningAccessTests.CreateDraftAsync(staff, "再起動後も残る下書き");
        var (openings, users) = await first.WithDbAsync(async db => (await db.Openings.CountAsync(), await db.Users.CountAsync()));

        // Stop the first host, then start another on the same database.
        await first.DisposeAsync();
        using var second = first.SecondInstance();
        second.OwnsDatabase = true;
        Assert.Equal(HttpStatusCode.OK, (await second.NewClient().GetAsync("/health")).StatusCode);
        var (openingsAfter, usersAfter, title) = await second.WithDbAsync(async db => (
            await db.Openings.CountAsync(), await db.Users.CountAsync(), await db.Openings.Where(o => o.Id == id).Select(o => o.Title).SingleAsync()));
        Assert.Equal(openings, openingsAfter);
        Assert.Equal(users, usersAfter);
        Assert.Equal("再起動後も残る下書き", title);
        var again = await second.SignedInAsync(WebClientExtensions.OzuStaff);
        Assert.Contains("再起動後も残る下書き", await again.GetStringAsync("/manage/openings"));
    }
}
