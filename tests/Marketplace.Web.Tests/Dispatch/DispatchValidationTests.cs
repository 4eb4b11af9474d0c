using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Dispatch;

/// <summary>
/// Bad input to a town's dispatch request form is explained field by field and nothing is saved; the round form is
/// <see cref="DispatchRoundValidationTests"/>, on an app of its own so the two run side by side.
/// </summary>
public sealed class DispatchValidationTests(MarketplaceFactory factory) : IClassFixture<MarketplaceFactory>
{
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
