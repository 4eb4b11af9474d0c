using Marketplace.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Seeding;

public static class DatabaseInitializer
{
    /// <summary>Applies migrations, seeds reference data, and demo data when <c>Seed:Demo</c> is true (the default).</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Marketplace.Startup");
        var db = sp.GetRequiredService<MarketplaceDbContext>();
        var info = sp.GetRequiredService<DatabaseInfo>();
        log.LogInformation("Database: {Provider} {Connection}", info.Provider, info.DisplayConnectionString);

        await db.Database.MigrateAsync();
        await sp.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
        if (app.Configuration.GetValue("Seed:Demo", true))
        {
            var created = await sp.GetRequiredService<DemoDataSeeder>().SeedAsync();
            if (created) log.LogInformation("Demo data seeded.");
        }
    }

    /// <summary>Prints where the service listens and the demo sign-ins, once it has started.</summary>
    public static void PrintWelcome(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            var lines = new List<string>
            {
                "",
                "  自治体CIO人材マーケットプレイス / CIO talent marketplace",
                $"  URL: {urls}",
            };
            if (app.Configuration.GetValue("Seed:Demo", true))
            {
                lines.Add($"  デモ用サインイン / demo sign-ins (password: {DemoDataSeeder.Password})");
                lines.AddRange(DemoDataSeeder.SignIns.Select(s => $"    {s.Role,-15} {s.Email}"));
            }
            lines.Add("");
            Console.WriteLine(string.Join(Environment.NewLine, lines));
        });
    }
}
