using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>The real clock moved by a settable offset, so tests can step into a round's later phases.</summary>
public sealed class ShiftableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + Offset;
}

/// <summary>A factory (own database, demo data) whose app reads the time from a <see cref="ShiftableClock"/>.</summary>
public sealed class ClockFactory : MarketplaceFactory
{
    public ShiftableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}
