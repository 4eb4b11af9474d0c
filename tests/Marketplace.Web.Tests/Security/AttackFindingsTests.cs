using System.Net;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Security;

/// <summary>What <see cref="RouteRoleTests"/> and <see cref="FuzzTests"/> found, each pinned by a test of its own.</summary>
[Collection(PeopleCollection.Name)]
public sealed class AttackFindingsTests(MarketplaceFactory factory)
{
    /// <summary>
    /// Opening the authenticator set-up page makes a key, which renews the security stamp; the browser that opened it
    /// was then signed out at the next stamp check, a minute later.
    /// </summary>
    [Fact]
    public async Task OpeningTheEnablePage_KeepsThisBrowserSignedIn()
    {
        var (email, _) = await factory.CreateExpertAsync("二段階 未設定");
        var expert = await factory.SignedInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await expert.GetAsync("/account/two-factor/enable")).StatusCode);
        factory.Clock.Advance(TimeSpan.FromMinutes(2)); // past the security stamp's validation interval
        var profile = await expert.GetAsync("/profile");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    /// <summary>
    /// A form field named like the route's id wins over the route in model binding: <c>id=abc</c> posted to a dispatch
    /// request made the page render with no request (500) instead of answering 404.
    /// </summary>
    [Fact]
    public async Task PostedIdThatIsNoNumber_NotFoundNotServerError()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var response = await office.PostFormAsync("/admin/dispatch/requests/1?handler=Propose", [new("id", "abc")], "/admin/dispatch");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
