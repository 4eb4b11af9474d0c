using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Features;
using Marketplace.Web.Features.Applications;
using Marketplace.Web.Features.Import;
using Marketplace.Web.Features.Security;
using Marketplace.Web.Tests.Infrastructure;
using Marketplace.Web.Tests.PastResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Import;

/// <summary>
/// Bulk import (/import): upload → preview → confirm, all rows or none, every problem as file:line:column, the seed
/// examples (UTF-8 CSV, its Shift_JIS twin, JSON) read alike, and who may import what for whom.
/// </summary>
[Collection(WebCollection.Name)]
public partial class ImportTests(MarketplaceFactory factory)
{
    private const string Uchiko = PastResultTests.UchikoStaff;
    private const string SeedCorporateNumber = "5701234567891";

    private static byte[] Seed(string name) => File.ReadAllBytes(SeedFiles.PathOf(Path.Combine("import", name)));

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, ImportKind kind, string fileName, byte[] bytes, ImportEncoding encoding = ImportEncoding.Auto)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".json") ? "application/json" : "text/csv");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(await client.TokenAsync("/import")), "__RequestVerificationToken" },
            { new StringContent(kind.ToString()), "Kind" },
            { new StringContent(encoding.ToString()), "Encoding" },
            { file, "file", fileName },
        };
        return await client.PostAsync("/import", content);
    }

    internal static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string token) =>
        client.PostFormAsync("/import?handler=confirm", [new("token", token)], "/import");

    internal static string TokenOf(string html)
    {
        var m = TokenField().Match(html);
        Assert.True(m.Success, "No confirmation token on the preview");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    /// <summary>The preview table without its line numbers (a JSON file puts the same rows on other lines).</summary>
    private static string PreviewRows(string html)
    {
        var m = PreviewTable().Match(html);
        Assert.True(m.Success, "No preview table");
        return LineCells().Replace(m.Value, "");
    }

    private static List<string> Problems(string html) =>
        [.. ProblemItem().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [Fact]
    public async Task SeedPastCalls_ShiftJisAndJsonTwins_PreviewAlike_ConfirmedOnPublicPageOcdsAndConflictChecks()
    {
        var staff = await factory.SignedInAsync(Uchiko);
        var (_, expertId) = await factory.CreateExpertAsync("取込 利益相反", e => { e.VendorCorporateNumber = SeedCorporateNumber; e.VendorAffiliationName = "サンプルDX"; });
        var uchiko = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Uchiko).Select(u => u.OrganizationId!.Value).SingleAsync());
        Assert.Empty(await FlagsAsync(uchiko, expertId));

        var utf8 = await UploadAsync(staff, ImportKind.PastCalls, "past-calls.csv", Seed("past-calls.csv"));
        var utf8Html = await utf8.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, utf8.StatusCode);
        Assert.Contains("UTF-8", utf8Html);
        Assert.Equal(3, Regex.Matches(utf8Html, "<tr data-line=").Count);
        Assert.Contains("31,900,000", utf8Html);
        Assert.Contains("9,800,000", utf8Html);
        Assert.Contains("受託者の法人番号がないため", utf8Html);
        Assert.Equal(0, await CountSeedCallsAsync());

        var sjis = await UploadAsync(staff, ImportKind.PastCalls, "past-calls.sjis.csv", Seed("past-calls.sjis.csv"));
        var sjisHtml = await sjis.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, sjis.StatusCode);
        Assert.Contains("Shift_JIS", sjisHtml);
        Assert.Equal(PreviewRows(utf8Html), PreviewRows(sjisHtml));
        Assert.Equal(utf8Html.Split("<table")[1].Split("</table>")[0], sjisHtml.Split("<table")[1].Split("</table>")[0]);

        var json = await UploadAsync(staff, ImportKind.PastCalls, "past-calls.json", Seed("past-calls.json"));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(PreviewRows(utf8Html), PreviewRows(await json.Content.ReadAsStringAsync()));

        // Read as UTF-8 by choice, the Shift_JIS twin is refused at its first byte that is not UTF-8.
        var forcedUtf8 = await UploadAsync(staff, ImportKind.PastCalls, "past-calls.sjis.csv", Seed("past-calls.sjis.csv"), ImportEncoding.Utf8);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forcedUtf8.StatusCode);
        Assert.Contains(Problems(await forcedUtf8.Content.ReadAsStringAsync()), p => p.StartsWith("past-calls.sjis.csv:2:") && p.Contains("UTF-8 として読めない"));
        Assert.Equal(0, await CountSeedCallsAsync());

        // Confirm the Shift_JIS preview: what is saved is what the UTF-8 file says.
        var saved = await ConfirmAsync(staff, TokenOf(sjisHtml));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("id=\"import-saved\"", await saved.Content.ReadAsStringAsync());
        var calls = await factory.WithDbAsync(db => db.ProposalCalls.Include(c => c.Roles).Where(c => c.Title.StartsWith("内子町") && c.SupplierName != null && c.RecordedAfterTheFact && c.OrganizationId == uchiko)
            .OrderBy(c => c.ResultDate).ToListAsync());
        var cio = calls.Single(c => c.Title == "内子町CIO補佐業務委託（令和5年度から令和7年度）");
        Assert.Equal(31_900_000L, cio.ContractAmountYen);
        Assert.Equal(33_000_000L, cio.CeilingYen);
        Assert.False(cio.CeilingTaxIncluded);
        Assert.Equal(new DateOnly(2023, 3, 1), cio.ResultDate);
        Assert.Equal(new DateOnly(2023, 4, 1), cio.ContractStart);
        Assert.Equal(["CIO補佐官", "実務管理者", "担当者"], cio.Roles.OrderBy(r => r.SortOrder).Select(r => r.Name));
        Assert.Equal(3, cio.RecordedProposalCount);
        var plan = calls.Single(c => c.Title == "内子町DX推進計画策定支援業務");
        Assert.Equal(9_800_000L, plan.CeilingYen);
        Assert.True(plan.CeilingTaxIncluded);
        Assert.Null(plan.SupplierCorporateNumber);
        Assert.Equal(3, await CountSeedCallsAsync());

        var page = await factory.NewClient().GetStringAsync($"/calls/{cio.Id}");
        Assert.Contains("id=\"recorded-badge\"", page);
        Assert.Contains("株式会社サンプルDXパートナーズ", page);
        Assert.Contains("31,900,000", page);

        var ocds = JsonDocument.Parse(await factory.NewClient().GetStringAsync($"/api/ocds/calls/{cio.Id}")).RootElement;
        var award = ocds.GetProperty("releases")[0].GetProperty("awards")[0];
        Assert.Equal(31_900_000, award.GetProperty("value").GetProperty("amount").GetInt64());
        Assert.Equal("株式会社サンプルDXパートナーズ", award.GetProperty("suppliers")[0].GetProperty("name").GetString());
        Assert.Equal("2023-02-28T15:00:00Z", award.GetProperty("date").GetString());

        var flags = await FlagsAsync(uchiko, expertId);
        Assert.Contains("株式会社サンプルDXパートナーズ", flags[expertId].Reason);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ImportConfirmed && a.OrganizationId == uchiko && a.Detail!.Contains("past-calls.sjis.csv"))));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.PastResultRecorded && a.SubjectId == cio.Id.ToString())));

        // The same preview confirmed again (a double submit) is refused as already recorded, row by row.
        var again = await ConfirmAsync(staff, TokenOf(sjisHtml));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        var duplicates = Problems(await again.Content.ReadAsStringAsync());
        Assert.Equal(3, duplicates.Count(p => p.Contains(": Title: ") && p.Contains("既に登録されています")));
        Assert.Contains(duplicates, p => p.StartsWith("past-calls.sjis.csv:2:"));
        Assert.Equal(3, await CountSeedCallsAsync());
    }

    private Task<int> CountSeedCallsAsync() => factory.WithDbAsync(db => db.ProposalCalls.CountAsync(c => c.SupplierName == "株式会社サンプルDXパートナーズ" || c.SupplierName == "合同会社まちデジ"));

    [Fact]
    public async Task FileWithErrors_EveryProblemAtItsPlace_NothingSaved()
    {
        var staff = await factory.SignedInAsync(Uchiko);
        var tag = Guid.NewGuid().ToString("N")[..6];
        string[] header = ["OrganizationCode", "Title", "PublishedOn", "SubmissionDeadline", "AwardedOn", "ContractStart", "ContractEnd", "Ceiling", "TaxBasis", "ContractAmount", "WinnerName", "WinnerCorporateNumber", "Colour"];
        string[][] rows =
        [
            ["", $"正しい行{tag}", "2024-01-10", "2024-02-10", "2024-03-01", "2024-04-01", "2025-03-31", "500万円", "excluded", "450万円", "株式会社正しい", "", ""],
            ["", $"金額誤り{tag}", "2024-01-10", "2024-02-10", "2024-03-01", "2024-04-01", "2025-03-31", "たくさん", "excluded", "600万円", "株式会社誤り", "", ""],
            ["", $"未来{tag}", "2024-01-10", "2024-02-10", "2099-03-01", "2024-04-01", "2025-03-31", "500万円", "taxed", "450万円", "", "1234567890123", ""],
            ["382078", $"他団体{tag}", "2024-01-10", "2024-02-10", "2024-03-01", "2024-04-01", "2025-03-31", "500万円", "excluded", "450万円", "株式会社他", "", ""],
        ];
        var csv = string.Join("\r\n", new[] { header }.Concat(rows).Select(r => string.Join(',', r))) + "\r\n" + $",\"閉じない{tag},2024-01-10\r\n";
        int Col(string[] row, int index) => 1 + row.Take(index).Sum(f => f.Length + 1);

        var response = await UploadAsync(staff, ImportKind.PastCalls, "errors.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("name=\"token\"", html);
        var problems = Problems(html);
        Assert.Contains($"errors.csv:1:{Col(header, 12)}: Colour: 列名「Colour」はこの種類の取り込みにはありません。README の列一覧の名前にしてください（綴り、または選んだ「ファイルの内容」を確認してください）。", problems);
        Assert.Contains(problems, p => p.StartsWith($"errors.csv:3:{Col(rows[1], 7)}: Ceiling: ") && p.Contains("上限額"));
        Assert.Contains(problems, p => p.StartsWith($"errors.csv:4:{Col(rows[2], 4)}: AwardedOn: "));
        Assert.Contains(problems, p => p.StartsWith($"errors.csv:4:{Col(rows[2], 8)}: TaxBasis: "));
        Assert.Contains(problems, p => p.StartsWith($"errors.csv:4:{Col(rows[2], 10)}: WinnerName: "));
        Assert.Contains(problems, p => p.StartsWith($"errors.csv:4:{Col(rows[2], 11)}: WinnerCorporateNumber: "));
        Assert.Contains(problems, p => p.StartsWith("errors.csv:5:1: OrganizationCode: 団体コード 382078 は自団体"));
        Assert.Contains(problems, p => p.StartsWith("errors.csv:6:1: CSV の書き方の誤り：「\"」で始めた値が閉じていません"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ProposalCalls.CountAsync(c => c.Title.EndsWith(tag))));

        // JSON: a syntax error and an unknown property, each at its line and column.
        var broken = "[\n  {\"Title\": \"x\",\n   \"Titel\": \"y\"}\n  {\"Title\": \"z\"}\n]";
        var jsonResponse = await UploadAsync(staff, ImportKind.PastCalls, "broken.json", Encoding.UTF8.GetBytes(broken));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, jsonResponse.StatusCode);
        var jsonProblems = Problems(await jsonResponse.Content.ReadAsStringAsync());
        Assert.Contains(jsonProblems, p => p.StartsWith("broken.json:3:4: Titel: 列名「Titel」"));
        Assert.Contains(jsonProblems, p => p.StartsWith("broken.json:4:3: JSON の書き方に誤り"));
    }

    [Fact]
    public async Task Office_ImportsOpeningsAndCalls_ForAnyGovernment_AmountsAsWritten_SavedAsDrafts()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var deadline = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd");
        var csv = $"""
            OrganizationCode,Title,RoleCode,EngagementCode,Description,FirstTermMonths,PayAmount,PayUnit,DaysPerWeek,DaysPerWeekNotStated,OnsiteNotStated,ApplicationDeadline,RequiredSkills,CommutingNotStated
            382078,CDO補佐官{tag},cdo_advisor,part_time_appointee,DX推進本部への参画と施策の企画,約6か月,"27万3,800円",Month,週2日程度,,true,{deadline},it_strategy;change_leadership,はい
            ３８２０７８,副理事{tag},cio_advisor,fixed_term_staff,スマートシティ戦略の推進,1年,"約1,140万円",Year,,true,TRUE,{deadline},,0
            382078,DX推進マネージャー{tag},dx_manager,part_time_appointee,全庁DXの推進,12,２７万,Month,,1,1,{deadline},,
            """;
        var preview = await UploadAsync(office, ImportKind.Openings, "openings.csv", Encoding.UTF8.GetBytes(csv));
        var html = await preview.Content.ReadAsStringAsync();
        Assert.True(preview.StatusCode == HttpStatusCode.OK, string.Join("\n", Problems(html)));
        Assert.Contains("273,800", html);
        Assert.Contains("11,400,000", html);
        Assert.Contains("270,000", html);
        Assert.Contains("勤務日数の記載なし", html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Openings.CountAsync(o => o.Title.EndsWith(tag))));

        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(office, TokenOf(html))).StatusCode);
        var saved = await factory.WithDbAsync(db => db.Openings.Include(o => o.Skills).Include(o => o.Organization).Where(o => o.Title.EndsWith(tag)).ToListAsync());
        Assert.Equal(3, saved.Count);
        Assert.All(saved, o => Assert.Equal(("大洲市", OpeningStatus.Draft), (o.Organization!.NameJa, o.Status)));
        var cdo = saved.Single(o => o.Title.StartsWith("CDO"));
        Assert.Equal((273_800L, PayUnit.Month, 6, true, 2.0, true), (cdo.PayAmountYen, cdo.PayUnit, cdo.FirstTermMonths, cdo.FirstTermApproximate, cdo.DaysPerWeek, cdo.DaysPerWeekApproximate));
        Assert.True(cdo.OnsiteNotStated);
        Assert.True(cdo.CommutingNotStated);
        Assert.Equal(["change_leadership", "it_strategy"], cdo.Skills.Where(s => s.Required).Select(s => s.SkillCode).Order());
        var osaka = saved.Single(o => o.Title.StartsWith("副理事"));
        Assert.Equal((11_400_000L, true, true), (osaka.PayAmountYen, osaka.PayApproximate, osaka.DaysPerWeekNotStated));
        var manager = saved.Single(o => o.Title.StartsWith("DX"));
        Assert.Equal((270_000L, true), (manager.PayAmountYen, manager.DaysPerWeekNotStated));
        Assert.True(manager.DayRateLowYen < manager.DayRateHighYen, "an unstated workload gives a day-rate range");

        // Calls in JSON, roles and criteria as arrays; the form's rules apply (a criterion without a weight is refused).
        var submission = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd");
        var start = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd");
        var end = DateTime.UtcNow.AddDays(60 + 365 * 3).ToString("yyyy-MM-dd");
        string CallJson(string weight) => $$"""
            [{"OrganizationCode": "252140", "Title": "CIO支援業務{{tag}}", "Purpose": "CIOを支援する", "Scope": "DX推進計画の進捗管理",
              "ContractStart": "{{start}}", "ContractEnd": "{{end}}", "Ceiling": "33,000,000円", "OnsiteDaysPerWeek": 1,
              "QuestionDeadline": "{{submission}}", "SubmissionDeadline": "{{submission}}", "PriceWeight": 20,
              "Roles": [{"Name": "CIO補佐官", "MayCombine": true}, {"Name": "実務管理者", "MustBeOwnEmployee": true}],
              "Criteria": [{"Name": "提案内容", "Weight": {{weight}}}]}]
            """;
        var refused = await UploadAsync(office, ImportKind.Calls, "calls.json", Encoding.UTF8.GetBytes(CallJson("\"\"")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(Problems(await refused.Content.ReadAsStringAsync()), p => p.StartsWith("calls.json:5:43: Criteria[0].Weight: "));
        var calls = await UploadAsync(office, ImportKind.Calls, "calls.json", Encoding.UTF8.GetBytes(CallJson("80")));
        var callsHtml = await calls.Content.ReadAsStringAsync();
        Assert.True(calls.StatusCode == HttpStatusCode.OK, string.Join("\n", Problems(callsHtml)));
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(office, TokenOf(callsHtml))).StatusCode);
        var call = await factory.WithDbAsync(db => db.ProposalCalls.Include(c => c.Roles).Include(c => c.Organization).SingleAsync(c => c.Title == $"CIO支援業務{tag}"));
        Assert.Equal(("米原市", CallStatus.Draft, 33_000_000L), (call.Organization!.NameJa, call.Status, call.CeilingYen));
        Assert.True(call.Roles.Single(r => r.Name == "実務管理者").MustBeOwnEmployee);
        Assert.True(call.Roles.Single(r => r.Name == "CIO補佐官").MayCombine);
    }

    [Fact]
    public async Task Staff_RowForAnotherGovernment_RefusedAtItsCell_NothingSaved()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        // The seed example is 内子町's: 大洲市's staff may not import it, row by row.
        var response = await UploadAsync(staff, ImportKind.PastCalls, "past-calls.csv", Seed("past-calls.csv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problems = Problems(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, problems.Count(p => p.Contains(": OrganizationCode: 団体コード 384224 は自団体")));
        Assert.Contains(problems, p => p.StartsWith("past-calls.csv:2:1: OrganizationCode:"));
        Assert.Contains(problems, p => p.StartsWith("past-calls.csv:5:1: OrganizationCode:"));
    }

    [Fact]
    public async Task ForgedConfirm_AnotherAccountsOrAlteredPreview_Refused_NothingSaved()
    {
        var uchiko = await factory.SignedInAsync(Uchiko);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = $"Title,PublishedOn,SubmissionDeadline,AwardedOn,ContractStart,ContractEnd,Ceiling,TaxBasis,ContractAmount,WinnerName\r\n偽造試験{tag},2024-01-10,2024-02-10,2024-03-01,2024-04-01,2025-03-31,500万円,excluded,450万円,株式会社偽造\r\n";
        var preview = await UploadAsync(uchiko, ImportKind.PastCalls, "forge.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var token = TokenOf(await preview.Content.ReadAsStringAsync());

        foreach (var other in new[] { WebClientExtensions.OzuStaff, WebClientExtensions.Office })
        {
            var forged = await ConfirmAsync(await factory.SignedInAsync(other), token);
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Contains("このプレビューは確定できません", await forged.Content.ReadAsStringAsync());
        }
        var altered = await ConfirmAsync(uchiko, token[..^8] + (token[^8] == 'A' ? "B" : "A") + token[^7..]);
        Assert.Equal(HttpStatusCode.BadRequest, altered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ConfirmAsync(uchiko, "")).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ProposalCalls.CountAsync(c => c.Title == $"偽造試験{tag}")));

        // Neither an expert nor an anonymous visitor reaches the page at all.
        WebClientExtensions.AssertAccessDenied(await (await factory.SignedInAsync(WebClientExtensions.Expert)).GetAsync("/import"));
        Assert.StartsWith("/account/login", WebClientExtensions.LocationPath(await factory.NewClient().GetAsync("/import")));

        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(uchiko, token)).StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.ProposalCalls.CountAsync(c => c.Title == $"偽造試験{tag}")));
    }

    [Fact]
    public async Task Save_CrashAfterRowsWritten_RollsBackEverything()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = new StringBuilder("Title,PublishedOn,SubmissionDeadline,AwardedOn,ContractStart,ContractEnd,Ceiling,TaxBasis,ContractAmount,WinnerName,WinnerCorporateNumber\r\n");
        for (var i = 0; i < 20; i++) csv.Append($"途中失敗{tag}-{i},2024-01-10,2024-02-10,2024-03-01,2024-04-01,2025-03-31,500万円,excluded,450万円,株式会社途中,{SeedCorporateNumber}\r\n");
        var (userId, orgId) = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Uchiko).Select(u => new ValueTuple<string, int>(u.Id, u.OrganizationId!.Value)).SingleAsync());
        var contractsBefore = await factory.WithDbAsync(db => db.VendorContracts.CountAsync(v => v.OrganizationId == orgId));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
            var db = scope.ServiceProvider.GetRequiredService<Marketplace.Data.MarketplaceDbContext>();
            var check = await imports.CheckAsync(orgId, userId, ImportKind.PastCalls, "crash.csv", Encoding.UTF8.GetBytes(csv.ToString()), ImportEncoding.Auto);
            Assert.True(check.CanSave, string.Join("\n", check.Problems.Select(p => p.Format("crash.csv"))));
            // The rows are written, then the process fails before the audit entries and the commit.
            db.SavedChanges += (_, _) => throw new IOException("disk gone");
            await Assert.ThrowsAsync<IOException>(() => imports.SaveAsync(check, userId));
        }
        Assert.Equal(0, await factory.WithDbAsync(db => db.ProposalCalls.CountAsync(c => c.Title.StartsWith($"途中失敗{tag}"))));
        Assert.Equal(contractsBefore, await factory.WithDbAsync(db => db.VendorContracts.CountAsync(v => v.OrganizationId == orgId)));
    }

    /// <summary>A thousand past appointments: checked, previewed and saved in one transaction, timed (figures in the README).</summary>
    [Fact]
    [Slow] // a thousand rows, timed: seconds on its own; the import rules are checked on small files by the other tests
    public async Task ThousandRows_CheckedAndSaved_InOneGo()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = new StringBuilder("OrganizationCode,Title,RoleCode,EngagementCode,PublishedOn,ApplicationDeadline,FilledOn,FirstTermMonths,PayAmount,PayUnit,DaysPerWeek,AppointeeName\r\n");
        for (var i = 0; i < 1000; i++) csv.Append($"382078,千件試験{tag}-{i},cio_advisor,part_time_appointee,2024-01-10,2024年1月31日,2024-04-01,12,\"{20 + i % 20}万円\",Month,{1 + i % 3},試験 太郎{i}\r\n");
        var userId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.Office).Select(u => u.Id).SingleAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        var watch = Stopwatch.StartNew();
        var check = await imports.CheckAsync(null, userId, ImportKind.PastAppointments, "thousand.csv", Encoding.UTF8.GetBytes(csv.ToString()), ImportEncoding.Auto);
        var checkedIn = watch.Elapsed;
        Assert.True(check.CanSave, string.Join("\n", check.Problems.Take(5).Select(p => p.Format("thousand.csv"))));
        Assert.Equal(1000, check.Rows.Count);
        var saved = await imports.SaveAsync(check, userId);
        Console.WriteLine($"Import of 1,000 past appointments: check {checkedIn.TotalMilliseconds:N0} ms, check+save {watch.Elapsed.TotalMilliseconds:N0} ms");
        Assert.Equal(1000, saved.Count);
        Assert.Equal(1000, await factory.WithDbAsync(db => db.Openings.CountAsync(o => o.Title.StartsWith($"千件試験{tag}-") && o.RecordedAfterTheFact)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"1,000 rows took {watch.Elapsed}");
    }

    private async Task<Dictionary<int, ConflictFlag>> FlagsAsync(int organizationId, int expertId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Marketplace.Data.MarketplaceDbContext>();
        var expert = await db.ExpertProfiles.AsNoTracking().SingleAsync(e => e.Id == expertId);
        return await scope.ServiceProvider.GetRequiredService<ConflictOfInterest>().FlagsAsync(organizationId, [expert]);
    }

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<table id=\"import-preview\"[\\s\\S]*?</table>")]
    private static partial Regex PreviewTable();

    [GeneratedRegex("<td class=\"num\">\\d+</td>| data-line=\"\\d+\"")]
    private static partial Regex LineCells();

    [GeneratedRegex("<li data-line=\"\\d+\" data-column=\"\\d+\"><code>([^<]*)</code></li>")]
    private static partial Regex ProblemItem();
}
