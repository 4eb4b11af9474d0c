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

        await SeedTrainingCoursesAsync(ct);
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
                Population = row.TryGetValue("population", out var population) && population.Length > 0 ? int.Parse(population, CultureInfo.InvariantCulture) : null,
                FiscalCapacityIndex = row.TryGetValue("fiscal_capacity_index", out var index) && index.Length > 0 ? double.Parse(index, CultureInfo.InvariantCulture) : null,
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private sealed record CourseFile(List<CourseRow> Courses);
    private sealed record CourseRow(string Code, string Audience, string Title_ja, string Title_en, List<ModuleRow> Modules);
    private sealed record ModuleRow(string Title_ja, string Title_en);

    /// <summary>The dispatch programme's training courses (seed/dispatch-training.json), added once.</summary>
    private async Task SeedTrainingCoursesAsync(CancellationToken ct)
    {
        if (await db.TrainingCourses.AnyAsync(ct)) return;
        await using var stream = File.OpenRead(SeedFiles.PathOf("dispatch-training.json"));
        var file = await System.Text.Json.JsonSerializer.DeserializeAsync<CourseFile>(stream, new System.Text.Json.JsonSerializerOptions { PropertyNameCaseInsensitive = true }, ct)
            ?? throw new InvalidDataException("dispatch-training.json is empty");
        foreach (var c in file.Courses)
        {
            db.TrainingCourses.Add(new TrainingCourse
            {
                Code = c.Code,
                Audience = Enum.Parse<TrainingAudience>(c.Audience),
                TitleJa = c.Title_ja,
                TitleEn = c.Title_en,
                Modules = c.Modules.Select((m, i) => new TrainingModule { Order = i + 1, TitleJa = m.Title_ja, TitleEn = m.Title_en }).ToList(),
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
