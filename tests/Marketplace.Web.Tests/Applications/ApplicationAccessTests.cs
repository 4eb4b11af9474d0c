using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Applications;

/// <summary>
/// Applicants, applications, messages and exports are visible only to the applicant and the posting
/// government's staff. Every URL is tried as staff of another government, another expert, a vendor,
/// the national office and anonymously.
/// </summary>
[Collection(WebCollection.Name)]
public class ApplicationAccessTests(MarketplaceFactory factory)
{
    private async Task<(int OpeningId, int ApplicationId, string ExpertEmail)> OzuApplicationAsync()
    {
        var (email, profileId) = await factory.CreateExpertAsync("秘密 保護");
        var opening = await factory.WithDbAsync(db => db.Openings.Where(o => o.Title == "CDO補佐官（デジタル変革推進）").Select(o => o.Id).SingleAsync());
        var expert = await factory.SignedInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await ApplicationFlowTests.ApplyAsync(expert, opening, "非公開の志望動機")).StatusCode);
        await expert.PostFormAsync($"/applications/{await IdAsync(opening, profileId)}?handler=Message", [new("body", "非公開のメッセージ")], "/applications");
        return (opening, await IdAsync(opening, profileId), email);
    }

    private Task<int> IdAsync(int opening, int profileId) =>
        factory.WithDbAsync(db => db.Applications.Where(a => a.OpeningId == opening && a.ExpertProfileId == profileId).Select(a => a.Id).SingleAsync());

    private static string[] StaffUrls(int opening, int application) =>
    [
        $"/manage/openings/{opening}/applicants",
        $"/manage/openings/{opening}/applicants?handler=Csv",
        $"/manage/openings/{opening}/applicants?handler=Csv&encoding=sjis",
        $"/manage/applications/{application}",
    ];

    [Fact]
    public async Task StaffPages_OtherGovernment_NotFound()
    {
        var (opening, application, _) = await OzuApplicationAsync();
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        foreach (var url in StaffUrls(opening, application))
        {
            var response = await osaka.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("秘密 保護", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task StaffActions_OtherGovernment_NotFoundAndNothingChanged()
    {
        var (_, application, _) = await OzuApplicationAsync();
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.Applications.SingleAsync(a => a.Id == application)));
        var move = await osaka.PostFormAsync($"/manage/applications/{application}?handler=Move", [new("toStage", Stages.ScreenedOut), new("reason", "他団体"), new("token", token)], "/manage/openings");
        Assert.Equal(HttpStatusCode.NotFound, move.StatusCode);
        var message = await osaka.PostFormAsync($"/manage/applications/{application}?handler=Message", [new("body", "他団体からの送信")], "/manage/openings");
        Assert.Equal(HttpStatusCode.NotFound, message.StatusCode);
        var (stage, messages) = await factory.WithDbAsync(async db => (
            await db.Applications.Where(a => a.Id == application).Select(a => a.Stage).SingleAsync(),
            await db.ApplicationMessages.CountAsync(m => m.ApplicationId == application)));
        Assert.Equal(Stages.Applied, stage);
        Assert.Equal(1, messages);
    }

    [Fact]
    public async Task ExpertPages_OtherExpert_NotFoundAndNothingChanged()
    {
        var (_, application, _) = await OzuApplicationAsync();
        var (otherEmail, _) = await factory.CreateExpertAsync("別の 専門家");
        var other = await factory.SignedInAsync(otherEmail);
        var response = await other.GetAsync($"/applications/{application}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("非公開の志望動機", await other.GetStringAsync("/applications"));
        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.Applications.SingleAsync(a => a.Id == application)));
        foreach (var handler in new[] { "Withdraw", "Decline" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/applications/{application}?handler={handler}", [new("token", token)], "/applications")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/applications/{application}?handler=Message", [new("body", "なりすまし")], "/applications")).StatusCode);
        Assert.Equal(Stages.Applied, await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == application).Select(a => a.Stage).SingleAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.ApplicationMessages.CountAsync(m => m.ApplicationId == application)));
    }

    [Theory]
    [InlineData(WebClientExtensions.Vendor)]
    [InlineData(WebClientExtensions.Office)]
    [InlineData(WebClientExtensions.Expert)]
    public async Task StaffPages_NonStaff_AccessDenied(string email)
    {
        var (opening, application, _) = await OzuApplicationAsync();
        var client = await factory.SignedInAsync(email);
        foreach (var url in StaffUrls(opening, application))
        {
            WebClientExtensions.AssertAccessDenied(await client.GetAsync(url));
        }
    }

    [Theory]
    [InlineData(WebClientExtensions.OzuStaff)]
    [InlineData(WebClientExtensions.Vendor)]
    [InlineData(WebClientExtensions.Office)]
    public async Task ExpertPages_NonExpert_AccessDenied(string email)
    {
        var (opening, application, _) = await OzuApplicationAsync();
        var client = await factory.SignedInAsync(email);
        foreach (var url in new[] { "/applications", $"/applications/{application}", $"/openings/{opening}/apply" })
        {
            WebClientExtensions.AssertAccessDenied(await client.GetAsync(url));
        }
    }

    [Fact]
    public async Task AllPages_Anonymous_RedirectToLogin()
    {
        var (opening, application, _) = await OzuApplicationAsync();
        var anonymous = factory.NewClient();
        foreach (var url in StaffUrls(opening, application).Concat(["/applications", $"/applications/{application}", $"/openings/{opening}/apply", "/manage/vendor-contracts"]))
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login", WebClientExtensions.LocationPath(response));
        }
    }

    [Fact]
    public async Task VendorContracts_OtherGovernment_CannotSeeOrRemove()
    {
        var ozuContract = await factory.WithDbAsync(db => db.VendorContracts.Where(c => c.Organization!.Code == "382078").Select(c => new { c.Id, c.Description }).FirstAsync());
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        Assert.DoesNotContain(ozuContract.Description, await osaka.GetStringAsync("/manage/vendor-contracts"));
        var remove = await osaka.PostFormAsync($"/manage/vendor-contracts?handler=Remove&contractId={ozuContract.Id}", [], "/manage/openings");
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.VendorContracts.AnyAsync(c => c.Id == ozuContract.Id)));
    }
}
