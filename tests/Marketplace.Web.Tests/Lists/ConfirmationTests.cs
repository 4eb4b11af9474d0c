using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Marketplace.Web.Tests.Openings;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Lists;

/// <summary>
/// Destructive and final actions ask first: the POST without <c>confirm</c> only shows the confirmation step and
/// changes nothing; with it, the action happens. A closed opening reopens, and an opening duplicates, as a draft.
/// </summary>
[Collection(WebCollection.Name)]
public class ConfirmationTests(MarketplaceFactory factory)
{
    private async Task<(HttpClient Osaka, int Id)> PublishedOsakaOpeningAsync(string title)
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var id = await OpeningAccessTests.CreateDraftAsync(osaka, title + " " + Guid.NewGuid().ToString("N")[..6]);
        var publish = await osaka.PostFormAsync($"/manage/openings/{id}?handler=Publish", [new("token", await factory.TokenOfAsync(id))], "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        return (osaka, id);
    }

    private Task<Opening> OpeningAsync(int id) => factory.WithDbAsync(db => db.Openings.AsNoTracking().SingleAsync(o => o.Id == id));

    [Theory]
    [InlineData("Close", OpeningStatus.Closed)]
    [InlineData("Cancel", OpeningStatus.Cancelled)]
    public async Task OpeningCloseOrCancel_WithoutConfirmation_ShowsStepAndChangesNothing(string handler, OpeningStatus after)
    {
        var (osaka, id) = await PublishedOsakaOpeningAsync("確認手順の募集");
        var token = await factory.TokenOfAsync(id);

        var ask = await osaka.PostFormAsync($"/manage/openings/{id}?handler={handler}", [new("token", token)], "/manage/openings/new");
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        var html = await ask.Content.ReadAsStringAsync();
        Assert.Contains("id=\"confirm-form\"", html);
        Assert.Contains($"action=\"/manage/openings/{id}?handler={handler}\"", html);
        Assert.Equal(OpeningStatus.Published, (await OpeningAsync(id)).Status);

        var done = await osaka.PostFormAsync($"/manage/openings/{id}?handler={handler}", [new("token", token), new("confirm", "true")], "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(after, (await OpeningAsync(id)).Status);
    }

    [Fact]
    public async Task OpeningClose_OtherGovernment_NotFoundEvenForTheStep()
    {
        var (_, id) = await PublishedOsakaOpeningAsync("他団体の確認手順");
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var response = await ozu.PostFormAsync($"/manage/openings/{id}?handler=Close", [new("token", await factory.TokenOfAsync(id))], "/manage/openings/new");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("id=\"confirm-form\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ClosedOpening_Reopen_PublishedWithNewDeadline_RefusedOnceSomeoneHired()
    {
        var (osaka, id) = await PublishedOsakaOpeningAsync("再開する募集");
        Assert.Equal(HttpStatusCode.Redirect, (await osaka.PostFormAsync($"/manage/openings/{id}?handler=Close", [new("token", await factory.TokenOfAsync(id)), new("confirm", "true")], "/manage/openings/new")).StatusCode);

        var deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(40).ToString("yyyy-MM-dd");
        var past = await osaka.PostFormAsync($"/manage/openings/{id}?handler=Reopen", [new("token", await factory.TokenOfAsync(id)), new("deadline", "2020-01-01")], "/manage/openings/new");
        Assert.Contains("応募締切日が過去の日付です", await past.Content.ReadAsStringAsync());
        Assert.Equal(OpeningStatus.Closed, (await OpeningAsync(id)).Status);

        var reopen = await osaka.PostFormAsync($"/manage/openings/{id}?handler=Reopen", [new("token", await factory.TokenOfAsync(id)), new("deadline", deadline)], "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, reopen.StatusCode);
        var reopened = await OpeningAsync(id);
        Assert.Equal(OpeningStatus.Published, reopened.Status);
        Assert.Equal(deadline, reopened.ApplicationDeadline.ToString("yyyy-MM-dd"));

        // Someone is hired: no more extending.
        await factory.WithDbAsync(async db =>
        {
            var expert = await db.ExpertProfiles.OrderBy(e => e.Id).FirstAsync();
            db.Applications.Add(new Application { OpeningId = id, ExpertProfileId = expert.Id, Stage = Stages.Hired, Motivation = "x", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var later = DateOnly.Parse(deadline).AddDays(10).ToString("yyyy-MM-dd");
        var refused = await osaka.PostFormAsync($"/manage/openings/{id}?handler=Reopen", [new("token", await factory.TokenOfAsync(id)), new("deadline", later)], "/manage/openings/new");
        Assert.Contains("採用者が決まったため", await refused.Content.ReadAsStringAsync());
        Assert.Equal(deadline, (await OpeningAsync(id)).ApplicationDeadline.ToString("yyyy-MM-dd"));
    }

    [Fact]
    public async Task Opening_Duplicate_NewDraftOfSameGovernment()
    {
        var (osaka, id) = await PublishedOsakaOpeningAsync("複製元の募集");
        var source = await OpeningAsync(id);
        var response = await osaka.PostFormAsync($"/manage/openings/{id}?handler=Duplicate", [], "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var copyId = int.Parse(WebClientExtensions.LocationPath(response).Split('/')[3]);
        Assert.NotEqual(id, copyId);
        var copy = await OpeningAsync(copyId);
        Assert.Equal(OpeningStatus.Draft, copy.Status);
        Assert.Equal(source.OrganizationId, copy.OrganizationId);
        Assert.Equal(source.PayAmountYen, copy.PayAmountYen);
        Assert.Contains(source.Title, copy.Title);

        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await ozu.PostFormAsync($"/manage/openings/{id}?handler=Duplicate", [], "/manage/openings/new")).StatusCode);
    }

    [Fact]
    public async Task CallCancel_WithoutConfirmation_ShowsStepAndChangesNothing()
    {
        var callId = await factory.WithDbAsync(async db =>
        {
            var maibara = await db.Organizations.SingleAsync(o => o.Code == "252140");
            return await db.ProposalCalls.Where(c => c.OrganizationId == maibara.Id && c.Status == CallStatus.Published).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
        });
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == callId)));
        var ask = await staff.PostFormAsync($"/manage/calls/{callId}?handler=Cancel", [new("token", token)], "/manage/calls");
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("取り消せません", await ask.Content.ReadAsStringAsync());
        Assert.Equal(CallStatus.Published, await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Id == callId).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task Withdraw_WithoutConfirmation_ShowsStep_ThenWithdrawsWithReason()
    {
        var (_, openingId) = await PublishedOsakaOpeningAsync("辞退確認の募集");
        var (email, profileId) = await factory.CreateExpertAsync("辞退 確認");
        var applicationId = await factory.WithDbAsync(async db =>
        {
            var a = new Application { OpeningId = openingId, ExpertProfileId = profileId, Stage = Stages.Applied, Motivation = "x", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Applications.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });
        var expert = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await expert.SignInAsync(email)).StatusCode);
        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.Applications.SingleAsync(a => a.Id == applicationId)));

        var ask = await expert.PostFormAsync($"/applications/{applicationId}?handler=Withdraw", [new("token", token)], "/applications");
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        var html = await ask.Content.ReadAsStringAsync();
        Assert.Contains("取り消せません", html);
        Assert.Contains("name=\"reason\"", html);
        Assert.Equal(Stages.Applied, await StageAsync(applicationId));

        var done = await expert.PostFormAsync($"/applications/{applicationId}?handler=Withdraw", [new("token", token), new("confirm", "true"), new("reason", "他の職に就くため")], "/applications");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(Stages.Withdrawn, await StageAsync(applicationId));
        Assert.Equal("他の職に就くため", await factory.WithDbAsync(db => db.ApplicationStageChanges.Where(h => h.ApplicationId == applicationId && h.ToStage == Stages.Withdrawn).Select(h => h.Reason).SingleAsync()));
    }

    private Task<string> StageAsync(int id) => factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Stage).SingleAsync());
}
