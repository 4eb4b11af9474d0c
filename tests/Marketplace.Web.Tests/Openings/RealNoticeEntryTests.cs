using System.Globalization;
using System.Net;
using System.Text.Json;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Openings;

/// <summary>
/// The real notices of domain.md entered through the staff pages as their text gives them, with nothing
/// invented: approximate figures marked 約/程度, unstated facts left "not stated", and the day rate (or
/// range) the notice supports. Each fact is then checked on the public page and in the JSON API.
/// </summary>
[Collection(WebCollection.Name)]
public class RealNoticeEntryTests(MarketplaceFactory factory)
{
    private static string Deadline => DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<(string Html, JsonElement Json, string Notice)> EnterAndPublishAsync(string staffEmail, List<KeyValuePair<string, string>> form)
    {
        var staff = await factory.SignedInAsync(staffEmail);
        var created = await staff.PostFormAsync("/manage/openings/new", form, "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(WebClientExtensions.LocationPath(created).Split('/').Last(), CultureInfo.InvariantCulture);
        var manage = await staff.GetStringAsync($"/manage/openings/{id}");
        var published = await staff.PostFormAsync($"/manage/openings/{id}?handler=Publish", [new("token", await factory.TokenOfAsync(id))], "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var html = await factory.NewClient().GetStringAsync($"/openings/{id}");
        var json = JsonDocument.Parse(await factory.NewClient().GetStringAsync($"/api/openings/{id}")).RootElement;
        return (html, json, manage);
    }

    /// <summary>
    /// 大阪府 スマートシティ戦略部副理事 (CIO補佐官), 次長級, 任期付職員: 年収約1,140万円 including the regional and
    /// term-end allowances; term 1 year, renewable for up to 2 more years. The notice as summarised gives no
    /// commuting or travel terms; fixed-term staff are full-time, so the day rate rests on five days, said in words.
    /// </summary>
    [Fact]
    public async Task Osaka_EnteredAsWritten_EveryFactOnPageAndApi()
    {
        var form = new OpeningFormBuilder()
            .With("Title", "スマートシティ戦略部副理事（CIO補佐官）入力確認").With("RoleCode", "cio_advisor").With("EngagementCode", "fixed_term_staff")
            .With("Rank", "次長級").With("Department", "スマートシティ戦略部").With("ServesCode", "cio")
            .With("FirstTermMonths", "1年").With("RenewalRule", "RenewableForMoreMonths").With("RenewalMaxAdditionalMonths", "2年")
            .With("PayAmount", "約1,140万円").With("PayUnit", "Year").Add("AllowancesIncluded", "regional").Add("AllowancesIncluded", "term_end")
            .With("CommutingNotStated", "true").With("DaysPerWeek", "").With("DaysPerWeekNotStated", "true").With("OnsiteDays", "").With("OnsiteNotStated", "true")
            .With("RemoteAllowed", "false").With("ApplicationDeadline", Deadline).Build();
        var (html, json, manage) = await EnterAndPublishAsync(WebClientExtensions.OsakaStaff, form);

        Assert.Contains("読み取った金額：11,400,000円（約）", manage);
        foreach (var fact in new[]
                 {
                     "年額 約11,400,000円", "地域手当、期末手当", "<dd class=\"commuting\">記載なし</dd>", "<dd class=\"department\">スマートシティ戦略部</dd>",
                     "初回の任期 1年、更新により最長あと2年（通算3年）", "47,500円（勤務日数の記載がないため、週5日の勤務と仮定）", "次長級",
                     "<dd class=\"days-per-week\">記載なし</dd>", "<dd class=\"onsite\">記載なし</dd>",
                 })
        {
            Assert.Contains(fact, html);
        }
        var pay = json.GetProperty("pay");
        Assert.Equal(11_400_000, pay.GetProperty("payAmountYen").GetInt64());
        Assert.True(pay.GetProperty("payApproximate").GetBoolean());
        Assert.Equal(47_500, pay.GetProperty("dayRateYen").GetInt64());
        Assert.True(pay.GetProperty("commutingNotStated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, pay.GetProperty("commutingAllowancePaid").ValueKind);
        Assert.Equal(["regional", "term_end"], pay.GetProperty("allowancesIncluded").EnumerateArray().Select(a => a.GetString()!).ToArray());
        var term = json.GetProperty("term");
        Assert.Equal(12, term.GetProperty("firstTermMonths").GetInt32());
        Assert.Equal("RenewableForMoreMonths", term.GetProperty("renewalRule").GetString());
        Assert.Equal(24, term.GetProperty("renewalMaxAdditionalMonths").GetInt32());
        Assert.Equal("スマートシティ戦略部", json.GetProperty("department").GetString());
        Assert.Equal("cio", json.GetProperty("serves").GetString());
        Assert.True(json.GetProperty("workStyle").GetProperty("daysPerWeekNotStated").GetBoolean());
    }

    /// <summary>
    /// 大洲市 CDO補佐官, 委嘱 (part-time special appointee): monthly 273,800円 (typed as 27万3,800円); no commuting
    /// allowance; about 2 days a week by telework and about one day a month at the city hall; term about 6 months,
    /// renewable with no limit on the number of renewals.
    /// </summary>
    [Fact]
    public async Task Ozu_EnteredAsWritten_EveryFactOnPageAndApi()
    {
        var form = new OpeningFormBuilder()
            .With("Title", "CDO補佐官 入力確認").With("RoleCode", "cdo_advisor").With("EngagementCode", "part_time_appointee")
            .With("FirstTermMonths", "約6か月").With("RenewalRule", "Unlimited")
            .With("PayAmount", "27万3,800円").With("PayUnit", "Month").With("CommutingAllowancePaid", "false").With("AllowancesNotStated", "true")
            .With("DaysPerWeek", "週2日程度").With("OnsiteDays", "1").With("OnsiteApproximate", "true").With("OnsitePeriod", "Month").With("RemoteAllowed", "true")
            .With("Duties", "DX推進本部への参画\nDX施策の企画・進捗管理\nDXチームの組成とデジタル人材の育成\n情報セキュリティポリシー\n官民共創")
            .With("ApplicationDeadline", Deadline).Build();
        var (html, json, manage) = await EnterAndPublishAsync(WebClientExtensions.OzuStaff, form);

        Assert.Contains("読み取った金額：273,800円", manage);
        foreach (var fact in new[]
                 {
                     "月額 273,800円", "34,225円", "<dd class=\"commuting\">支給なし</dd>", "<dd class=\"allowances\">記載なし</dd>",
                     "初回の任期 約6か月、更新回数の上限なし", "週2日程度", "月1日程度", "<dd class=\"remote\">テレワーク可</dd>", "官民共創",
                 })
        {
            Assert.Contains(fact, html);
        }
        var pay = json.GetProperty("pay");
        Assert.Equal(273_800, pay.GetProperty("payAmountYen").GetInt64());
        Assert.False(pay.GetProperty("payApproximate").GetBoolean());
        Assert.Equal(34_225, pay.GetProperty("dayRateYen").GetInt64());
        Assert.False(pay.GetProperty("commutingAllowancePaid").GetBoolean());
        Assert.True(pay.GetProperty("allowancesNotStated").GetBoolean());
        Assert.True(json.GetProperty("term").GetProperty("firstTermApproximate").GetBoolean());
        Assert.Equal(6, json.GetProperty("term").GetProperty("firstTermMonths").GetInt32());
        var work = json.GetProperty("workStyle");
        Assert.Equal(2, work.GetProperty("daysPerWeek").GetDouble());
        Assert.True(work.GetProperty("daysPerWeekApproximate").GetBoolean());
        Assert.True(work.GetProperty("onsiteApproximate").GetBoolean());
    }

    /// <summary>Without a stated workload a part-time monthly fee is shown over one to three days a week, in words.</summary>
    [Fact]
    public async Task UnstatedWorkload_DayRateShownAsRangeWithAssumption()
    {
        var form = new OpeningFormBuilder().With("Title", "勤務日数記載なし確認").With("EngagementCode", "part_time_appointee")
            .With("PayAmount", "27万3,800円").With("DaysPerWeek", "").With("DaysPerWeekNotStated", "true").With("OnsiteDays", "").With("OnsiteNotStated", "true")
            .With("TravelExpenses", "PaidAtCost").Build();
        var (html, json, _) = await EnterAndPublishAsync(WebClientExtensions.OzuStaff, form);

        Assert.Contains("22,817円〜68,450円（勤務日数の記載がないため、週1〜3日の勤務と仮定）", html);
        Assert.Contains("<dd class=\"travel-expenses\">実費支給（通勤手当とは別）</dd>", html);
        var pay = json.GetProperty("pay");
        Assert.Equal(22_817, pay.GetProperty("dayRateLowYen").GetInt64());
        Assert.Equal(68_450, pay.GetProperty("dayRateHighYen").GetInt64());
        Assert.Equal("PaidAtCost", pay.GetProperty("travelExpenses").GetString());
        Assert.Equal(JsonValueKind.Null, pay.GetProperty("annualEquivalentYen").ValueKind);
    }

    /// <summary>A 3-month first term followed by a 2-year contract that is only planned, and a notice with no amount.</summary>
    [Fact]
    public async Task PlannedFollowOnAndUnstatedPay_ShownAsSuchNotInvented()
    {
        var form = new OpeningFormBuilder().With("Title", "後続任期予定確認").With("FirstTermMonths", "3か月").With("RenewalRule", "None")
            .With("FollowOnTermMonths", "2年").With("PayAmount", "").With("PayNotStated", "true").Build();
        var (html, json, _) = await EnterAndPublishAsync(WebClientExtensions.OzuStaff, form);

        Assert.Contains("その後の任期 2年（予定）", html);
        Assert.Contains("<dd class=\"pay-figure posted-pay\">記載なし</dd>", html);
        Assert.Contains("金額の記載がないため算出していません", html);
        Assert.Equal("planned", json.GetProperty("term").GetProperty("followOn").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("pay").GetProperty("dayRateYen").ValueKind);
    }

    /// <summary>
    /// 米原市 CIO support work, outsourced: 3-year total 33,000,000円 excluding tax (typed 3,300万円); at least one
    /// person on site one day a week on average; the CIO supported is the deputy mayor (副市長が本部長かつCIO).
    /// The call shows a day-rate equivalent with its assumption in words.
    /// </summary>
    [Fact]
    public async Task Maibara_CallEnteredAsWritten_ShowsServesAndDayRateEquivalent()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var form = factory.CallForm("米原市CIO補佐業務 入力確認", ceiling: "3,300万円")
            .Where(f => f.Key is not ("Input.ContractStart" or "Input.ContractEnd")).ToList();
        var soon = factory.Clock.GetUtcNow().UtcDateTime.AddHours(9).AddDays(40);
        var start = new DateTime(soon.Year, soon.Month, 1).AddMonths(1);
        form.Add(new("Input.ContractStart", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        form.Add(new("Input.ContractEnd", start.AddYears(3).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        form.Add(new("Input.Department", "総務部デジタル推進課"));
        form.Add(new("Input.ServesCode", "deputy_mayor"));
        form.Add(new("Input.ServesDetail", "副市長が本部長かつCIO"));
        form.Add(new("Input.TravelExpenses", "IncludedInPay"));
        var id = await factory.CreateCallAsync(staff, form);

        var html = await factory.NewClient().GetStringAsync($"/calls/{id}");
        Assert.Contains("33,000,000円", html);
        Assert.Contains("<dd id=\"call-department\">総務部デジタル推進課</dd>", html);
        Assert.Contains("副知事・副市町村長（副市長が本部長かつCIO）", html);
        Assert.Contains("45,833円〜229,167円（上限額を契約期間（36か月）に割り振り、必要な出勤の週1日から週5人日までの作業量と仮定）", html);
        Assert.Contains("報酬・契約額に含む", html);
    }

    /// <summary>
    /// A staff account of the government <paramref name="code"/>, as an approved sign-up would make it; the government
    /// is added first when the demo data lacks it, as the office's import of the national code list would.
    /// </summary>
    private async Task<string> StaffOfAsync(string code, string nameJa, string nameEn, string prefecture)
    {
        var orgId = await factory.WithDbAsync(async db =>
        {
            var org = await db.Organizations.SingleOrDefaultAsync(o => o.Code == code);
            if (org is null)
            {
                org = new Organization { Code = code, PrefectureCode = prefecture, Kind = OrganizationKind.SpecialWard, NameJa = nameJa, NameEn = nameEn, CreatedAt = DateTime.UtcNow };
                db.Organizations.Add(org);
                await db.SaveChangesAsync();
            }
            return org.Id;
        });
        var email = $"notice-{code}-{Guid.NewGuid():N}@example.jp";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "募集 担当", CreatedAt = DateTime.UtcNow, OrganizationId = orgId };
        Assert.True((await users.CreateAsync(user, Marketplace.Web.Features.Seeding.DemoDataSeeder.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Staff)).Succeeded);
        return email;
    }

    /// <summary>
    /// 奈良県 (a notice of fixed-term staff for the prefecture's digital push, summarised in a public article:
    /// note.mu/senkyojapan "CIOやCIO補佐官を自治体に設置するには?"): CIO, 次長級, placed in 総務部 デジタル戦略課; 月収約60万円
    /// including the regional allowance; term 2 years 9 months (written 2年9カ月間), renewable for 2 more years. No
    /// workload, commuting or travel terms are given; fixed-term staff work full time, so the day rate rests on five
    /// days a week, said in words.
    /// </summary>
    [Fact]
    public async Task Nara_Cio_EnteredAsWritten_EveryFactOnPageAndApi()
    {
        var staff = await StaffOfAsync("290009", "奈良県", "Nara Prefecture", "29");
        var form = new OpeningFormBuilder()
            .With("Title", "奈良県CIO（任期付職員）入力確認").With("RoleCode", "cio").With("EngagementCode", "fixed_term_staff")
            .With("Rank", "次長級").With("Department", "総務部 デジタル戦略課")
            .With("FirstTermMonths", "2年9カ月間").With("RenewalRule", "RenewableForMoreMonths").With("RenewalMaxAdditionalMonths", "2年間")
            .With("PayAmount", "約60万円").With("PayUnit", "Month").Add("AllowancesIncluded", "regional")
            .With("CommutingNotStated", "true").With("DaysPerWeek", "").With("DaysPerWeekNotStated", "true").With("OnsiteDays", "").With("OnsiteNotStated", "true")
            .With("RemoteAllowed", "false").With("ApplicationDeadline", Deadline).Build();
        var (html, json, manage) = await EnterAndPublishAsync(staff, form);

        Assert.Contains("読み取った金額：600,000円（約）", manage);
        foreach (var fact in new[]
                 {
                     "奈良県", "月額 約600,000円", "地域手当", "<dd class=\"commuting\">記載なし</dd>", "<dd class=\"department\">総務部 デジタル戦略課</dd>",
                     "初回の任期 2年9か月、更新により最長あと2年（通算4年9か月）", "30,000円（勤務日数の記載がないため、週5日の勤務と仮定）", "次長級",
                     "<dd class=\"days-per-week\">記載なし</dd>", "<dd class=\"onsite\">記載なし</dd>",
                 })
        {
            Assert.Contains(fact, html);
        }
        var pay = json.GetProperty("pay");
        Assert.Equal(600_000, pay.GetProperty("payAmountYen").GetInt64());
        Assert.True(pay.GetProperty("payApproximate").GetBoolean());
        Assert.Equal(30_000, pay.GetProperty("dayRateYen").GetInt64());
        Assert.True(pay.GetProperty("commutingNotStated").GetBoolean());
        Assert.Equal(["regional"], pay.GetProperty("allowancesIncluded").EnumerateArray().Select(a => a.GetString()!).ToArray());
        var term = json.GetProperty("term");
        Assert.Equal(33, term.GetProperty("firstTermMonths").GetInt32());
        Assert.Equal(24, term.GetProperty("renewalMaxAdditionalMonths").GetInt32());
        Assert.Equal("総務部 デジタル戦略課", json.GetProperty("department").GetString());
        Assert.Equal("cio", json.GetProperty("roleCode").GetString());
        Assert.True(json.GetProperty("workStyle").GetProperty("daysPerWeekNotStated").GetBoolean());
    }

    /// <summary>
    /// 奈良県, the same notice's second post: 地域DXマネージャー, 主幹級, a manager under the CIO across the
    /// organisation (the role code dx_manager added for such posts); 月収約50万円 including the regional allowance;
    /// the same term and placement.
    /// </summary>
    [Fact]
    public async Task Nara_DxManager_EnteredAsWritten_EveryFactOnPageAndApi()
    {
        var staff = await StaffOfAsync("290009", "奈良県", "Nara Prefecture", "29");
        var form = new OpeningFormBuilder()
            .With("Title", "地域DXマネージャー（任期付職員）入力確認").With("RoleCode", "dx_manager").With("EngagementCode", "fixed_term_staff")
            .With("Rank", "主幹級").With("Department", "総務部 デジタル戦略課").With("ServesCode", "cio")
            .With("FirstTermMonths", "2年9カ月間").With("RenewalRule", "RenewableForMoreMonths").With("RenewalMaxAdditionalMonths", "2年間")
            .With("PayAmount", "約５０万円").With("PayUnit", "Month").Add("AllowancesIncluded", "regional")
            .With("CommutingNotStated", "true").With("DaysPerWeek", "").With("DaysPerWeekNotStated", "true").With("OnsiteDays", "").With("OnsiteNotStated", "true")
            .With("RemoteAllowed", "false").With("ApplicationDeadline", Deadline).Build();
        var (html, json, manage) = await EnterAndPublishAsync(staff, form);

        Assert.Contains("読み取った金額：500,000円（約）", manage);
        foreach (var fact in new[] { "月額 約500,000円", "25,000円（勤務日数の記載がないため、週5日の勤務と仮定）", "主幹級", "地域DXマネージャー" })
        {
            Assert.Contains(fact, html);
        }
        Assert.Equal("dx_manager", json.GetProperty("roleCode").GetString());
        Assert.Equal("cio", json.GetProperty("serves").GetString());
        Assert.Equal(25_000, json.GetProperty("pay").GetProperty("dayRateYen").GetInt64());
    }

    /// <summary>
    /// 江東区 CIO補佐官 as its establishing rules define the post (江東区CIO補佐官設置要綱, 令和6年6月17日,
    /// www.city.koto.lg.jp/reiki-koho/reiki_honbun/g109RG00002513.html): a special part-time post (特別職の非常勤職員)
    /// supporting the ward's CIO; term the fiscal year from 1 April to 31 March, reappointment not barred. The rules
    /// state no pay, workload or allowances: each is entered as not stated, and no day rate is invented.
    /// </summary>
    [Fact]
    public async Task Koto_CioAdvisor_RulesWithoutPay_EnteredWithNothingInvented()
    {
        var staff = await StaffOfAsync("131083", "江東区", "Koto City", "13");
        var form = new OpeningFormBuilder()
            .With("Title", "江東区CIO補佐官 入力確認").With("RoleCode", "cio_advisor").With("EngagementCode", "part_time_appointee").With("ServesCode", "cio")
            .With("Duties", "区の情報政策の現状分析・課題抽出と提言\n電子自治体推進委員会への助言\n各部署のデジタル化への指導・助言\n情報化人材の育成・確保への助言")
            .With("FirstTermMonths", "1年").With("RenewalRule", "Unlimited")
            .With("PayAmount", "").With("PayNotStated", "true").With("AllowancesNotStated", "true").With("CommutingNotStated", "true")
            .With("DaysPerWeek", "").With("DaysPerWeekNotStated", "true").With("OnsiteDays", "").With("OnsiteNotStated", "true")
            .With("ApplicationDeadline", Deadline).Build();
        var (html, json, _) = await EnterAndPublishAsync(staff, form);

        foreach (var fact in new[]
                 {
                     "江東区", "<dd class=\"pay-figure posted-pay\">記載なし</dd>", "金額の記載がないため算出していません", "初回の任期 1年、更新回数の上限なし",
                     "<dd class=\"days-per-week\">記載なし</dd>", "<dd class=\"allowances\">記載なし</dd>", "電子自治体推進委員会への助言",
                 })
        {
            Assert.Contains(fact, html);
        }
        var pay = json.GetProperty("pay");
        Assert.Equal(JsonValueKind.Null, pay.GetProperty("dayRateYen").ValueKind);
        Assert.True(pay.GetProperty("allowancesNotStated").GetBoolean());
        Assert.Equal("Unlimited", json.GetProperty("term").GetProperty("renewalRule").GetString());
        Assert.Equal(12, json.GetProperty("term").GetProperty("firstTermMonths").GetInt32());
    }
}
