using Marketplace.Data;
using Npgsql;
using Xunit.Sdk;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// Which database the integration tests use. <c>MARKETPLACE_TEST_POSTGRES</c> is an admin connection string to a
/// throwaway PostgreSQL server (started by .ci/run); <c>MARKETPLACE_TEST_PROVIDER=Postgres</c> runs the whole web
/// suite on it instead of SQLite. Each test app gets its own database, dropped afterwards.
/// </summary>
public static class TestDatabases
{
    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("MARKETPLACE_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public static DatabaseProvider DefaultProvider =>
        string.Equals(Environment.GetEnvironmentVariable("MARKETPLACE_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? PostgresAdmin is not null
                ? DatabaseProvider.Postgres
                : throw new InvalidOperationException("MARKETPLACE_TEST_PROVIDER=Postgres needs MARKETPLACE_TEST_POSTGRES (an admin connection string).")
            : DatabaseProvider.Sqlite;

    public const string NotConfigured =
        "PostgreSQL is not configured for tests: set MARKETPLACE_TEST_POSTGRES to an admin connection string (.ci/run starts a throwaway server and sets it).";

    public static string CreatePostgresDatabase()
    {
        var name = "mp_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var conn = new NpgsqlConnection(PostgresAdmin))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name }.ConnectionString;
    }

    public static void DropPostgresDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(PostgresAdmin);
        conn.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }
}

/// <summary>A test that needs a PostgreSQL server; skipped, with the reason shown, when none is configured.</summary>
[TraitDiscoverer(SlowTraitDiscoverer.TypeName, SlowTraitDiscoverer.AssemblyName)]
public sealed class PostgresFactAttribute : FactAttribute, ITraitAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabases.PostgresAdmin is null) Skip = TestDatabases.NotConfigured;
    }
}
