using System.Net;
using Marketplace.Web.Features.Security;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Security;

/// <summary>
/// Settings that differ from the shared app: a known reverse proxy (the test host has no client address, so a
/// start-up filter plays the peer's address from a test header), demo data off by default and refused in Production.
/// </summary>
public sealed class ProxyAndSeedTests : IDisposable
{
    private const string Proxy = "10.0.0.1";
    private readonly List<MarketplaceFactory> _apps = [];

    public void Dispose()
    {
        foreach (var app in _apps) app.Dispose();
    }

    private MarketplaceFactory App(Action<MarketplaceFactory>? configure = null)
    {
        var app = new MarketplaceFactory();
        app.Settings["ForwardedHeaders:KnownProxies"] = Proxy;
        app.ExtraServices.Add(s => s.AddSingleton<IStartupFilter, PeerAddressFilter>());
        configure?.Invoke(app);
        _apps.Add(app);
        return app;
    }

    private static HttpRequestMessage From(string peer, string url, bool viaHttps)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(PeerAddressFilter.Header, peer);
        if (viaHttps)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.5");
        }
        return request;
    }

    [Fact]
    public async Task ForwardedHttps_IsBelievedFromTheKnownProxyOnly()
    {
        var client = App().NewClient();
        var viaProxy = await client.SendAsync(From(Proxy, "/account/login", viaHttps: true));
        Assert.Equal(SecuritySetup.StrictTransportSecurity, viaProxy.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = viaProxy.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mp.af=", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        var forged = await client.SendAsync(From("10.9.9.9", "/account/login", viaHttps: true));
        Assert.False(forged.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task SignInPosts_AreLimitedPerClientAddress()
    {
        var app = App();
        var client = app.NewClient();
        var token = await client.TokenAsync();
        HttpStatusCode last = 0;
        for (var i = 0; i < 21; i++)
        {
            var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
            {
                Content = new FormUrlEncodedContent([new("Input.Email", $"guess{i}@example.jp"), new("Input.Password", "wrong-pass-0000"), new("__RequestVerificationToken", token)]),
            };
            post.Headers.Add(PeerAddressFilter.Header, "192.0.2.7");
            last = (await client.SendAsync(post)).StatusCode;
            if (i < 20) Assert.Equal(HttpStatusCode.OK, last);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        // Another client is not affected.
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().SignInAsync(WebClientExtensions.Expert)).StatusCode);
    }

    [Fact]
    [Slow] // migrates and seeds a new database: no template has reference data alone
    public async Task DemoData_IsOffUnlessAskedFor()
    {
        var app = App(a => a.Settings.Remove("Seed:Demo"));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync()));
        Assert.True(await app.WithDbAsync(db => db.Organizations.AnyAsync())); // reference data is always there
    }

    [Fact]
    public void DemoData_InProduction_RefusesToStart_WithAClearMessage()
    {
        var app = App(a => a.Settings["environment"] = "Production");
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("Seed:Demo is true in the Production environment", Flatten(error));
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " " + Flatten(e.InnerException);

    /// <summary>Gives test requests the client address named in a header, as Kestrel would from the socket.</summary>
    private sealed class PeerAddressFilter : IStartupFilter
    {
        public const string Header = "X-Test-Peer";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                if (IPAddress.TryParse(ctx.Request.Headers[Header], out var ip)) ctx.Connection.RemoteIpAddress = ip;
                return nextMiddleware(ctx);
            });
            next(app);
        };
    }
}
