using Marketplace.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// The real web app on its own SQLite file with the demo data, mail written to a temp folder.
/// Pass a <paramref name="databasePath"/> to start a second host on the same database.
/// </summary>
public class MarketplaceFactory : WebApplicationFactory<Program>
{
    public string Folder { get; }
    public string DatabasePath { get; }
    public string MailFolder => Path.Combine(Folder, "mail");
    private readonly bool _ownsFolder;

    public MarketplaceFactory() : this(null)
    {
    }

    /// <summary>A host on an existing database file, e.g. to restart the app on the same data.</summary>
    public static MarketplaceFactory OnDatabase(string databasePath) => new(databasePath);

    private MarketplaceFactory(string? databasePath)
    {
        _ownsFolder = databasePath is null;
        Folder = databasePath is null
            ? Path.Combine(Path.GetTempPath(), "mp-tests", Guid.NewGuid().ToString("N"))
            : Path.GetDirectoryName(databasePath)!;
        Directory.CreateDirectory(Folder);
        DatabasePath = databasePath ?? Path.Combine(Folder, "marketplace.db");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Marketplace", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Smtp:Host", "");
        builder.UseSetting("Smtp:PickupDirectory", MailFolder);
        builder.UseSetting("Seed:Demo", "true");
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A scope on the app's own services, for reading the database as the app sees it.</summary>
    public async Task<T> WithDbAsync<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsFolder)
        {
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
}

/// <summary>One app with demo data shared by the tests of the "web" collection (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<MarketplaceFactory>
{
    public const string Name = "web";
}
