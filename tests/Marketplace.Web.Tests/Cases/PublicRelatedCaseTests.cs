using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Cases;
using Marketplace.Web.Tests.Dispatch;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Cases;

/// <summary>
/// Related knowledge on the public posting pages: the opening and call pages anyone reads show published cases on the
/// posting's themes, and a case the office publishes shows at once although the page was served from the output cache.
/// An app of its own: the cases added here would crowd other tests' related lists.
/// </summary>
public sealed partial class PublicRelatedCaseTests(MarketplaceFactory factory) : IClassFixture<MarketplaceFactory>
{
    [GeneratedRegex("<section aria-labelledby=\"related-cases-heading\" id=\"related-cases\">(.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex RelatedSection();

    [GeneratedRegex("data-case-id=\"(\\d+)\"")]
    private static partial Regex CaseId();

    private static List<int> Related(string html) =>
        CaseId().Matches(RelatedSection().Match(html).Groups[1].Value).Select(m => int.Parse(m.Groups[1].Value)).ToList();

    private Task<int> AddCaseAsync(string owner, string title, List<string> themes, List<string> obstacles, CaseStatus status = CaseStatus.Published) =>
        new CaseBuilder(owner, title) { Themes = themes, Obstacles = obstacles, Status = status }.SaveAsync(factory);

    [Fact]
    public async Task PublicOpening_ShowsCasesOnItsSkills_AndACasePublishedAfterThePageWasCached()
    {
        var anonymous = factory.NewClient();
        var opening = await factory.WithDbAsync(db => db.Openings.Include(o => o.Skills)
            .SingleAsync(o => o.Title.StartsWith("CDO補佐官") && o.Organization!.Code == "382078"));
        var url = $"/openings/{opening.Id}";
        await anonymous.GetAsync(url);
        var cached = await anonymous.GetAsync(url);
        Assert.NotNull(cached.Headers.Age);
        Assert.NotEmpty(Related(await cached.Content.ReadAsStringAsync()));

        // 内子町 lies in the same prefecture and shares every skill of the opening: once published, it leads.
        var waiting = await AddCaseAsync("384224", "内子町の公開待ちの事例", [.. opening.Skills.Select(s => s.SkillCode)], ["no_strategy"], CaseStatus.Submitted);
        var before = await anonymous.GetStringAsync(url);
        Assert.DoesNotContain(waiting, Related(before));
        Assert.Contains("この募集のテーマに関わる事例", before);
        var published = await factory.WithAsync(async sp =>
        {
            var cases = sp.GetRequiredService<CaseService>();
            return await cases.PublishAsync(DispatchScenario.OfficeUser, waiting, cases.TokenOf((await cases.ForOfficeAsync(waiting))!));
        });
        Assert.True(published.Succeeded, published.FirstError);
        var after = await anonymous.GetAsync(url);
        Assert.Null(after.Headers.Age);
        Assert.Equal(waiting, Related(await after.Content.ReadAsStringAsync())[0]);
    }

    [Fact]
    public async Task PublicCall_ShowsCasesOnThemesNamedInItsText()
    {
        var callId = await factory.WithDbAsync(db => db.ProposalCalls
            .Where(c => c.Organization!.Code == "252140" && c.PublishedAt != null && c.Status != CallStatus.Draft).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var govCloud = await AddCaseAsync("384224", "内子町のクラウド移行（公開の公募から）", ["gov_cloud"], []);
        var related = Related(await factory.NewClient().GetStringAsync($"/calls/{callId}"));
        Assert.Contains(govCloud, related);
        Assert.True(related.Count <= RelatedCasesViewComponent.Take);
    }
}
