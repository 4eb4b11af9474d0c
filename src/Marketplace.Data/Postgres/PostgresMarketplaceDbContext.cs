using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Data.Postgres;

/// <summary>
/// PostgreSQL: optimistic concurrency on the xmin system column (changed by every write, whoever makes it),
/// and a trigram index so that substring search on Japanese text can use an index.
/// </summary>
public sealed class PostgresMarketplaceDbContext(DbContextOptions<PostgresMarketplaceDbContext> options)
    : MarketplaceDbContext(options)
{
    private const string Xmin = "xmin";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)).ToList())
        {
            var entity = builder.Entity(type.ClrType);
            entity.Ignore(nameof(IVersioned.Version));
            entity.Property<uint>(Xmin).HasColumnName(Xmin).HasColumnType("xid").IsRowVersion();
        }
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Opening>().HasIndex(o => o.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.Entity<CaseStudy>().HasIndex(c => c.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
    }

    public override string ConcurrencyTokenOf(IVersioned entity) =>
        Entry(entity).Property<uint>(Xmin).CurrentValue.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override void ExpectConcurrencyToken(IVersioned entity, string? token) =>
        Entry(entity).Property<uint>(Xmin).OriginalValue = uint.TryParse(token, out var v) ? v : 0;

    protected override void StampVersions()
    {
    }

    /// <summary>Rows whose bigrams include every bigram of the terms, through the GIN index on mp_bigrams("SearchText").</summary>
    public override IQueryable<int>? KeywordCandidates(KeywordTarget target, IReadOnlyCollection<string> terms) =>
        KeywordIndex.PostgresBigrams(terms) is { Length: > 0 } bigrams
            ? Database.SqlQuery<int>(FormattableStringFactory.Create(
                $"SELECT \"Id\" AS \"Value\" FROM \"{target.Table}\" WHERE {KeywordIndex.PostgresFunction}(\"SearchText\") @> {{0}}", [bigrams]))
            : null;
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model; no server is contacted.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMarketplaceDbContext>
{
    public PostgresMarketplaceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMarketplaceDbContext>()
            .UseNpgsql("Host=localhost;Database=marketplace_design")
            .Options);
}
