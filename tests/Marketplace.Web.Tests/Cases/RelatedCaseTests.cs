using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Cases;
using Marketplace.Web.Features.Taxonomy;
using Marketplace.Web.Tests.Dispatch;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Cases;

/// <summary>
/// Related knowledge where decisions are made: published cases sharing themes or obstacles beside a government's own
/// opening, call and dispatch request, a case, and on the expert's dashboard; never the asking government's own cases,
/// never drafts, and a newly published case at once.
/// </summary>
public sealed partial class RelatedCaseTests(MarketplaceFactory factory) : IClassFixture<MarketplaceFactory>
{
    [GeneratedRegex("<section aria-labelledby=\"related-cases-heading\" id=\"related-cases\">(.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex RelatedSection();

    [GeneratedRegex("data-case-id=\"(\\d+)\"")]
    private static partial Regex CaseId();

    /// <summary>The case ids listed in the page's related-cases section, in order (empty when there is no section).</summary>
    private static List<int> Related(string html) =>
        CaseId().Matches(RelatedSection().Match(html).Groups[1].Value).Select(m => int.Parse(m.Groups[1].Value)).ToList();

    private Task<int> DemoCaseAsync(string titleStart) =>
        factory.WithDbAsync(db => db.Cases.Where(c => c.Title.StartsWith(titleStart)).Select(c => c.Id).SingleAsync());

    private Task<int> AddCaseAsync(string owner, string title, List<string> themes, List<string> obstacles, CaseStatus status = CaseStatus.Published) =>
        new CaseBuilder(owner, title) { Themes = themes, Obstacles = obstacles, Status = status }.SaveAsync(factory);

    [Fact]
    public async Task OwnOpening_ShowsCasesSharingItsSkills_BestFirst_NotDraftsNorItsOwnGovernments_NewOnesAtOnce()
    {
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var openingId = await factory.WithDbAsync(db => db.Openings.Where(o => o.Title.StartsWith("CDO補佐官") && o.Organization!.Code == "382078").Select(o => o.Id).SingleAsync());
        var url = $"/manage/openings/{openingId}";
        var electronicOffice = await DemoCaseAsync("外部の専門家が率いた電子県庁");
        Assert.Contains(electronicOffice, Related(await ozu.GetStringAsync(url)));

        // The opening asks for it_strategy, change_leadership, training_development (among others).
        var best = await AddCaseAsync("384224", "内子町の研修と変革", ["it_strategy", "change_leadership", "training_development"], []);
        var draft = await AddCaseAsync("270008", "大阪府の下書き", ["it_strategy", "change_leadership", "training_development"], [], CaseStatus.Draft);
        var own = await AddCaseAsync("382078", "大洲市自身の事例", ["it_strategy", "change_leadership", "training_development"], []);
        var unrelated = await AddCaseAsync("270008", "大阪府の防災", ["disaster_it"], []);

        var related = Related(await ozu.GetStringAsync(url));
        Assert.Equal(best, related[0]);
        Assert.Contains(electronicOffice, related);
        Assert.DoesNotContain(draft, related);
        Assert.DoesNotContain(own, related);
        Assert.DoesNotContain(unrelated, related);
        Assert.True(related.Count <= RelatedCasesViewComponent.Take);
    }

    [Fact]
    public async Task DispatchRequest_ShowsCasesSharingItsObstacles_ExceptThoseItsGovernmentTookPartIn()
    {
        var maibara = await factory.OrgAsync("252140");
        await factory.MakeReadyAsync(maibara.Id);
        // it_strategy; shortage_of_people and vendor_dependence.
        var submitted = await factory.SubmitAsync(maibara.Id, DispatchScenario.Request());
        Assert.True(submitted.Succeeded, submitted.FirstError);
        var html = await (await factory.SignedInAsync(WebClientExtensions.MaibaraStaff)).GetStringAsync($"/manage/dispatch/requests/{submitted.Id}");
        var related = Related(html);
        Assert.Contains(await DemoCaseAsync("外部の専門家が率いた電子県庁"), related);
        // The joint RFI shares both obstacles, but 米原市 is one of its governments: it knows that case already.
        Assert.DoesNotContain(await DemoCaseAsync("県が主導した共同RFI"), related);
    }

    [Fact]
    public async Task OwnCall_ShowsCasesOnThemesNamedInItsText()
    {
        var callId = await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Organization!.Code == "252140").Select(c => c.Id).FirstAsync());
        var govCloud = await AddCaseAsync("384224", "内子町のガバメントクラウド移行", ["gov_cloud"], []);
        var html = await (await factory.SignedInAsync(WebClientExtensions.MaibaraStaff)).GetStringAsync($"/manage/calls/{callId}");
        Assert.Contains(govCloud, Related(html));
    }

    [Fact]
    public void Themes_FromText_MatchLabelPartsOfThreeOrMoreCharacters()
    {
        var taxonomy = factory.Services.GetRequiredService<TaxonomyCatalog>();
        Assert.Equal(["gov_cloud"], CaseThemes.FromText(taxonomy, "ガバメントクラウドへの移行を支援する"));
        Assert.Contains("training_development", CaseThemes.FromText(taxonomy, "職員の人材育成"));
        Assert.Empty(CaseThemes.FromText(taxonomy, "移行の支援"));
    }

    [Fact]
    public async Task ExpertDashboard_ShowsCasesInTheExpertsSkills()
    {
        // The demo expert's skills include emergency_medical_it and telework.
        var html = await (await factory.SignedInAsync(WebClientExtensions.Expert)).GetStringAsync("/dashboard");
        var related = Related(html);
        Assert.Contains(await DemoCaseAsync("救急搬送のIT化"), related);
        Assert.Contains(await DemoCaseAsync("業務継続と介護"), related);
        Assert.Contains("あなたのスキルに関わる事例", html);
    }

    [Fact]
    public async Task CasePage_ShowsOtherCasesOnTheSameThemes_NotItself()
    {
        var rfi = await DemoCaseAsync("県が主導した共同RFI");
        var emergency = await DemoCaseAsync("救急搬送のIT化");
        var related = Related(await factory.NewClient().GetStringAsync($"/cases/{rfi}"));
        Assert.DoesNotContain(rfi, related);
        // Both move to the cloud and lacked budget.
        Assert.Contains(emergency, related);
    }
}
