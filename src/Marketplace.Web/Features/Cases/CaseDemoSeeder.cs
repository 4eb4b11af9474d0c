using System.Text.Json;

namespace Marketplace.Web.Features.Cases;

/// <summary>The published demo cases of seed/demo-cases.json, added once to a demo database.</summary>
public sealed class CaseDemoSeeder(MarketplaceDbContext db, Taxonomy.TaxonomyCatalog taxonomy, TimeProvider clock)
{
    private sealed record CaseFile(List<CaseRow> Cases);
    private sealed record PersonRow(string Role, string Name);
    private sealed record CaseRow(
        string Owner, List<string> Governments, string Title, string Summary, string Body, string Lessons,
        DateOnly Period_from, DateOnly? Period_to, List<string> Themes, List<string> Obstacles, List<string> Success_factors,
        long? Budget_yen, string Funding_source, List<KpiRow> Kpis, List<PersonRow> People);

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Cases.AnyAsync(ct)) return;
        await using var stream = File.OpenRead(SeedFiles.PathOf("demo-cases.json"));
        var file = await JsonSerializer.DeserializeAsync<CaseFile>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true }, ct)
            ?? throw new InvalidDataException("demo-cases.json is empty");
        var orgs = await db.Organizations.ToDictionaryAsync(o => o.Code, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var day = 0;
        foreach (var row in file.Cases)
        {
            foreach (var code in row.Obstacles.Where(o => !CaseCodes.Obstacles.Contains(o)).Concat(row.Success_factors.Where(f => !CaseCodes.SuccessFactors.Contains(f))))
                throw new InvalidDataException($"demo-cases.json: unknown code {code}");
            var govs = row.Governments.Select(code => orgs.TryGetValue(code, out var o) ? o : throw new InvalidDataException($"demo-cases.json: unknown 団体コード {code}")).ToList();
            var published = now.AddDays(-30 + day++);
            var c = new CaseStudy
            {
                Title = row.Title, Summary = row.Summary, Body = row.Body, Lessons = row.Lessons,
                OwnerOrganizationId = orgs[row.Owner].Id,
                Governments = govs.Select(o => new CaseGovernment { OrganizationId = o.Id }).ToList(),
                PeriodFrom = row.Period_from, PeriodTo = row.Period_to,
                Themes = row.Themes, Obstacles = row.Obstacles, SuccessFactors = row.Success_factors,
                BudgetYen = row.Budget_yen, FundingSource = row.Funding_source,
                Kpis = Kpi.Numbered<CaseKpi>(row.Kpis),
                People = row.People.Select(p => new CasePerson { Role = p.Role, Name = p.Name }).ToList(),
                Status = CaseStatus.Published, Source = CaseSource.Government,
                CreatedAt = published, UpdatedAt = published, SubmittedAt = published, PublishedAt = published,
            };
            c.SearchText = CaseService.SearchText(c, govs, taxonomy);
            db.Cases.Add(c);
        }
        await db.SaveChangesAsync(ct);
    }
}
