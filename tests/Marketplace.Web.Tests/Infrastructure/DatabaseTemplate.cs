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
            using var target = Backup($"Data Source={Sqlite.Value};Mode=ReadOnly", connectionString);
            // WAL, as the app's databases are (the template keeps a rollback journal, see Create); the app's first
            // connection is EF's read-only existence check, which cannot switch the mode itself.
            using var keys = new SqliteCommand("PRAGMA journal_mode=WAL; DELETE FROM \"DataProtectionKeys\"", target);
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

    /// <summary>
    /// Starts the app once on a fresh database (migrate, seed) and keeps that database as the template. On SQLite the
    /// template is also kept for the next run of the same build (see <see cref="KeptSqliteTemplate"/>).
    /// </summary>
    private static string Create(DatabaseProvider provider)
    {
        var kept = provider == DatabaseProvider.Sqlite ? KeptSqliteTemplate() : null;
        if (kept is { Exists: true }) return kept.FullName;
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
        using (var copy = Backup(app.ConnectionString, $"Data Source={template}"))
        {
            // A rollback journal, not WAL: read-only readers of a WAL file race to recover its index ("database is
            // locked", SQLITE_BUSY_RECOVERY) when many apps copy it at once. Each copy is switched back to WAL (CopyInto).
            using var journal = new SqliteCommand("PRAGMA journal_mode=DELETE", copy);
            journal.ExecuteNonQuery();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(provider, app);
        if (kept is not null) Keep(template, kept);
        return template;
    }

    /// <summary>How long a kept template serves: the demo data's dates are relative to when it was seeded.</summary>
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);

    /// <summary>
    /// Where the SQLite template of this build is kept between runs, so that the quick loop of a developer who runs
    /// the tests again does not migrate and seed again. The name holds the module ids of the app, data and matching
    /// assemblies (deterministic builds: a changed migration, seeder or entity gives another id), the test apps'
    /// password hash iterations and the seed files' names, sizes and times; a kept file older than
    /// <see cref="KeptFor"/> is not used. Null (nothing kept) when <c>MARKETPLACE_TEST_FRESH_TEMPLATE=1</c>.
    /// </summary>
    private static FileInfo? KeptSqliteTemplate()
    {
        if (Environment.GetEnvironmentVariable("MARKETPLACE_TEST_FRESH_TEMPLATE") == "1") return null;
        var key = new System.Text.StringBuilder($"pbkdf2={MarketplaceFactory.PasswordIterations};");
        foreach (var assembly in new[] { typeof(Program).Assembly, typeof(MarketplaceDbContext).Assembly, typeof(Marketplace.Matching.OpeningRecord).Assembly })
        {
            key.Append(assembly.ManifestModule.ModuleVersionId).Append(';');
        }
        var seed = Marketplace.Web.Features.SeedFiles.Folder;
        if (Directory.Exists(seed))
        {
            foreach (var file in Directory.GetFiles(seed, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                key.Append(Path.GetRelativePath(seed, file)).Append(':').Append(info.Length).Append(':').Append(info.LastWriteTimeUtc.Ticks).Append(';');
            }
        }
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key.ToString())))[..16];
        var kept = new FileInfo(Path.Combine(Path.GetTempPath(), "mp-tests-templates", $"sqlite-{hash}.db"));
        if (kept.Exists && DateTime.UtcNow - kept.LastWriteTimeUtc > KeptFor)
        {
            TryDelete(kept.FullName);
            kept.Refresh();
        }
        return kept;
    }

    /// <summary>Keeps a copy of the template under its build's name, written beside it first so no run reads half a file.</summary>
    private static void Keep(string template, FileInfo kept)
    {
        try
        {
            Directory.CreateDirectory(kept.DirectoryName!);
            var partial = kept.FullName + "." + Guid.NewGuid().ToString("N") + ".partial";
            File.Copy(template, partial);
            File.Move(partial, kept.FullName, overwrite: true);
        }
        catch (IOException)
        {
            // Only a saving for the next run.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another run may be reading it; it is not used once too old.
        }
    }

    /// <summary>
    /// Copies one SQLite database into another with the backup API and returns the open target. A connection of the
    /// app that made the source may still be closing (its last close checkpoints the WAL under a lock), and the backup
    /// API answers "database is locked" at once instead of waiting as commands do, so a busy source is retried.
    /// </summary>
    private static SqliteConnection Backup(string sourceConnectionString, string targetConnectionString)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var source = new SqliteConnection(new SqliteConnectionStringBuilder(sourceConnectionString) { Pooling = false }.ToString());
            var target = new SqliteConnection(new SqliteConnectionStringBuilder(targetConnectionString) { Pooling = false }.ToString());
            try
            {
                source.Open();
                target.Open();
                source.BackupDatabase(target);
                return target;
            }
            catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) is 5 or 6 && attempt < 100) // SQLITE_BUSY, SQLITE_LOCKED and their extended codes
            {
                target.Dispose();
                Thread.Sleep(100);
            }
            catch
            {
                target.Dispose();
                throw;
            }
        }
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
