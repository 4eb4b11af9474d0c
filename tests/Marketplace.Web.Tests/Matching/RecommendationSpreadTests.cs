using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Matching;
using Marketplace.Web.Tests.Experts;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Matching;

/// <summary>
/// Recommendations spread attention (an expert already invited to many open openings moves down) and never include an
/// expert who said they are not available now.
/// </summary>
public partial class RecommendationSpreadTests
{
    [GeneratedRegex("data-expert-id=\"(\\d+)\"")]
    private static partial Regex ExpertIdPattern();

    private static List<int> Ids(string html) => ExpertIdPattern().Matches(html).Select(m => int.Parse(m.Groups[1].Value)).ToList();

    private static async Task<(HttpClient Ozu, string Url, int Top)> TopOfOzuAsync(MarketplaceFactory app)
    {
        var ozu = await app.SignedInAsync(WebClientExtensions.OzuStaff);
        var opening = await app.WithDbAsync(db => db.Openings.Where(o => o.Title == "CDO補佐官（デジタル変革推進）").Select(o => o.Id).SingleAsync());
        var url = $"/manage/openings/{opening}/recommendations";
        var before = Ids(await ozu.GetStringAsync(url));
        Assert.Equal(MatchingService.DefaultTop, before.Count);
        var applied = await app.WithDbAsync(db => db.Applications.Where(a => a.OpeningId == opening).Select(a => a.ExpertProfileId).ToListAsync());
        return (ozu, url, before.First(id => !applied.Contains(id)));
    }

    [Fact]
    public async Task NotAvailableNow_SavedFromTheForm_AndNeverRecommended()
    {
        using var app = new MarketplaceFactory();
        var (_, email) = await app.NewExpertAccountAsync("稼働不可" + Guid.NewGuid().ToString("N")[..6]);
        var expert = await app.SignedInAsAsync(email);
        await expert.PostFormAsync("/profile/edit", ProfileForm.Valid("稼働不可").With("NotAvailableNow", "true").Build(), "/profile/edit");
        Assert.True(await app.WithDbAsync(db => db.ExpertProfiles.Where(p => p.User!.Email == email).Select(p => p.NotAvailableNow).SingleAsync()));
        Assert.Contains("今は受けられない", await expert.GetStringAsync("/profile"));
        Assert.Contains("checked=\"checked\" aria-describedby=\"not-available-hint\"", await expert.GetStringAsync("/profile/edit"));
        await expert.PostFormAsync("/profile/edit", ProfileForm.Valid("稼働不可").Build(), "/profile/edit");
        Assert.False(await app.WithDbAsync(db => db.ExpertProfiles.Where(p => p.User!.Email == email).Select(p => p.NotAvailableNow).SingleAsync()));

        var (ozu, url, top) = await TopOfOzuAsync(app);
        await app.WithDbAsync(async db =>
        {
            (await db.ExpertProfiles.SingleAsync(p => p.Id == top)).NotAvailableNow = true;
            return await db.SaveChangesAsync();
        });
        var after = Ids(await ozu.GetStringAsync(url));
        Assert.DoesNotContain(top, after);
        Assert.Equal(MatchingService.DefaultTop, after.Count);
    }

    [Fact]
    public async Task ExpertInvitedToManyOpenOpenings_MovesDown_UnlessSpreadIsOff()
    {
        using var app = new MarketplaceFactory();
        var (ozu, url, top) = await TopOfOzuAsync(app);
        var rank = Ids(await ozu.GetStringAsync(url)).IndexOf(top);
        using var off = app.SecondInstance();
        off.ExtraServices.Add(s => s.Configure<MatchingSpreadSettings>(o => o.Strength = 0));
        var ozuOff = await off.SignedInAsync(WebClientExtensions.OzuStaff);
        var offBefore = Ids(await ozuOff.GetStringAsync(url));
        Task<Dictionary<int, int>> LoadsAsync() => app.WithDbAsync(db => new MatchingService(db, null!, null!, null!, TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new MatchingSpreadSettings())).LoadsAsync(-1, [top], CancellationToken.None));
        var loadBefore = (await LoadsAsync()).GetValueOrDefault(top);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1));
        await app.WithDbAsync(async db =>
        {
            var staff = await db.Users.Select(u => u.Id).FirstAsync();
            var others = await db.Openings.Where(o => o.Status == OpeningStatus.Published && o.ApplicationDeadline >= today && !o.Title.StartsWith("CDO補佐官（デジタル"))
                .Select(o => o.Id).Take(7).ToListAsync();
            Assert.Equal(7, others.Count);
            foreach (var o in others)
                db.ExpertInvitations.Add(new ExpertInvitation { OpeningId = o, ExpertProfileId = top, InvitedByUserId = staff, Message = "test", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(loadBefore + 7, (await LoadsAsync())[top]);
        var after = Ids(await ozu.GetStringAsync(url));
        Assert.True(after.IndexOf(top) < 0 || after.IndexOf(top) > rank, $"rank {rank} → {after.IndexOf(top)}");

        // With the spread off, invitations elsewhere change nothing.
        Assert.Equal(offBefore, Ids(await ozuOff.GetStringAsync(url)));
    }
}
