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

    /// <summary>
    /// A handler name the page does not have, or a POST to a page that only reads, ran no handler and rendered the page
    /// with nothing loaded: a NullReferenceException and a 500 (helper review, stop 32). Now 404, as for anything not there.
    /// </summary>
    [Theory]
    [InlineData("/manage/openings/1?handler=Foo")]
    [InlineData("/manage/dispatch/requests/1?handler=Evaluate")]
    [InlineData("/openings/1")]
    public async Task PostToAHandlerThePageDoesNotHave_NotFoundNotServerError(string url)
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var response = await osaka.PostFormAsync(url, [new("x", "1")], "/manage/openings");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // A GET with an unknown handler name runs the page's OnGet (Razor Pages falls back to it): the page as usual.
        Assert.Equal(HttpStatusCode.OK, (await osaka.GetAsync("/openings/1?handler=Foo")).StatusCode);
    }
}
