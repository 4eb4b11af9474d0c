using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Data.Postgres;

public sealed class PostgresMarketplaceDbContext(DbContextOptions<PostgresMarketplaceDbContext> options)
    : MarketplaceDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model; no server is contacted.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMarketplaceDbContext>
{
    public PostgresMarketplaceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMarketplaceDbContext>()
            .UseNpgsql("Host=localhost;Database=marketplace_design")
            .Options);
}
