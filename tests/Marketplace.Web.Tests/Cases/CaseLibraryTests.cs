using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Cases;

/// <summary>
/// The case library on the demo data: the four demo cases and their search (acceptance 1), and who may see drafts,
/// consent-restricted expert links and advice threads (acceptance 3), each tried by the parties that must not.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class CaseLibraryTests(MarketplaceFactory factory)
{
    private const string Uchiko = "uchiko@demo.cio-marketplace.jp";

    [GeneratedRegex("data-case-id=\"(\\d+)\"")]
    private static partial Regex CaseIdPattern();

    private static List<int> CaseIds(string html) => CaseIdPattern().Matches(html).Select(m => int.Parse(m.Groups[1].Value)).ToList();

    private async Task<List<int>> SearchAsync(HttpClient client, string query) => CaseIds(await client.GetStringAsync("/cases?" + query));

    private Task<int> DemoCaseAsync(string titleStart) =>
        factory.WithDbAsync(db => db.Cases.Where(c => c.Title.StartsWith(titleStart)).Select(c => c.Id).SingleAsync());

    private Task<int> OrgIdAsync(string code) => factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());

    [Fact]
    public async Task DemoCases_FourPublished_EachShowsObstaclesFactorsAndAKpi()
    {
        var client = factory.NewClient();
        var listed = await SearchAsync(client, "");
        var demo = await factory.WithDbAsync(db => db.Cases.Where(c => c.Status == CaseStatus.Published && c.Source == CaseSource.Government)
            .Include(c => c.Kpis).AsNoTracking().ToListAsync());
        Assert.True(demo.Count >= 4);
        foreach (var title in new[] { "救急搬送のIT化", "外部の専門家が率いた電子県庁", "県が主導した共同RFI", "業務継続と介護" })
        {
            var c = Assert.Single(demo, x => x.Title.StartsWith(title, StringComparison.Ordinal));
            Assert.Contains(c.Id, listed);
            var page = await client.GetStringAsync($"/cases/{c.Id}");
            var obstacles = Regex.Match(page, "<dd id=\"case-obstacles\">(.*?)</dd>").Groups[1].Value;
            var factors = Regex.Match(page, "<dd id=\"case-factors\">(.*?)</dd>").Groups[1].Value;
            Assert.NotEmpty(obstacles);
            Assert.NotEmpty(factors);
            Assert.Contains($"<tr><th scope=\"row\">{c.Kpis.First().Name}</th>", page, StringComparison.Ordinal);
        }
        // The emergency transport case names its obstacles as the governments do.
        var emergency = await client.GetStringAsync($"/cases/{await DemoCaseAsync("救急搬送のIT化")}");
        Assert.Contains("④変化を嫌う体質", emergency);
        Assert.Contains("⑥予算獲得", emergency);
    }

    [Fact]
    public async Task Search_Keyword_MatchesFullWidthAndTwoCharacterTerms()
    {
        var client = factory.NewClient();
        var rfi = await DemoCaseAsync("県が主導した共同RFI");
        var emergency = await DemoCaseAsync("救急搬送のIT化");
        var telework = await DemoCaseAsync("業務継続と介護");
        Assert.Equal([rfi], await SearchAsync(client, "q=" + Uri.EscapeDataString("ＲＦＩ")));
        Assert.Contains(emergency, await SearchAsync(client, "q=" + Uri.EscapeDataString("救急")));
        Assert.DoesNotContain(telework, await SearchAsync(client, "q=" + Uri.EscapeDataString("救急")));
        // Every term must match: a government's name narrows the theme.
        Assert.Equal([telework], await SearchAsync(client, "q=" + Uri.EscapeDataString("テレワーク　小布施町")));
        Assert.Empty(await SearchAsync(client, "q=" + Uri.EscapeDataString("テレワーク 滋賀県")));
    }

    [Fact]
    public async Task Search_ByObstacleFactorThemeAndPrefecture_ReturnsExactlyTheMatchingPublishedCases()
    {
        var client = factory.NewClient();
        var published = await factory.WithDbAsync(db => db.Cases.Where(c => c.Status == CaseStatus.Published)
            .Include(c => c.Governments).ThenInclude(g => g.Organization).AsNoTracking().ToListAsync());
        foreach (var o in Features.Cases.CaseCodes.Obstacles)
            Assert.Equal(published.Where(c => c.Obstacles.Contains(o)).Select(c => c.Id).Order(), (await SearchAsync(client, $"obstacle={o}")).Order());
        var vendor = await SearchAsync(client, "obstacle=vendor_dependence");
        Assert.Contains(await DemoCaseAsync("外部の専門家が率いた電子県庁"), vendor);
        Assert.Contains(await DemoCaseAsync("県が主導した共同RFI"), vendor);
        Assert.DoesNotContain(await DemoCaseAsync("業務継続と介護"), vendor);
        Assert.Equal(published.Where(c => c.SuccessFactors.Contains("existing_budget")).Select(c => c.Id).Order(), (await SearchAsync(client, "factor=existing_budget")).Order());
        Assert.Equal(published.Where(c => c.Themes.Contains("cloud")).Select(c => c.Id).Order(), (await SearchAsync(client, "theme=cloud")).Order());
        // 米原市 took part in the joint case owned by 滋賀県: the prefecture filter finds it through any of its governments.
        Assert.Contains(await DemoCaseAsync("県が主導した共同RFI"), await SearchAsync(client, "prefecture=25"));
        Assert.DoesNotContain(await DemoCaseAsync("救急搬送のIT化"), await SearchAsync(client, "prefecture=25"));
        Assert.Equal([await DemoCaseAsync("救急搬送のIT化")], await SearchAsync(client, "prefecture=41&obstacle=resistance"));
    }

    [Fact]
    public async Task Search_LikeMine_FindsGovernmentsOfTheSameKindAndBands()
    {
        // 内子町: a town of about 15,000 with a 財政力指数 of 0.28; 小布施町 (town, about 10,700, 0.36) is like it.
        var uchiko = await factory.SignedInAsync(Uchiko);
        var page = await uchiko.GetStringAsync("/cases");
        Assert.Contains("href=\"/cases?like=mine\"", page);
        var mine = CaseIds(await uchiko.GetStringAsync("/cases?like=mine"));
        Assert.Contains(await DemoCaseAsync("業務継続と介護"), mine);
        Assert.DoesNotContain(await DemoCaseAsync("救急搬送のIT化"), mine);
        Assert.DoesNotContain(await DemoCaseAsync("県が主導した共同RFI"), mine);
        // The same search spelt out, for anyone.
        var anon = factory.NewClient();
        Assert.Equal(mine, await SearchAsync(anon, "kind=town&population=10k-50k&fiscal=lt0.4"));
        // A city of another fiscal band does not match a town's search; the prefectures match "prefecture".
        Assert.DoesNotContain(await DemoCaseAsync("県が主導した共同RFI"), await SearchAsync(anon, "kind=city&fiscal=lt0.4"));
        Assert.Contains(await DemoCaseAsync("県が主導した共同RFI"), await SearchAsync(anon, "kind=city&population=10k-50k&fiscal=0.4-0.7"));
        var prefectures = await SearchAsync(anon, "kind=prefecture");
        Assert.Contains(await DemoCaseAsync("救急搬送のIT化"), prefectures);
        Assert.DoesNotContain(await DemoCaseAsync("業務継続と介護"), prefectures);
    }

    private static KeyValuePair<string, string>[] DraftForm(string title) =>
    [
        new("Input.Title", title), new("Input.Summary", "窓口の手続をオンライン化した。"), new("Input.Body", "## 内容\n\n申請を<b>オンライン</b>にした。"),
        new("Input.PeriodFrom", "２０２５年４月１日"), new("Input.Themes", "online_procedures"), new("Input.Obstacles", "shortage_of_people"),
        new("Input.SuccessFactors", "front_line"), new("Input.KpiName", "窓口の待ち時間"), new("Input.KpiBefore", "２５"),
        new("Input.KpiAfter", "10"), new("Input.KpiUnit", "分"), new("Input.BudgetYen", "１，２００，０００円"),
    ];

    private async Task<int> OzuDraftAsync(HttpClient ozu, string title)
    {
        var response = await ozu.PostFormAsync("/manage/cases/new", DraftForm(title), "/manage/cases/new");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return int.Parse(WebClientExtensions.LocationPath(response).Split('/').Last());
    }

    private static byte[] Pdf() => "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task Draft_VisibleOnlyToItsGovernmentAndTheOffice_WithItsAttachment()
    {
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var id = await OzuDraftAsync(ozu, "大洲市の窓口オンライン化（下書き）");
        var mine = await ozu.GetStringAsync($"/manage/cases/{id}");
        Assert.Contains("下書き", mine);
        Assert.Contains("<dd>1,200,000円</dd>", mine);

        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(await ozu.TokenAsync($"/manage/cases/{id}")), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(Pdf()), "file", "資料.pdf");
        Assert.Equal(HttpStatusCode.Redirect, (await ozu.PostAsync($"/manage/cases/{id}?handler=Attach", form)).StatusCode);
        var attachmentId = await factory.WithDbAsync(db => db.CaseAttachments.Where(a => a.CaseId == id).Select(a => a.Id).SingleAsync());
        var pdfUrl = $"/cases/{id}/attachments/{attachmentId}";
        Assert.Equal(HttpStatusCode.OK, (await ozu.GetAsync(pdfUrl)).StatusCode);

        var anonymous = factory.NewClient();
        var maibara = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var expert = await factory.SignedInAsync(WebClientExtensions.Expert);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        foreach (var other in new[] { anonymous, maibara, expert, vendor })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/cases/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(pdfUrl)).StatusCode);
            Assert.DoesNotContain(id, CaseIds(await other.GetStringAsync("/cases?q=" + Uri.EscapeDataString("窓口オンライン化"))));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await maibara.GetAsync($"/manage/cases/{id}")).StatusCode);
        Assert.DoesNotContain($"/manage/cases/{id}\"", await maibara.GetStringAsync("/manage/cases"));
        WebClientExtensions.AssertAccessDenied(await expert.GetAsync($"/manage/cases/{id}"));
        WebClientExtensions.AssertAccessDenied(await ozu.GetAsync($"/admin/cases/{id}"));
        // Another government cannot edit or submit it either: the post finds nothing and changes nothing.
        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.Cases.SingleAsync(c => c.Id == id)));
        Assert.Equal(HttpStatusCode.NotFound, (await maibara.PostFormAsync($"/manage/cases/{id}?handler=Submit", [new("token", token)], "/manage/cases")).StatusCode);
        Assert.Equal(CaseStatus.Draft, await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
        // The office sees it to review it.
        Assert.Contains("大洲市の窓口オンライン化", await office.GetStringAsync($"/admin/cases/{id}"));
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync(pdfUrl)).StatusCode);
    }

    [Fact]
    public async Task Draft_WithBadInput_IsRefusedWithMessagesThatSayWhatToFix()
    {
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var before = await factory.WithDbAsync(db => db.Cases.CountAsync());
        var response = await ozu.PostFormAsync("/manage/cases/new",
        [
            new("Input.Title", ""), new("Input.Summary", "概要"), new("Input.Body", "本文"), new("Input.PeriodFrom", "2025-04-01"), new("Input.PeriodTo", "2024-03-31"),
            new("Input.Themes", "it_strategy"), new("Input.KpiName", "待ち時間"), new("Input.KpiBefore", "二十五"), new("Input.KpiAfter", "10"), new("Input.KpiUnit", ""),
            new("Input.OtherGovernmentCodes", "999999"),
        ], "/manage/cases/new");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("事例名を入力してください。", html);
        Assert.Contains("終了日は開始日以降の日付にしてください。", html);
        Assert.Contains("成果1の「導入前」を数値で入力してください", html);
        Assert.Contains("成果1の単位を40文字以内で入力してください", html);
        Assert.Contains("次の団体コードは登録されていません：999999", html);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Cases.CountAsync()));

        // A draft without a KPI cannot be sent for review.
        var id = await OzuDraftAsync(ozu, "成果なしの下書き");
        await factory.WithDbAsync(async db =>
        {
            db.CaseKpis.RemoveRange(db.CaseKpis.Where(k => k.CaseId == id));
            return await db.SaveChangesAsync();
        });
        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.Cases.SingleAsync(c => c.Id == id)));
        var refused = await ozu.PostFormAsync($"/manage/cases/{id}?handler=Submit", [new("token", token)], "/manage/cases");
        Assert.Contains("成果（数値）を1つ以上入力してください。", await refused.Content.ReadAsStringAsync());
        Assert.Equal(CaseStatus.Draft, await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
    }

    /// <summary>A published case of 大洲市 naming an expert who has not consented yet.</summary>
    private async Task<(int CaseId, int PersonId, string ExpertEmail, int ProfileId, string Name)> PublishedCaseNamingExpertAsync()
    {
        var name = "同意 待子" + Guid.NewGuid().ToString("N")[..4];
        var (email, profileId) = await factory.CreateExpertAsync(name);
        var ozuId = await OrgIdAsync("382078");
        var ids = await factory.WithDbAsync(async db =>
        {
            var c = new CaseStudy
            {
                Title = "大洲市の庁内ネットワーク刷新", Summary = "概要", Body = "本文", Lessons = "", FundingSource = "",
                OwnerOrganizationId = ozuId, Governments = [new CaseGovernment { OrganizationId = ozuId }],
                PeriodFrom = new DateOnly(2024, 4, 1), Themes = ["network"], Obstacles = ["shortage_of_people"], SuccessFactors = ["vendor_facing_expert"],
                Kpis = [new CaseKpi { Name = "障害件数", Before = 12, After = 3, Unit = "件/年" }],
                People = [new CasePerson { Role = "CIO補佐官", ExpertProfileId = profileId }],
                Status = CaseStatus.Published, PublishedAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, SearchText = "",
            };
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return (c.Id, c.People[0].Id);
        });
        return (ids.Item1, ids.Item2, email, profileId, name);
    }

    [Fact]
    public async Task ExpertLink_HiddenUntilTheExpertConsents_AndAgainAfterWithdrawal()
    {
        var (caseId, personId, email, profileId, name) = await PublishedCaseNamingExpertAsync();
        var anonymous = factory.NewClient();
        var maibara = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        foreach (var reader in new[] { anonymous, maibara })
        {
            var page = await reader.GetStringAsync($"/cases/{caseId}");
            Assert.DoesNotContain(name, page);
            Assert.DoesNotContain($"/cases/experts/{profileId}", page);
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/cases/experts/{profileId}")).StatusCode);
        }
        // The owner sees who awaits consent; no one can ask the expert for advice yet.
        Assert.Contains("本人の同意待ち", await (await factory.SignedInAsync(WebClientExtensions.OzuStaff)).GetStringAsync($"/manage/cases/{caseId}"));
        Assert.DoesNotContain("value=\"expert\"", await maibara.GetStringAsync($"/cases/{caseId}"));

        // Another expert cannot consent for them.
        var other = await factory.SignedInAsync(WebClientExtensions.Expert);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync("/cases/track-record", [new("personId", personId.ToString()), new("consent", "true")], "/cases/track-record")).StatusCode);
        Assert.DoesNotContain(name, await anonymous.GetStringAsync($"/cases/{caseId}"));

        var expert = await factory.SignedInAsync(email);
        Assert.Contains("大洲市の庁内ネットワーク刷新", await expert.GetStringAsync("/cases/track-record"));
        Assert.Equal(HttpStatusCode.Redirect, (await expert.PostFormAsync("/cases/track-record", [new("personId", personId.ToString()), new("consent", "true")], "/cases/track-record")).StatusCode);
        var shown = await anonymous.GetStringAsync($"/cases/{caseId}");
        Assert.Contains($"<a href=\"/cases/experts/{profileId}\" class=\"expert-link\">{name}</a>", shown);
        Assert.Contains("大洲市の庁内ネットワーク刷新", await anonymous.GetStringAsync($"/cases/experts/{profileId}"));
        Assert.Contains("value=\"expert\"", await maibara.GetStringAsync($"/cases/{caseId}"));

        Assert.Equal(HttpStatusCode.Redirect, (await expert.PostFormAsync("/cases/track-record", [new("personId", personId.ToString()), new("consent", "false")], "/cases/track-record")).StatusCode);
        Assert.DoesNotContain(name, await anonymous.GetStringAsync($"/cases/{caseId}"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/cases/experts/{profileId}")).StatusCode);
        // Staff cannot reach the expert's own page.
        WebClientExtensions.AssertAccessDenied(await maibara.GetAsync("/cases/track-record"));
    }

    [Fact]
    public async Task AdviceThread_SeenOnlyByTheRequesterAndTheCasesGovernment()
    {
        var (caseId, _, _, _, _) = await PublishedCaseNamingExpertAsync();
        var uchiko = await factory.SignedInAsync(Uchiko);
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        // The case's own government cannot ask itself.
        Assert.DoesNotContain("id=\"advice-heading\"", await ozu.GetStringAsync($"/cases/{caseId}"));
        var refused = await ozu.PostFormAsync($"/cases/{caseId}?handler=Advice", [new("to", "government"), new("kind", "call"), new("question", "自分へ")], $"/cases/{caseId}");
        Assert.Contains("自団体の事例には助言を依頼できません。", await refused.Content.ReadAsStringAsync());

        var asked = await uchiko.PostFormAsync($"/cases/{caseId}?handler=Advice", [new("to", "government"), new("kind", "document_review"), new("question", "仕様書案を見ていただけますか。")], $"/cases/{caseId}");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var threadUrl = WebClientExtensions.LocationPath(asked);
        Assert.Contains("仕様書案を見ていただけますか。", await uchiko.GetStringAsync(threadUrl));
        Assert.Contains("仕様書案を見ていただけますか。", await ozu.GetStringAsync(threadUrl));
        Assert.Contains(threadUrl, await ozu.GetStringAsync("/cases/advice"));
        Assert.Contains("<dd id=\"advice-count\">1件</dd>", await factory.NewClient().GetStringAsync($"/cases/{caseId}"));

        var maibara = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var expert = await factory.SignedInAsync(WebClientExtensions.Expert);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        foreach (var outsider in new[] { maibara, office, expert, vendor })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(threadUrl)).StatusCode);
            Assert.DoesNotContain(threadUrl, await outsider.GetStringAsync("/cases/advice"));
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostFormAsync(threadUrl + "?handler=Message", [new("text", "のぞき見")], "/cases/advice")).StatusCode);
        }
        var anonymous = await factory.NewClient().GetAsync(threadUrl);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(anonymous));
        // The requester cannot answer its own request.
        var id = int.Parse(threadUrl.Split('/').Last());
        var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.AdviceRequests.SingleAsync(r => r.Id == id)));
        var selfAnswer = await uchiko.PostFormAsync(threadUrl + "?handler=Answer", [new("answer", "accept"), new("token", token)], threadUrl);
        Assert.Contains("回答できるのは依頼を受けた側だけです。", await selfAnswer.Content.ReadAsStringAsync());
        Assert.Equal(AdviceStatus.Requested, await factory.WithDbAsync(db => db.AdviceRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        Assert.DoesNotContain("のぞき見", await ozu.GetStringAsync(threadUrl));
    }
}
