using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Data.Sqlite;

public sealed class SqliteMarketplaceDbContext(DbContextOptions<SqliteMarketplaceDbContext> options)
    : MarketplaceDbContext(options)
{
    /// <summary>SQLite has no index for substring search: an FTS5 table of bigrams, kept in step with each save.</summary>
    protected override bool KeepsKeywordTable => true;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDbFunction(typeof(KeywordMatchSets).GetMethod(nameof(KeywordMatchSets.Contains))!).HasName(KeywordMatchSets.FunctionName);
    }

    public override bool TestsKeywordMatchSetsInMemory => true;

    public override IQueryable<int>? KeywordCandidates(KeywordTarget target, IReadOnlyCollection<string> terms) =>
        KeywordIndex.SqliteMatch(terms) is { } match
            ? Database.SqlQuery<int>(FormattableStringFactory.Create($"SELECT rowid AS \"Value\" FROM \"{target.SqliteTable}\" WHERE \"{target.SqliteTable}\" MATCH {{0}}", match))
            : null;
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the web app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMarketplaceDbContext>
{
    public SqliteMarketplaceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMarketplaceDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .Options);
}
