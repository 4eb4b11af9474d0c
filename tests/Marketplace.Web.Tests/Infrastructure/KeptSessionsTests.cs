using System.Net;
using Marketplace.Web.Features.Seeding;
using Marketplace.Web.Tests.Experts;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// <see cref="KeptSessions"/>: a second <see cref="WebClientExtensions.SignedInAsync"/> of the same person is another
/// tab of the same session, and a person whose cookie claims changed, or whose sessions ended, signs in anew. With
/// <c>MARKETPLACE_TEST_FRESH_SIGN_IN=1</c>, which turns the reuse off, this test fails on its first count, as it should.
/// </summary>
[Collection(PeopleCollection.Name)]
public class KeptSessionsTests(MarketplaceFactory app)
{
    private Task<int> SessionsAsync(string userId) => app.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == userId));

    [Fact]
    public async Task SecondCall_SameSession_ChangedClaimsOrEndedSessions_SignInAnew()
    {
        var (userId, email) = await app.NewExpertAccountAsync("再利用 確認", password: DemoDataSeeder.Password);
        await app.SignedInAsync(email);
        Assert.Equal(1, await SessionsAsync(userId));

        var second = await app.SignedInAsync(email);
        Assert.Equal(1, await SessionsAsync(userId));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/account/notifications")).StatusCode);

        // The name is in the cookie: after a change, a new sign-in carries the new one.
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "改名 確認")));
        var renamed = await app.SignedInAsync(email);
        Assert.Equal(2, await SessionsAsync(userId));
        Assert.Contains("改名 確認", await renamed.GetStringAsync("/account/notifications"));

        // Signing out ends every session of the person; the next call signs in again.
        Assert.Equal(HttpStatusCode.Redirect, (await renamed.PostFormAsync("/account/logout", [], "/account/notifications")).StatusCode);
        Assert.Equal(0, await SessionsAsync(userId));
        var again = await app.SignedInAsync(email);
        Assert.Equal(1, await SessionsAsync(userId));
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/account/notifications")).StatusCode);
    }
}
