using System.Globalization;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Seeding;

/// <summary>Prefectures, their bodies, the listed municipalities and the roles: data every installation needs.</summary>
public sealed class ReferenceDataSeeder(MarketplaceDbContext db, RoleManager<IdentityRole> roles, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }

        if (await db.Prefectures.AnyAsync(ct)) return;

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in SeedFiles.ReadCsv(SeedFiles.PathOf("prefectures.csv")))
        {
            db.Prefectures.Add(new Prefecture
            {
                Code = row["prefecture_code"],
                NameJa = row["name_ja"],
                NameEn = row["name_en"],
                Latitude = double.Parse(row["latitude"], CultureInfo.InvariantCulture),
                Longitude = double.Parse(row["longitude"], CultureInfo.InvariantCulture),
            });
            db.Organizations.Add(new Organization
            {
                Code = row["org_code"],
                PrefectureCode = row["prefecture_code"],
                Kind = OrganizationKind.Prefecture,
                NameJa = row["name_ja"],
                NameEn = row["name_en"],
                CreatedAt = now,
            });
        }
        foreach (var row in SeedFiles.ReadCsv(SeedFiles.PathOf("municipalities.csv")))
        {
            db.Organizations.Add(new Organization
            {
                Code = row["org_code"],
                PrefectureCode = row["prefecture_code"],
                Kind = Organizations.OrganizationKinds.Parse(row["kind"]) ?? throw new InvalidDataException($"municipalities.csv: unknown kind {row["kind"]}"),
                NameJa = row["name_ja"],
                NameEn = row["name_en"],
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
