using Marketplace.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Marketplace.Web.Features.Notifications;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// The real web app with the demo data on its own database (a temp SQLite file, or a fresh PostgreSQL
/// database when the tests run on PostgreSQL), mail written to a temp folder, the job server off.
/// </summary>
public class MarketplaceFactory : WebApplicationFactory<Program>
{
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string Folder { get; }
    public string MailFolder => Path.Combine(Folder, "mail");

    /// <summary>Sign-ins of <see cref="WebClientExtensions.SignedInAsync"/> on this app, used again while still alike.</summary>
    public KeptSessions Sessions { get; }

    /// <summary>The app's clock: real time until a test moves it forward.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Whether disposing this host removes its database (false for a second instance on the same one).</summary>
    public bool OwnsDatabase { get; set; } = true;

    /// <summary>Extra services (e.g. a fault-injecting interceptor); add before the first request.</summary>
    public List<Action<IServiceCollection>> ExtraServices { get; } = [];

    /// <summary>Extra configuration, e.g. <c>Jobs:Server=true</c>; set before the first request.</summary>
    /// <remarks>
    /// The pending-model check at start-up is off: MigrationTests makes it once per provider, and each of the suite's
    /// apps would otherwise build and diff the whole model again. So is the refusal of an authenticator code used
    /// before (<c>TwoFactor:RefuseReusedCodes</c>): the suite signs the demo office and staff, who share one demo key,
    /// in many times a minute, and each code works once. TwoFactorTests turns it on and checks it.
    /// </remarks>
    public Dictionary<string, string> Settings { get; } = new()
    {
        ["Jobs:Server"] = "false", ["Seed:Demo"] = "true", ["Database:CheckPendingModelChanges"] = "false", ["TwoFactor:RefuseReusedCodes"] = "false",
    };

    public MarketplaceFactory() : this(TestDatabases.DefaultProvider, null, null)
    {
    }

    private MarketplaceFactory(DatabaseProvider provider, string? connectionString, string? folder)
    {
        Provider = provider;
        Sessions = new KeptSessions(this);
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "mp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        ConnectionString = connectionString ?? (provider == DatabaseProvider.Postgres
            ? TestDatabases.CreatePostgresDatabase()
            : $"Data Source={Path.Combine(Folder, "marketplace.db")}");
    }

    public static MarketplaceFactory Create(DatabaseProvider provider) => new(provider, null, null);

    /// <summary>Another app instance on the same database (and mail folder), as behind a load balancer or after a restart.</summary>
    public MarketplaceFactory SecondInstance() => new(Provider, ConnectionString, Folder) { OwnsDatabase = false, StartFromTemplate = false };

    /// <summary>
    /// Whether a new database starts as a copy of the migrated and seeded template (see <see cref="DatabaseTemplate"/>)
    /// instead of being migrated and seeded again. Off for the template itself, for a second instance and whenever the
    /// settings ask for something other than the demo data.
    /// </summary>
    public bool StartFromTemplate { get; set; } = true;

    /// <summary>
    /// PBKDF2 iterations of the test apps' password hashes, instead of Identity's 100,000: the suite signs in well over a
    /// thousand times, and at the default each check took about 80 ms of CPU, a large share of the quick loop on two
    /// cores. Hashing and checking run the same code with the same format (the count is stored in each hash, so a hash
    /// made with more iterations still verifies); only the cost, which no test measures, is lower. The template
    /// database's demo passwords are hashed with it too (see <see cref="DatabaseTemplate"/>).
    /// </summary>
    public const int PasswordIterations = 1_000;

    /// <summary>
    /// EF Core's cache of built models and compiled queries, shared by every test app of the run. Each app otherwise
    /// gets a cache of its own and builds the same model (and compiles the same queries) again, about a tenth of a
    /// test app's start. A model is cached per context type (one per provider) and depends only on the entity
    /// configurations and the Identity store options, which no test app changes; a compiled query holds no database,
    /// clock or data of the app that compiled it (each run gets its connection, parameters and logger from the
    /// running context). A test that needs another model must not use this factory.
    /// </summary>
    private static readonly Microsoft.Extensions.Caching.Memory.MemoryCache SharedEfCache = new(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (StartFromTemplate && Settings.GetValueOrDefault("Seed:Demo") == "true")
        {
            DatabaseTemplate.CopyInto(Provider, ConnectionString);
        }
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Marketplace", ConnectionString);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Smtp:Host", "");
        builder.UseSetting("Smtp:PickupDirectory", MailFolder);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordIterations);
            services.ConfigureDbContext<Marketplace.Data.Sqlite.SqliteMarketplaceDbContext>(o => o.UseMemoryCache(SharedEfCache));
            services.ConfigureDbContext<Marketplace.Data.Postgres.PostgresMarketplaceDbContext>(o => o.UseMemoryCache(SharedEfCache));
            SharedModelMetadata.Use(services);
            foreach (var add in ExtraServices) add(services);
        });
    }

    /// <summary>Runs the outbox job once, as Hangfire would (the job server is off in tests).</summary>
    public async Task<OutboxRunResult> DeliverMailAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync();
    }

    /// <summary>Delivers what waits in the outbox, then the newest .eml to the address, decoded.</summary>
    public async Task<MimeKit.MimeMessage?> LatestMailToAsync(string to)
    {
        await DeliverMailAsync();
        return WebClientExtensions.LatestMailTo(MailFolder, to);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> Jars = new();

    /// <summary>
    /// A browser-like client: keeps cookies, does not follow redirects. Pass another client's
    /// <see cref="CookiesOf"/> to continue that browser's session on this instance.
    /// </summary>
    public HttpClient NewClient(CookieContainer? cookies = null)
    {
        cookies ??= new CookieContainer();
        var client = CreateDefaultClient(new CookieContainerHandler(cookies));
        Jars.AddOrUpdate(client, cookies);
        return client;
    }

    public static CookieContainer CookiesOf(HttpClient client) =>
        Jars.TryGetValue(client, out var jar) ? jar : throw new ArgumentException("Not a client made by NewClient.", nameof(client));

    /// <summary>A copy of a cookie jar: the same cookies, after which the copy and the original change apart.</summary>
    public static CookieContainer CopyOf(CookieContainer jar)
    {
        var copy = new CookieContainer();
        foreach (Cookie c in jar.GetAllCookies()) copy.Add(new Cookie(c.Name, c.Value, c.Path, c.Domain));
        return copy;
    }

    /// <summary>A scope on the app's own services, for reading the database as the app sees it.</summary>
    public async Task<T> WithDbAsync<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    /// <summary>The concurrency token of an opening as the management pages would put it in a form.</summary>
    public Task<string> TokenOfAsync(int openingId) =>
        WithDbAsync(async db => db.ConcurrencyTokenOf(await db.Openings.SingleAsync(o => o.Id == openingId)));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || !OwnsDatabase) return;
        if (Provider == DatabaseProvider.Postgres)
        {
            TestDatabases.DropPostgresDatabase(ConnectionString);
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine is left for the OS temp cleaner.
        }
    }
}

/// <summary>
/// One app with demo data shared by the tests of the "web" collection (they run one after another): openings,
/// applications, cases, lists, imports and open data. Each test makes its own uniquely named data or only reads.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<MarketplaceFactory>
{
    public const string Name = "web";
}

/// <summary>
/// A second shared app, for the tests of accounts, sign-in, second factors, audit, expert profiles, organisations and
/// dashboards. With every such class on the one "web" app, that collection was a chain of some 35 classes that ran on
/// one thread for the last third of the run while the other core had nothing left to do; two chains of about equal
/// length keep both cores busy (see <see cref="SharedAppsFirst"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PeopleCollection : ICollectionFixture<MarketplaceFactory>
{
    public const string Name = "web-people";
}
