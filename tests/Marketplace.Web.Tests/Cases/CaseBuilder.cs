using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Cases;

/// <summary>A complete case of one government (by 団体コード), saved straight to the database; themes, obstacles, status and people as the test needs.</summary>
public sealed record CaseBuilder(string OwnerCode, string Title)
{
    public List<string> Themes { get; init; } = ["it_strategy"];
    public List<string> Obstacles { get; init; } = ["no_strategy"];
    public CaseStatus Status { get; init; } = CaseStatus.Published;
    public List<CasePerson> People { get; init; } = [];
    /// <summary>The normalised search text; the title as it is when not given.</summary>
    public string? SearchText { get; init; }

    public Task<int> SaveAsync(MarketplaceFactory factory) =>
        factory.WithDbAsync(async db =>
        {
            var org = await db.Organizations.SingleAsync(o => o.Code == OwnerCode);
            var c = new CaseStudy
            {
                Title = Title, Summary = "概要", Body = "本文", Lessons = "", FundingSource = "", SearchText = SearchText ?? Title,
                OwnerOrganizationId = org.Id, Governments = [new CaseGovernment { OrganizationId = org.Id }],
                PeriodFrom = new DateOnly(2024, 4, 1), Themes = Themes, Obstacles = Obstacles, SuccessFactors = ["front_line"],
                Kpis = [new CaseKpi { Name = "件数", Before = 1, After = 2, Unit = "件" }], People = People,
                Status = Status, PublishedAt = Status == CaseStatus.Published ? DateTime.UtcNow : null,
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
}
