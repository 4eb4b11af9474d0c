using Marketplace.Data;

namespace Marketplace.Web.Tests.Data;

public class ProviderTests
{
    [Theory]
    [InlineData("Postgres", DatabaseProvider.Postgres)]
    [InlineData("postgresql", DatabaseProvider.Postgres)]
    [InlineData("PostgreSQL", DatabaseProvider.Postgres)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("SQLITE", DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("  ", DatabaseProvider.Sqlite)]
    [InlineData(null, DatabaseProvider.Sqlite)]
    public void ResolveProvider_KnownNames_MapToProvider(string? value, DatabaseProvider expected)
    {
        var config = MigrationTests.Config(("Database:Provider", value));
        Assert.Equal(expected, DataServiceCollectionExtensions.ResolveProvider(config));
    }

    [Fact]
    public void ResolveProvider_NoSetting_IsSqlite()
    {
        Assert.Equal(DatabaseProvider.Sqlite, DataServiceCollectionExtensions.ResolveProvider(MigrationTests.Config()));
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("SqlServer")]
    [InlineData("postgres2")]
    public void ResolveProvider_Unknown_Throws(string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => DataServiceCollectionExtensions.ResolveProvider(MigrationTests.Config(("Database:Provider", value))));
        Assert.Contains(value, ex.Message);
    }
}
