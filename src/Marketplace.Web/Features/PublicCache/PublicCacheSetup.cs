using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Web.Features.PublicCache;

/// <summary>
/// Output caching of the pages anonymous visitors read most (searches, postings, notices, dispatch results).
/// Pages are keyed by path, query, language and the public-content version (the newest
/// <see cref="Data.Entities.PublicContentChange"/>), so a save on any instance retires every instance's copies
/// within <see cref="PublicContentVersion.DefaultMaxAge"/>; the saving instance evicts its own at once by tag, and with
/// <c>ConnectionStrings:Redis</c> set the store (and so every eviction) is shared by all instances.
/// <c>OutputCache:Enabled=false</c> turns it off (the benchmark's uncached run).
/// </summary>
public static class PublicCacheSetup
{
    public const string Policy = "PublicPage";
    public const string Tag = "public-content";

    public static IServiceCollection AddPublicCache(this IServiceCollection services, IConfiguration config)
    {
        var enabled = config.GetValue("OutputCache:Enabled", true);
        services.AddSingleton<PublicContentVersion>();
        services.AddSingleton<IInterceptor, PublicContentSaveInterceptor>();
        services.AddOutputCache(o =>
        {
            o.SizeLimit = config.GetValue("OutputCache:SizeLimitMegabytes", 256L) * 1024 * 1024;
            o.AddPolicy(Policy, new PublicPagePolicy(enabled));
        });
        var redis = config.GetConnectionString("Redis");
        if (enabled && !string.IsNullOrWhiteSpace(redis))
        {
            services.AddStackExchangeRedisOutputCache(o =>
            {
                o.Configuration = redis;
                o.InstanceName = "marketplace:";
            });
        }
        return services;
    }

    /// <summary>After authentication (signed-in users are never served a shared page) and localization.</summary>
    public static IApplicationBuilder UsePublicCache(this IApplicationBuilder app) => app.UseOutputCache();

    /// <summary>Marks an endpoint's output as cacheable for anonymous visitors.</summary>
    public static TBuilder CacheForAnonymous<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.CacheOutput(Policy);
}

/// <summary>
/// The newest public-content version, read from the database at most once a <see cref="MaxAge"/>
/// (<c>OutputCache:VersionMaxAgeMilliseconds</c>, 1 second unless set; a test of the shared Redis store sets it
/// long, so that only the store's eviction can show a change).
/// </summary>
public sealed class PublicContentVersion(IServiceScopeFactory scopes, IConfiguration config)
{
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(1);

    public TimeSpan MaxAge { get; } = TimeSpan.FromMilliseconds(config.GetValue("OutputCache:VersionMaxAgeMilliseconds", DefaultMaxAge.TotalMilliseconds));

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private long _version = -1;
    // Environment.TickCount64 of the last read (the app's TimeProvider may be a test clock that stands still).
    private const long Never = long.MinValue / 2;
    private long _readAt = Never;

    private bool Fresh => Environment.TickCount64 - Interlocked.Read(ref _readAt) < (long)MaxAge.TotalMilliseconds;

    public async ValueTask<long> CurrentAsync(CancellationToken ct)
    {
        if (Fresh) return Interlocked.Read(ref _version);
        // One request reads; the others wait for it (a moment, once a second) rather than use a version older than MaxAge.
        await _refresh.WaitAsync(ct);
        try
        {
            if (!Fresh) await ReadAsync(ct);
            return Interlocked.Read(ref _version);
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Called after this instance saved a change: the next page is keyed by the new version at once.</summary>
    public void Invalidate() => Interlocked.Exchange(ref _readAt, Never);

    private async Task ReadAsync(CancellationToken ct)
    {
        var started = Environment.TickCount64;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var latest = await db.PublicContentChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        Interlocked.Exchange(ref _version, latest);
        Interlocked.Exchange(ref _readAt, started);
    }
}

/// <summary>Evicts this instance's cached pages once a save that changed public content has committed.</summary>
public sealed class PublicContentSaveInterceptor(IServiceProvider services) : SaveChangesInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Evict(eventData.Context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await Evict(eventData.Context, cancellationToken);
        return result;
    }

    private async ValueTask Evict(DbContext? context, CancellationToken ct)
    {
        if (context is not MarketplaceDbContext { PublicContentChangedOnLastSave: true }) return;
        services.GetRequiredService<PublicContentVersion>().Invalidate();
        await services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(PublicCacheSetup.Tag, ct);
    }
}
