using Microsoft.Data.Sqlite;

namespace Marketplace.Web.Tests.Data;

/// <summary>A temporary folder holding a SQLite database file, deleted afterwards.</summary>
public sealed class TempSqlite : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mp-data-tests", Guid.NewGuid().ToString("N"));
    public string DatabasePath => Path.Combine(Folder, "marketplace.db");
    public string ConnectionString => $"Data Source={DatabasePath}";

    public TempSqlite() => Directory.CreateDirectory(Folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS temp cleaner
        }
    }
}
