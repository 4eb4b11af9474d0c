using Marketplace.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// One migrated database with the demo data per provider and test run; every test app's database starts as a copy of
/// it (SQLite's backup API, PostgreSQL's <c>CREATE DATABASE … TEMPLATE</c>). The app's own start-up still runs on
/// the copy (migrations, reference and demo seeding find their work done), so what a test sees is what a fresh start
/// gives, without migrating and seeding again for each of the suite's apps. The copy gets no Data Protection keys:
/// each app makes its own, as on a fresh start.
/// </summary>
public static class DatabaseTemplate
{
    private static readonly Lazy<string> Sqlite = new(() => Create(DatabaseProvider.Sqlite));
    private static readonly Lazy<string> Postgres = new(() => Create(DatabaseProvider.Postgres));
    private static readonly object PostgresCopies = new();

    public static void CopyInto(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (File.Exists(path)) return; // never over a database that already exists
            // The template is a file no app ever opens, read here without pooling, so nothing can hold a lock on it.
            using var source = new SqliteConnection($"Data Source={Sqlite.Value};Mode=ReadOnly;Pooling=False");
            using var target = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            source.Open();
            target.Open();
            source.BackupDatabase(target);
            using var keys = new SqliteCommand("DELETE FROM \"DataProtectionKeys\"", target);
            keys.ExecuteNonQuery();
            return;
        }
        var template = new NpgsqlConnectionStringBuilder(Postgres.Value).Database;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        // PostgreSQL copies from a template only while no one else uses it, another copy included: one at a time.
        lock (PostgresCopies)
        {
            using var admin = new NpgsqlConnection(TestDatabases.PostgresAdmin);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", admin);
                    create.ExecuteNonQuery();
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
                {
                    // A connection of the app that made the template outlived it; no app uses the template, so end it.
                    using var end = new NpgsqlCommand(
                        $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{template}' AND pid <> pg_backend_pid()", admin);
                    end.ExecuteNonQuery();
                    Thread.Sleep(250);
                }
            }
        }
        using var copy = new NpgsqlConnection(connectionString);
        copy.Open();
        using var clear = new NpgsqlCommand("DELETE FROM \"DataProtectionKeys\"", copy);
        clear.ExecuteNonQuery();
    }

    /// <summary>Starts the app once on a fresh database (migrate, seed) and keeps that database as the template.</summary>
    private static string Create(DatabaseProvider provider)
    {
        var app = MarketplaceFactory.Create(provider);
        app.StartFromTemplate = false;
        app.OwnsDatabase = false;
        _ = app.Services; // starting the host migrates and seeds
        app.Dispose();
        SqliteConnection.ClearAllPools();
        if (provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(provider, app);
            return app.ConnectionString;
        }
        // A copy of the seeded file that only backups read: the app that made it may still be closing connections.
        var template = Path.Combine(app.Folder, "template.db");
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ToString()))
        using (var target = new SqliteConnection($"Data Source={template};Pooling=False"))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(provider, app);
        return template;
    }

    private static void Remove(DatabaseProvider provider, MarketplaceFactory app)
    {
        try
        {
            if (provider == DatabaseProvider.Postgres) TestDatabases.DropPostgresDatabase(app.ConnectionString);
            SqliteConnection.ClearAllPools();
            Directory.Delete(app.Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or NpgsqlException or UnauthorizedAccessException)
        {
            // Left for the OS temp cleaner / the throwaway server.
        }
    }
}
