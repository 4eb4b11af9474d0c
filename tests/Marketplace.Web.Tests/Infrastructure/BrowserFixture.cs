using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>A test that needs Debian's Chromium; skipped, with the reason shown, when it is not installed.</summary>
[TraitDiscoverer(SlowTraitDiscoverer.TypeName, SlowTraitDiscoverer.AssemblyName)]
public sealed class ChromiumFactAttribute : FactAttribute, ITraitAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath)) Skip = $"Chromium is not installed at {ChromiumPath} (Debian package 'chromium'; .ci/run installs it).";
    }
}

/// <summary>The app on a real Kestrel port, for a real browser.</summary>
public sealed class KestrelMarketplaceFactory : MarketplaceFactory
{
    public KestrelMarketplaceFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Urls", "http://127.0.0.1:0");
    }

    public string BaseUrl
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        }
    }
}

/// <summary>
/// One app on a real port per test class, and one Chromium for the whole run: every browser test class gets the same
/// browser, started on first use, and each test opens its own browser context in it, so the classes still run side by
/// side but Chromium starts once. A class's contexts are closed when its app stops; the browser, when the run ends.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchSharedAsync);

    public KestrelMarketplaceFactory App { get; } = new();
    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumFactAttribute.ChromiumPath)) return;
        Browser = await Shared.Value;
    }

    public async Task DisposeAsync()
    {
        if (Browser is { Contexts.Count: > 0 })
        {
            // This class's contexts are the ones showing its app (by 127.0.0.1 or localhost); the other classes' stay open.
            var port = new Uri(App.BaseUrl).Port;
            var own = Browser.Contexts.Where(c => c.Pages.Any(p => Uri.TryCreate(p.Url, UriKind.Absolute, out var url) && url.IsLoopback && url.Port == port)).ToList();
            foreach (var context in own) await context.CloseAsync();
        }
        await App.DisposeAsync();
    }

    private static async Task<IBrowser> LaunchSharedAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await BrowserSession.LaunchAsync(playwright);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().Wait(TimeSpan.FromSeconds(10));
            playwright.Dispose();
        };
        return browser;
    }
}
