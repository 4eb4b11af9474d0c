using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>New published openings for a test: copies of a seeded open one under another title, saved as any save is.</summary>
public static class OpeningCopies
{
    public static Task<int> PublishAsync(MarketplaceFactory app, string title, string? prefecture = null) => app.WithDbAsync(async db =>
    {
        // The lowest id: always a demo posting, never an earlier copy (whose search text carries another test word;
        // PostgreSQL returned a fresh copy first now and then without an order).
        var template = await db.Openings.AsNoTracking().Include(o => o.Skills).OrderBy(o => o.Id)
            .FirstAsync(o => o.Status == OpeningStatus.Published && (prefecture == null || o.Organization!.PrefectureCode == prefecture)
                && o.ApplicationDeadline > DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3));
        template.Id = 0;
        template.Title = title;
        template.SearchText += "\n" + title.ToLowerInvariant();
        template.PublishedAt = app.Clock.GetUtcNow().UtcDateTime;
        template.Skills = [.. template.Skills.Select(s => new OpeningSkill { SkillCode = s.SkillCode, Required = s.Required })];
        db.Openings.Add(template);
        await db.SaveChangesAsync();
        return template.Id;
    });
}
