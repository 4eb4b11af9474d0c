using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Matching;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Matching;

/// <summary>Recommendations in the app on the demo data: reasons, hard constraints, access and invitations.</summary>
[Collection(WebCollection.Name)]
public partial class RecommendationTests(MarketplaceFactory factory)
{
    [GeneratedRegex("data-expert-id=\"(\\d+)\"")]
    private static partial Regex ExpertIdPattern();

    private static List<int> ExpertIds(string html) => ExpertIdPattern().Matches(html).Select(m => int.Parse(m.Groups[1].Value)).ToList();

    private Task<int> OzuOpeningAsync() =>
        factory.WithDbAsync(db => db.Openings.Where(o => o.Title == "CDO補佐官（デジタル変革推進）").Select(o => o.Id).SingleAsync());

    [Fact]
    public async Task StaffRecommendations_OzuOpening_ShowReasonsAndNeverTheConflictedExpert()
    {
        var opening = await OzuOpeningAsync();
        var conflicted = await factory.WithDbAsync(db => db.ExpertProfiles.Where(e => e.VendorCorporateNumber == "1180301018771").Select(e => e.Id).SingleAsync());
        Assert.True(await factory.WithDbAsync(db => db.Applications.AnyAsync(a => a.OpeningId == opening && a.ExpertProfileId == conflicted)),
            "the demo's conflicted expert applied to this opening, so only the hard constraint keeps them out");

        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var html = await ozu.GetStringAsync($"/manage/openings/{opening}/recommendations");
        var ids = ExpertIds(html);
        Assert.Equal(MatchingService.DefaultTop, ids.Count);
        Assert.DoesNotContain(conflicted, ids);
        Assert.Contains("class=\"reason-for\"", html);
        Assert.Contains("id=\"ranker-in-use\"", html);

        // Only experts who made their profile visible or applied are proposed.
        var allowed = await factory.WithDbAsync(async db => (await db.ExpertProfiles
            .Where(e => e.Visibility == ProfileVisibility.VisibleToStaff || db.Applications.Any(a => a.OpeningId == opening && a.ExpertProfileId == e.Id))
            .Select(e => e.Id).ToListAsync()).ToHashSet());
        Assert.All(ids, id => Assert.Contains(id, allowed));
    }

    [Fact]
    public async Task StaffRecommendations_CertifiedOnlyOpening_OnlyCertifiedExperts()
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var form = new OpeningFormBuilder().With("Title", "認定CIO限定の募集").With("CertifiedCioOnly", "true").Build();
        var created = await osaka.PostFormAsync("/manage/openings/new", form, "/manage/openings/new");
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        await osaka.PostFormAsync($"/manage/openings/{id}?handler=Publish", [new("token", await factory.TokenOfAsync(id))], "/manage/openings/new");

        var ids = ExpertIds(await osaka.GetStringAsync($"/manage/openings/{id}/recommendations"));
        Assert.NotEmpty(ids);
        var certified = await factory.WithDbAsync(async db => (await db.ExpertProfiles.Where(e => e.CertifiedCio).Select(e => e.Id).ToListAsync()).ToHashSet());
        Assert.All(ids, expertId => Assert.Contains(expertId, certified));
    }

    [Fact]
    public async Task ExpertRecommendations_DemoExpert_ShowOpeningsWithReasons()
    {
        var expert = await factory.SignedInAsync(WebClientExtensions.Expert);
        var html = await expert.GetStringAsync("/recommendations");
        Assert.NotEmpty(WebClientExtensions.OpeningIds(html));
        Assert.Contains("class=\"reason-for\"", html);
        var english = await expert.GetStringAsync("/recommendations?culture=en");
        Assert.Contains("Openings that fit your profile", english);
    }

    [Fact]
    public async Task Recommendations_WrongParty_RefusedByPageAndByCraftedRequest()
    {
        var opening = await OzuOpeningAsync();
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await osaka.GetAsync($"/manage/openings/{opening}/recommendations")).StatusCode);

        // A visible expert nobody has invited to this opening yet (other tests in the collection invite some).
        var visible = await factory.WithDbAsync(db => db.ExpertProfiles
            .Where(e => e.Visibility == ProfileVisibility.VisibleToStaff && e.UserId != null && !db.ExpertInvitations.Any(i => i.OpeningId == opening && i.ExpertProfileId == e.Id))
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        var invite = await osaka.PostFormAsync($"/manage/openings/{opening}/recommendations?handler=Invite", [new("expertId", visible.ToString())], "/manage/openings");
        Assert.Equal(HttpStatusCode.NotFound, invite.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.ExpertInvitations.AnyAsync(i => i.OpeningId == opening && i.ExpertProfileId == visible)));

        foreach (var email in new[] { WebClientExtensions.Expert, WebClientExtensions.Vendor, WebClientExtensions.Office })
        {
            WebClientExtensions.AssertAccessDenied(await (await factory.SignedInAsync(email)).GetAsync($"/manage/openings/{opening}/recommendations"));
        }
        WebClientExtensions.AssertAccessDenied(await osaka.GetAsync("/recommendations"));
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(await factory.NewClient().GetAsync("/recommendations")));
    }

    [Fact]
    public async Task Invite_RecommendedExpert_RecordedMailedShownOnceOnly()
    {
        var opening = await OzuOpeningAsync();
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var (email, profileId) = await factory.CreateExpertAsync("招待 受取", p => p.Visibility = ProfileVisibility.VisibleToStaff);

        var invited = await ozu.PostFormAsync($"/manage/openings/{opening}/recommendations?handler=Invite",
            [new("expertId", profileId.ToString()), new("message", "ぜひご応募をご検討ください。")], "/manage/openings");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var mail = await factory.LatestMailToAsync(email);
        Assert.NotNull(mail);
        Assert.Contains("大洲市から応募の依頼が届きました", mail.Subject);
        Assert.Contains($"/openings/{opening}", mail.TextBody);

        var expert = await factory.SignedInAsync(email);
        Assert.Contains("ぜひご応募をご検討ください。", await expert.GetStringAsync("/recommendations"));
        var again = await ozu.PostFormAsync($"/manage/openings/{opening}/recommendations?handler=Invite", [new("expertId", profileId.ToString())], "/manage/openings");
        Assert.Contains("この人材にはすでに応募を依頼しています。", await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.ExpertInvitations.CountAsync(i => i.ExpertProfileId == profileId)));
    }

    [Fact]
    public async Task Invite_HiddenExpertWhoDidNotApply_NotFound()
    {
        var opening = await OzuOpeningAsync();
        var (_, hidden) = await factory.CreateExpertAsync("非公開 人材", p => p.Visibility = ProfileVisibility.HiddenUntilApplied);
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var response = await ozu.PostFormAsync($"/manage/openings/{opening}/recommendations?handler=Invite", [new("expertId", hidden.ToString())], "/manage/openings");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(hidden, ExpertIds(await ozu.GetStringAsync($"/manage/openings/{opening}/recommendations")));
    }

    [Fact]
    public async Task AdminMatching_OnlyNationalOffice()
    {
        foreach (var email in new[] { WebClientExtensions.OzuStaff, WebClientExtensions.Expert, WebClientExtensions.Vendor })
        {
            var client = await factory.SignedInAsync(email);
            WebClientExtensions.AssertAccessDenied(await client.GetAsync("/admin/matching"));
            WebClientExtensions.AssertAccessDenied(await client.PostFormAsync("/admin/matching?handler=Train", [], "/account/data"));
        }
        Assert.False(await factory.WithDbAsync(db => db.TrainingRuns.AnyAsync(r => r.RequestedByUserId != null && r.RequestedByUserId != db.Users.Where(u => u.Email == WebClientExtensions.Office).Select(u => u.Id).First())));
    }
}

/// <summary>Training from the database's own history through the real job pipeline, on a fresh app.</summary>
[Slow] // trains a model, with the job server running
public class TrainingTests
{
    [Fact]
    public async Task Train_FromDemoHistory_JobRunsModelBecomesCurrentAndRecommendationsUseIt()
    {
        using var app = new MarketplaceFactory();
        app.Settings["Jobs:Server"] = "true";
        var office = await app.SignedInAsync(WebClientExtensions.Office);
        Assert.Contains("ルールに基づく採点", await office.GetStringAsync("/admin/matching"));

        var queued = await office.PostFormAsync("/admin/matching?handler=Train", [], "/admin/matching");
        Assert.Equal(HttpStatusCode.Redirect, queued.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        TrainingRun? run = null;
        while (DateTime.UtcNow < deadline)
        {
            run = await app.WithDbAsync(db => db.TrainingRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstAsync());
            if (run.Status is TrainingRunStatus.Succeeded or TrainingRunStatus.Failed) break;
            await Task.Delay(500);
        }
        Assert.NotNull(run);
        Assert.True(run.Status == TrainingRunStatus.Succeeded, $"run ended {run.Status}: {run.Error} {run.Progress}");

        var model = await app.WithDbAsync(db => db.RankerModels.AsNoTracking().SingleAsync(m => m.Id == run.RankerModelId));
        Assert.True(model.IsCurrent);
        Assert.True(model.Outcomes > 100, $"trained on {model.Outcomes} outcomes");
        var page = await office.GetStringAsync("/admin/matching");
        Assert.Contains(model.VersionId, page);
        Assert.Contains("（使用中）", page);
        if (model.Kind == "model")
        {
            Assert.NotNull(model.ModelNdcg10);
            var ozu = await app.SignedInAsync(WebClientExtensions.OzuStaff);
            var opening = await app.WithDbAsync(db => db.Openings.Where(o => o.Title == "CDO補佐官（デジタル変革推進）").Select(o => o.Id).SingleAsync());
            Assert.Contains("学習済みランカー", await ozu.GetStringAsync($"/manage/openings/{opening}/recommendations"));
        }

        // Retraining on the same history with the same seed is not worse, so the gate lets it replace the first.
        await using var scope = app.Services.CreateAsyncScope();
        var training = scope.ServiceProvider.GetRequiredService<MatchingTraining>();
        var second = await training.QueueAsync(null);
        await training.RunAsync(second.Id);
        var models = await app.WithDbAsync(db => db.RankerModels.AsNoTracking().OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(2, models.Count);
        Assert.Single(models, m => m.IsCurrent);
        Assert.True(models[1].IsCurrent, models[1].Decision);
        Assert.Equal(models[0].ModelNdcg10, models[1].ModelNdcg10);
    }
}
