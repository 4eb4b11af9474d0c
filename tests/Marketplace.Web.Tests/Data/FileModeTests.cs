using Marketplace.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Data;

/// <summary>The SQLite database and its folder, when the service creates them, are the service user's only (0600 / 0700).</summary>
public class FileModeTests
{
    [Fact]
    public async Task CreatedDatabaseAndFolder_AreOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        var root = Path.Combine(Path.GetTempPath(), "mp-modes", Guid.NewGuid().ToString("N"));
        var folder = Path.Combine(root, "data");
        var file = Path.Combine(folder, "marketplace.db");
        try
        {
            var config = MigrationTests.Config(("ConnectionStrings:Marketplace", $"Data Source={file}"));
            await using var services = new ServiceCollection().AddMarketplaceData(config, root).BuildServiceProvider();
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
                await db.Database.MigrateAsync();
                Assert.True(await db.Organizations.CountAsync() >= 0);
            }

            Assert.Equal(OwnerOnlyFiles.FolderMode, File.GetUnixFileMode(folder));
            Assert.Equal(OwnerOnlyFiles.FileMode, File.GetUnixFileMode(file));
            foreach (var companion in new[] { file + "-wal", file + "-shm" }.Where(File.Exists))
            {
                Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(companion) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ExistingFolder_KeepsTheOperatorsMode()
    {
        if (OperatingSystem.IsWindows()) return;
        var folder = Path.Combine(Path.GetTempPath(), "mp-modes", Guid.NewGuid().ToString("N"));
        const UnixFileMode shared = OwnerOnlyFiles.FolderMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        Directory.CreateDirectory(folder, shared);
        try
        {
            OwnerOnlyFiles.CreateFolder(folder);
            Assert.Equal(shared, File.GetUnixFileMode(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
