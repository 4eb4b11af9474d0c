using System.Net;
using System.Text.Json;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Applications;
using Marketplace.Web.Features.Security;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.PastResults;

/// <summary>
/// Past results recorded after the fact (事後登録): a call for proposals and an appointment that ran outside the product,
/// with real past dates, recorded by staff for their own government and by the national office for any government,
/// shown marked on the public pages, lists and API, and counted in the conflict-of-interest checks.
/// </summary>
[Collection(WebCollection.Name)]
public class PastResultTests(MarketplaceFactory factory)
{
    public const string UchikoStaff = "uchiko@demo.cio-marketplace.jp";

    /// <summary>A past call as 米原市-style notices publish it, amounts written as people write them.</summary>
    public static List<KeyValuePair<string, string>> PastCallForm(string title, string winner, string corporateNumber, string? organizationCode = null) =>
    [
        new("Input.OrganizationCode", organizationCode ?? ""),
        new("Input.Title", title),
        new("Input.Purpose", "副市長（CIO）を補佐し、DX推進計画の策定と進捗管理を支援する。"),
        new("Input.Department", "総務部デジタル推進課"),
        new("Input.Roles", "CIO補佐官\n実務管理者\n担当者"),
        new("Input.PublishedOn", "2023-01-10"),
        new("Input.SubmissionDeadline", "2023年2月10日"),
        new("Input.AwardedOn", "２０２３－０３－０１"),
        new("Input.ContractStart", "2023-04-01"),
        new("Input.ContractEnd", "2026-03-31"),
        new("Input.Ceiling", "3,300万円"),
        new("Input.TaxBasis", "excluded"),
        new("Input.ContractAmount", "3190万円"),
        new("Input.OnsiteDaysPerWeek", ""),
        new("Input.WinnerName", winner),
        new("Input.WinnerCorporateNumber", corporateNumber),
        new("Input.ProposalCount", "3"),
    ];

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> form, string key, string value) =>
        [.. form.Where(f => f.Key != key), new(key, value)];

    private async Task<string> Vendor2NumberAsync() =>
        await factory.WithDbAsync(db => db.Users.Where(u => u.Email == ProposalHelpers.Vendor2).Select(u => u.VendorCompany!.CorporateNumber).SingleAsync());

    [Fact]
    public async Task Staff_RecordPastCall_ConfirmFirst_ThenPublicMarkedInListsApiAndConflictChecks()
    {
        var staff = await factory.SignedInAsync(UchikoStaff);
        var number = await Vendor2NumberAsync();
        var (_, expertId) = await factory.CreateExpertAsync("利益 相反", e => { e.VendorCorporateNumber = number; e.VendorAffiliationName = "ベンダー2"; });
        var uchiko = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == UchikoStaff).Select(u => u.OrganizationId!.Value).SingleAsync());
        Assert.Empty(await FlagsAsync(uchiko, expertId));

        const string title = "内子町CIO補佐業務（令和5年度〜令和7年度）";
        var form = PastCallForm(title, "株式会社テストベンダー2", number);
        var check = await staff.PostFormAsync("/past-results/calls/new", form, "/past-results/calls/new");
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var confirm = await check.Content.ReadAsStringAsync();
        Assert.Contains("id=\"confirm-facts\"", confirm);
        Assert.Contains("31,900,000", confirm);
        Assert.Contains("33,000,000", confirm);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ProposalCalls.CountAsync(c => c.Title == title)));

        var saved = await staff.PostFormAsync("/past-results/calls/new", [.. form, new("step", "save")], "/past-results/calls/new");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var call = await factory.WithDbAsync(db => db.ProposalCalls.Include(c => c.Roles).SingleAsync(c => c.Title == title));
        Assert.Equal($"/calls/{call.Id}", saved.Headers.Location!.OriginalString);
        Assert.True(call.RecordedAfterTheFact);
        Assert.Equal(CallStatus.Awarded, call.Status);
        Assert.Equal(uchiko, call.OrganizationId);
        Assert.Equal(31_900_000L, call.ContractAmountYen);
        Assert.Equal(new DateOnly(2023, 3, 1), call.ResultDate);
        Assert.Equal(new DateOnly(2023, 4, 1), call.ContractStart);
        Assert.Equal(3, call.Roles.Count);
        Assert.NotNull(call.SupplierVendorCompanyId);

        var page = await factory.NewClient().GetStringAsync($"/calls/{call.Id}");
        Assert.Contains("id=\"recorded-badge\"", page);
        Assert.Contains("事後登録", page);
        Assert.Contains("株式会社テストベンダー2", page);
        Assert.Contains("31,900,000", page);
        Assert.Contains("3者", page);
        Assert.Contains("総務部デジタル推進課", page);
        Assert.Contains("id=\"call-onsite\">記載なし", page);
        // Roles as named; rules the record does not hold (own employees, combining roles) are not claimed.
        Assert.Contains("id=\"call-roles\"", page);
        Assert.DoesNotContain("兼務不可", page);
        Assert.DoesNotContain("評価基準と配点", page);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/manage/calls/{call.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/manage/calls")).StatusCode);

        Assert.Contains($"data-call-id=\"{call.Id}\"", await factory.NewClient().GetStringAsync("/calls?state=awarded&q=内子町CIO補佐業務"));
        var search = await factory.NewClient().GetStringAsync("/openings?status=awarded&kind=call&q=内子町CIO補佐業務");
        Assert.Contains($"data-call-id=\"{call.Id}\"", search);
        Assert.Contains("recorded-after", search);

        var api = JsonDocument.Parse(await factory.NewClient().GetStringAsync($"/api/calls/{call.Id}")).RootElement;
        Assert.True(api.GetProperty("call").GetProperty("recordedAfterTheFact").GetBoolean());
        Assert.Equal("株式会社テストベンダー2", api.GetProperty("result").GetProperty("winner").GetString());
        Assert.Equal(31_900_000, api.GetProperty("result").GetProperty("contractAmountYen").GetInt64());
        Assert.Equal(3, api.GetProperty("result").GetProperty("proposalCount").GetInt32());
        var list = JsonDocument.Parse(await factory.NewClient().GetStringAsync("/api/calls?status=awarded&q=内子町CIO補佐業務")).RootElement;
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt32() == call.Id);

        // The winner now holds a contract with 内子町: an expert affiliated with it is flagged there.
        var flags = await FlagsAsync(uchiko, expertId);
        Assert.Contains("株式会社テストベンダー2", flags[expertId].Reason);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.PastResultRecorded && a.SubjectId == call.Id.ToString() && a.OrganizationId == uchiko)));
        Assert.Contains(title, await staff.GetStringAsync("/past-results"));
    }

    [Fact]
    public async Task Office_RecordsPastAppointment_ForAnyGovernment_PublicAsFilledAndAdviserFlagged()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var (email, expertId) = await factory.CreateExpertAsync("大洲 花子");
        var (ozu, ozuCode) = await factory.WithDbAsync(async db => await db.Organizations.Where(o => o.NameJa == "大洲市").Select(o => new ValueTuple<int, string>(o.Id, o.Code)).SingleAsync());
        const string title = "CDO補佐官（令和6年度・事後登録試験）";
        List<KeyValuePair<string, string>> form =
        [
            new("Input.OrganizationCode", ozuCode),
            new("Input.Title", title),
            new("Input.RoleCode", "cdo_advisor"),
            new("Input.EngagementCode", "part_time_appointee"),
            new("Input.Department", "総務企画部デジタル推進課"),
            new("Input.PublishedOn", "2024-02-01"),
            new("Input.ApplicationDeadline", "2024年2月20日"),
            new("Input.FilledOn", "2024-04-01"),
            new("Input.FirstTermMonths", "約6か月"),
            new("Input.PayAmount", "27万3,800円"),
            new("Input.PayUnit", "Month"),
            new("Input.DaysPerWeek", "週2日程度"),
            new("Input.AppointeeName", "大洲 花子"),
            new("Input.AppointeeEmail", email),
        ];
        var check = await office.PostFormAsync("/past-results/appointments/new", form, "/past-results/appointments/new");
        var confirm = await check.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("273,800", confirm);
        Assert.Contains("34,225", confirm);
        var saved = await office.PostFormAsync("/past-results/appointments/new", [.. form, new("step", "save")], "/past-results/appointments/new");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var o = await factory.WithDbAsync(db => db.Openings.SingleAsync(x => x.Title == title));
        Assert.Equal(ozu, o.OrganizationId);
        Assert.Equal(OpeningStatus.Closed, o.Status);
        Assert.Equal(new DateOnly(2024, 4, 1), o.FilledOn);
        Assert.Equal(expertId, o.AppointeeExpertProfileId);
        Assert.True(o.FirstTermApproximate);
        Assert.True(o.OnsiteNotStated);
        Assert.True(o.CommutingNotStated);
        Assert.Equal(34_225, o.DayRateYen);

        var page = await factory.NewClient().GetStringAsync($"/openings/{o.Id}");
        Assert.Contains("id=\"recorded-badge\"", page);
        Assert.Contains("id=\"appointee\">大洲 花子", page);
        Assert.Contains("id=\"filled-badge\"", page);
        Assert.Contains($"data-opening-id=\"{o.Id}\"", await factory.NewClient().GetStringAsync("/openings?status=awarded&q=事後登録試験"));
        Assert.DoesNotContain($"data-opening-id=\"{o.Id}\"", await factory.NewClient().GetStringAsync("/openings?q=事後登録試験"));
        var api = JsonDocument.Parse(await factory.NewClient().GetStringAsync($"/api/openings/{o.Id}")).RootElement;
        Assert.True(api.GetProperty("recordedAfterTheFact").GetBoolean());
        Assert.Equal("大洲 花子", api.GetProperty("filled").GetProperty("appointee").GetString());
        Assert.Equal(273_800, api.GetProperty("pay").GetProperty("payAmountYen").GetInt64());

        // Named in a vendor's proposal to 大洲市, the city's own adviser is flagged.
        var flags = await FlagsAsync(ozu, expertId, withAppointments: true);
        Assert.Contains(title, flags[expertId].Reason);
        Assert.Empty(await FlagsAsync(ozu + 1, expertId, withAppointments: true));
        Assert.Contains(title, await office.GetStringAsync("/past-results"));
    }

    [Fact]
    public async Task Staff_NamingAnotherGovernment_Forbidden_AndNothingSaved()
    {
        var staff = await factory.SignedInAsync(UchikoStaff);
        var ozuCode = await factory.WithDbAsync(db => db.Organizations.Where(o => o.NameJa == "大洲市").Select(o => o.Code).SingleAsync());
        var form = PastCallForm("他団体名義の記録試験", "株式会社他団体", "", ozuCode);
        var check = await staff.PostFormAsync("/past-results/calls/new", form, "/past-results/calls/new");
        Assert.Equal(HttpStatusCode.Forbidden, check.StatusCode);
        var save = await staff.PostFormAsync("/past-results/calls/new", [.. form, new("step", "save")], "/past-results/calls/new");
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ProposalCalls.CountAsync(c => c.Title == "他団体名義の記録試験")));

        var expert = await factory.SignedInAsync(WebClientExtensions.Expert);
        var denied = await expert.GetAsync("/past-results/calls/new");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        await (await factory.SignedInAsync(WebClientExtensions.Vendor)).PostFormAsync("/past-results/calls/new", [.. PastCallForm("事業者による記録試験", "株式会社X", ""), new("step", "save")], "/openings");
        Assert.Equal(0, await factory.WithDbAsync(db => db.ProposalCalls.CountAsync(c => c.Title == "事業者による記録試験")));

        // Another government's staff do not see 内子町's records.
        var maibara = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        await staff.PostFormAsync("/past-results/calls/new", [.. PastCallForm("内子町のみの記録", "株式会社内子", ""), new("step", "save")], "/past-results/calls/new");
        Assert.DoesNotContain("内子町のみの記録", await maibara.GetStringAsync("/past-results"));
    }

    [Fact]
    public async Task PastCall_WrongDatesAndAmounts_SayWhatToFix_AndSaveNothing()
    {
        var staff = await factory.SignedInAsync(UchikoStaff);
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime.AddHours(9));
        var form = PastCallForm("誤り確認用の過去業務", "株式会社誤り", "1234567890123");
        form = With(form, "Input.AwardedOn", today.AddDays(3).ToString("yyyy-MM-dd"));
        form = With(form, "Input.SubmissionDeadline", "2022-12-01");
        form = With(form, "Input.ContractAmount", "3,500万円");
        var response = await staff.PostFormAsync("/past-results/calls/new", [.. form, new("step", "save")], "/past-results/calls/new");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("まだ決まっていない結果は記録できません", html);
        Assert.Contains("締切日が公告日より前です", html);
        Assert.Contains("提案上限額（33,000,000円）を超えています", html);
        Assert.Contains("法人番号は13桁", html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ProposalCalls.CountAsync(c => c.Title == "誤り確認用の過去業務")));

        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var noCode = await office.PostFormAsync("/past-results/calls/new", PastCallForm("団体未指定の過去業務", "株式会社A", ""), "/past-results/calls/new");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noCode.StatusCode);
        Assert.Contains("団体コード", await noCode.Content.ReadAsStringAsync());
        var unknown = await office.PostFormAsync("/past-results/calls/new", PastCallForm("団体不明の過去業務", "株式会社A", "", "999999"), "/past-results/calls/new");
        Assert.Contains("999999 の団体が見つかりません", await unknown.Content.ReadAsStringAsync());
    }

    private async Task<Dictionary<int, ConflictFlag>> FlagsAsync(int organizationId, int expertId, bool withAppointments = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Marketplace.Data.MarketplaceDbContext>();
        var expert = await db.ExpertProfiles.AsNoTracking().SingleAsync(e => e.Id == expertId);
        var conflicts = scope.ServiceProvider.GetRequiredService<ConflictOfInterest>();
        return withAppointments ? await conflicts.WithAppointmentsAsync(organizationId, [expert]) : await conflicts.FlagsAsync(organizationId, [expert]);
    }
}
