using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Dispatch;

/// <summary>Bad input to the round and request forms is explained field by field and nothing is saved.</summary>
public sealed class DispatchValidationTests(MarketplaceFactory factory) : IClassFixture<MarketplaceFactory>
{
    private static List<KeyValuePair<string, string>> RoundForm(string year, string closes = "2031-01-31", string rate = "80") =>
    [
        new("Input.FiscalYear", year), new("Input.Name", "試験の募集回"),
        new("Input.RequestOpensOn", "2030-10-01"), new("Input.RequestClosesOn", closes), new("Input.MatchingEndsOn", "2031-02-15"),
        new("Input.ResultDate", "2031-02-28"), new("Input.DispatchStartsOn", "２０３１年４月１日"),
        new("Input.MinTermMonths", "６"), new("Input.MaxTermMonths", "24"), new("Input.MaxTotalMonths", "36"),
        new("Input.AllowPartTime", "true"), new("Input.EligibleKinds", "town"), new("Input.EligibleKinds", "village"),
        new("Input.MaxPopulation", "５０，０００"), new("Input.BudgetYen", "１２０，０００，０００円"),
        new("Input.TaxCapPerYearYen", "5,000,000"), new("Input.ReadinessSubsidyYen", "¥1,000,000"),
        new("Input.BandFrom[0]", "0"), new("Input.BandRate[0]", rate), new("Input.BandFrom[1]", "０．５"), new("Input.BandRate[1]", "50"),
    ];

    [Fact]
    public async Task RoundForm_BadInput_EveryMessageAndNothingSaved()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var before = await factory.WithDbAsync(db => db.DispatchRounds.CountAsync());

        var response = await office.PostFormAsync("/admin/dispatch/rounds/new", RoundForm("2031", closes: "2030-09-01", rate: "120"), "/admin/dispatch/rounds/new");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("申請受付締切日は申請受付開始日以降の日付にしてください。", html);
        Assert.Contains("補助率（%）は0から100までの整数で入力してください。", html);
        Assert.Contains("href=\"#Input_BandRate_0_\"", html);
        Assert.Contains("value=\"試験の募集回\"", html); // what was typed stays in the form
        Assert.Equal(before, await factory.WithDbAsync(db => db.DispatchRounds.CountAsync()));
    }

    [Fact]
    public async Task RoundForm_FullWidthDigits_SavedAsTyped()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);

        var response = await office.PostFormAsync("/admin/dispatch/rounds/new", RoundForm("２０３１"), "/admin/dispatch/rounds/new");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var round = await factory.WithDbAsync(db => db.DispatchRounds.Include(r => r.Bands).SingleAsync(r => r.FiscalYear == 2031));
        Assert.Equal(120_000_000, round.BudgetYen);
        Assert.Equal(50_000, round.MaxPopulation);
        Assert.Equal(new DateOnly(2031, 4, 1), round.DispatchStartsOn);
        Assert.Equal([(0.0, 80), (0.5, 50)], round.Bands.OrderBy(b => b.FromIndex).Select(b => (b.FromIndex, b.RatePercent)));
        Assert.Equal(["town", "village"], round.EligibleKinds);

        // A second round for the same year is refused.
        var again = await office.PostFormAsync("/admin/dispatch/rounds/new", RoundForm("2031"), "/admin/dispatch/rounds/new");
        Assert.Contains("2031年度の募集回はすでにあります。", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RequestForm_BadInputAndIneligibleCoHost_MessagesAndNothingSaved()
    {
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var before = await factory.WithDbAsync(db => db.DispatchRequests.CountAsync());

        var response = await ozu.PostFormAsync("/manage/dispatch/requests/new",
        [
            new("Input.RoleCode", "cio_advisor"), new("Input.Needs", "課題"), new("Input.RequiredSkills", "it_strategy"),
            new("Input.DaysPerWeek", "2"), new("Input.OnsiteDaysPerMonth", "20"), new("Input.TermMonths", "36"),
            new("Input.ExpectedAnnualCostYen", "-5"), new("Input.CoHostCodes", "270008\n999999"),
        ], "/manage/dispatch/requests/new");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("任期はこの募集回の規則により6〜24か月にしてください。", html);
        Assert.Contains("登庁日数は勤務日数から見て月8日以内にしてください。", html);
        Assert.Contains("現在の状況（当てはまる課題）を選択してください。", html);
        Assert.Contains("負の値は入力できません", html);
        Assert.Contains("団体コード999999の団体は登録されていません。", html);
        Assert.Equal(before, await factory.WithDbAsync(db => db.DispatchRequests.CountAsync()));
    }

    [Fact]
    public async Task RequestForm_PrefectureNotEligible_Refused()
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        Assert.Contains("この募集回の対象団体ではありません", await osaka.GetStringAsync("/manage/dispatch"));
        var response = await osaka.PostFormAsync("/manage/dispatch/requests/new",
        [
            new("Input.RoleCode", "cio_advisor"), new("Input.Needs", "課題"), new("Input.RequiredSkills", "it_strategy"),
            new("Input.DaysPerWeek", "2"), new("Input.OnsiteDaysPerMonth", "2"), new("Input.TermMonths", "12"),
            new("Input.Obstacles", "no_strategy"), new("Input.ExpectedAnnualCostYen", "5000000"),
        ], "/manage/dispatch/requests/new");
        Assert.Contains("大阪府（都道府県）はこの募集回の対象団体ではありません。", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.WithDbAsync(db => db.DispatchRequests.CountAsync(r => r.LeadOrganization!.Code == "270008")));
    }

    [Fact]
    public async Task NamingATownAsCoHost_DoesNotBlockItsOwnRequest_ButItCanConfirmOnlyOne()
    {
        var ozu = await factory.OrgAsync("382078");
        var uchiko = await factory.OrgAsync("384224");
        var joint = await factory.SubmitAsync(ozu.Id, DispatchScenario.Request(coHosts: "384224"));
        Assert.True(joint.Succeeded, joint.FirstError);

        // 内子町 never agreed to the joint request: it may still file its own.
        var own = await factory.SubmitAsync(uchiko.Id, DispatchScenario.Request());
        Assert.True(own.Succeeded, own.FirstError);

        // Having its own live request, it cannot also confirm the joint one.
        var confirm = await factory.WithAsync(sp => sp.GetRequiredService<Marketplace.Web.Features.Dispatch.RequestService>().ConfirmAsync(uchiko.Id, DispatchScenario.StaffUser, joint.Id));
        Assert.False(confirm.Succeeded);
        Assert.Contains("既に別の派遣要請に参加しています", confirm.FirstError);
        Assert.Null(await factory.WithDbAsync(db => db.DispatchRequestHosts.Where(h => h.RequestId == joint.Id && h.OrganizationId == uchiko.Id).Select(h => h.ConfirmedAt).SingleAsync()));
    }
}
