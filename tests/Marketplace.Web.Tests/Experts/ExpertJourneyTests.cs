using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Experts;

/// <summary>
/// The whole expert journey through the web app, on the demo data, as a new user would take it:
/// sign up, confirm by mail, fill the profile, apply, see the government move the application on, withdraw.
/// </summary>
[Collection(PeopleCollection.Name)]
public class ExpertJourneyTests(MarketplaceFactory factory)
{
    [Fact]
    public async Task NewExpert_SignUpProfileApplyStageChangeWithdraw_AllThroughTheWebApp()
    {
        var email = $"journey-{Guid.NewGuid():N}@example.jp";
        const string password = "journey-pass-2026";
        var browser = factory.NewClient();

        var signUp = await browser.PostFormAsync("/account/register", [
            new("Input.Kind", "Expert"), new("Input.DisplayName", "旅路 花子"), new("Input.Email", email),
            new("Input.Password", password), new("Input.ConfirmPassword", password)]);
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        var mail = await factory.LatestMailToAsync(email);
        Assert.NotNull(mail);
        Assert.Contains("メールアドレスの確認", mail.Subject);
        Assert.Contains("メールアドレスを確認しました", await browser.GetStringAsync(WebClientExtensions.FirstLinkPath(mail)));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email, password)).StatusCode);

        var profile = ProfileForm.Valid("旅路 花子").With("AvailableDaysPerWeek", "２").With("DesiredPayAmount", "３２０，０００")
            .With("Career[0].Organization", "株式会社旅路システムズ").With("Career[0].Role", "CIO").With("Career[0].From", "2010-04")
            .With("SkillYears[it_strategy]", "12").With("SkillYears[change_leadership]", "8");
        var saved = await browser.PostFormAsync("/profile/edit", profile.Build(), "/profile/edit");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var profilePage = await browser.GetStringAsync("/profile");
        Assert.Contains("40,000円", profilePage); // 320,000 a month at 2 days a week

        var ozuOpening = await factory.WithDbAsync(db => db.Openings.Where(o => o.Title == "CDO補佐官（デジタル変革推進）").Select(o => o.Id).SingleAsync());
        Assert.Contains("この募集に応募する", await browser.GetStringAsync($"/openings/{ozuOpening}"));
        var applied = await browser.PostFormAsync($"/openings/{ozuOpening}/apply", [new("motivation", "週2日のテレワークで大洲市のDXを支えます。")], "/applications");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var applicationPath = WebClientExtensions.LocationPath(applied);
        Assert.Contains("<span class=\"badge stage\" id=\"stage\">応募</span>", await browser.GetStringAsync(applicationPath));

        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var applicationId = int.Parse(applicationPath.Split('/').Last());
        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.Applications.SingleAsync(a => a.Id == applicationId)));
        Assert.Equal(HttpStatusCode.Redirect, (await ozu.PostFormAsync($"/manage/applications/{applicationId}?handler=Move",
            [new("toStage", Stages.Interviewed), new("reason", "書類選考通過"), new("token", token)], "/manage/openings")).StatusCode);

        var afterMove = await browser.GetStringAsync(applicationPath);
        Assert.Contains("<span class=\"badge stage\" id=\"stage\">面接</span>", afterMove);
        Assert.Contains("面接", await browser.GetStringAsync("/applications"));

        var withdrawToken = System.Text.RegularExpressions.Regex.Match(afterMove, "name=\"token\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"{applicationPath}?handler=Withdraw", [new("token", withdrawToken), new("confirm", "true")], "/applications")).StatusCode);
        Assert.Contains("<span class=\"badge stage\" id=\"stage\">応募辞退</span>", await browser.GetStringAsync(applicationPath));
        Assert.Contains("応募辞退", await ozu.GetStringAsync($"/manage/openings/{ozuOpening}/applicants"));
    }
}
