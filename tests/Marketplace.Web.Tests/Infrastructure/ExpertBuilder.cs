using Marketplace.Data.Entities;
using Marketplace.Web.Features.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>Creates a confirmed expert account with a profile directly, for tests that start from "an expert exists".</summary>
public static class ExpertBuilder
{
    public static async Task<(string Email, int ProfileId)> CreateExpertAsync(this MarketplaceFactory factory, string name = "試験 太郎", Action<ExpertProfile>? configure = null)
    {
        var email = $"expert-{Guid.NewGuid():N}@example.jp";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, DemoDataSeeder.Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Expert);
        var db = scope.ServiceProvider.GetRequiredService<Marketplace.Data.MarketplaceDbContext>();
        var profile = new ExpertProfile
        {
            UserId = user.Id, FullName = name, Phone = "090-1234-5678", HomePrefectureCode = "13", Summary = "自治体DXの経験があります。",
            YearsExperience = 15, PublicSectorYears = 3, AvailableDaysPerWeek = 2, MaxOnsiteDaysPerMonth = 4, DesiredDayRateYen = 40_000,
            DesiredPayAmountYen = 40_000, AcceptedEngagements = ["part_time_appointee"], UpdatedAt = DateTime.UtcNow,
            Skills = [new ExpertSkill { SkillCode = "it_strategy", Years = 10 }],
        };
        configure?.Invoke(profile);
        db.ExpertProfiles.Add(profile);
        await db.SaveChangesAsync();
        return (email, profile.Id);
    }
}
