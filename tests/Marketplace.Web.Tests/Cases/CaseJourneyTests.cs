using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Dispatch;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Cases;

/// <summary>
/// Acceptance 2 through the pages: a dispatch to 大洲市 ends, the CIO files the final report with KPIs, the host consents
/// and the report becomes a case, the office publishes it, 内子町 asks for advice and 大洲市 accepts; every mail of the
/// way reaches a real SMTP server.
/// </summary>
public sealed partial class CaseJourneyTests : IDisposable
{
    private const string Uchiko = "uchiko@demo.cio-marketplace.jp";
    private readonly SmtpServer? _smtp;
    private readonly MarketplaceFactory _app;

    public CaseJourneyTests()
    {
        _smtp = SmtpServer.Executable is null ? null : new SmtpServer();
        _app = new MarketplaceFactory();
        _smtp?.Serve(_app);
    }

    public void Dispose()
    {
        _app.Dispose();
        _smtp?.Dispose();
    }

    [GeneratedRegex("name=\"token\" value=\"([^\"]*)\"")]
    private static partial Regex TokenField();

    private static async Task<string> TokenOn(HttpClient client, string url) =>
        WebUtility.HtmlDecode(TokenField().Match(await client.GetStringAsync(url)).Groups[1].Value);

    private static async Task<HttpResponseMessage> Ok(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    [SmtpFact]
    public async Task DispatchReport_BecomesAPublishedCase_AnotherTownAsksForAdvice_AllMailDelivered()
    {
        var app = _app;
        var smtp = _smtp!;
        // A certified CIO dispatched to 大洲市 for 12 months (set up as in the dispatch tests).
        var ozuOrg = await app.OrgAsync("382078");
        await app.MakeReadyAsync(ozuOrg.Id);
        var (cioEmail, cioUserId, cioProfile) = await app.CertifiedExpertAsync(name: "事例 花子");
        var proposal = await app.AcceptedProposalAsync(ozuOrg.Id, cioUserId, cioProfile);
        var approved = await app.ApproveAsync(proposal);
        Assert.True(approved.Succeeded, approved.FirstError);
        var dispatch = await app.WithDbAsync(db => db.Dispatches.AsNoTracking().SingleAsync(d => d.ProposalId == proposal));

        // The term is over.
        app.Clock.Offset = TimeSpan.FromDays(dispatch.EndDate.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).DayNumber + 2);
        var office = await app.SignedInAsync(WebClientExtensions.Office);
        var cio = await app.SignedInAsync(cioEmail);
        var ozu = await app.SignedInAsync(WebClientExtensions.OzuStaff);
        var uchiko = await app.SignedInAsync(Uchiko);
        var officeDispatch = $"/admin/dispatch/dispatches/{dispatch.Id}";
        await Ok(await office.PostFormAsync(officeDispatch + "?handler=Complete", [new("token", await TokenOn(office, officeDispatch))], officeDispatch));
        Assert.Equal(DispatchStatus.Completed, await app.WithDbAsync(db => db.Dispatches.Where(d => d.Id == dispatch.Id).Select(d => d.Status).SingleAsync()));

        // The CIO files the final report with KPIs, lessons and consent to be named.
        var assignment = $"/dispatch/assignments/{dispatch.Id}";
        await Ok(await cio.PostFormAsync(assignment,
        [
            new("report", "## 1年間の取組\n\n- DX推進計画を策定\n- 調達仕様書の雛形を整備<script>alert(1)</script>"),
            new("KpiName", "オンライン化した手続の数"), new("KpiBefore", "１２"), new("KpiAfter", "８５"), new("KpiUnit", "件"),
            new("KpiName", "情報システム経費"), new("KpiBefore", "3,200"), new("KpiAfter", "2,900"), new("KpiUnit", "万円"),
            new("lessons", "最初の3か月で全課を回り、困りごとを聞いたことが効いた。"), new("consent", "true"),
        ], assignment));
        Assert.Contains("オンライン化した手続の数", await cio.GetStringAsync(assignment));

        // The host evaluates with its own lessons, consents, and the report becomes a case draft in one step.
        var hostDispatch = $"/manage/dispatch/dispatches/{dispatch.Id}";
        await Ok(await ozu.PostFormAsync(hostDispatch + "?handler=Evaluate",
            [new("rating", "5"), new("evaluation", "庁内の推進体制ができた。"), new("lessons", "受入側の窓口を1人決めておくこと。")], hostDispatch));
        var made = await Ok(await ozu.PostFormAsync(hostDispatch + "?handler=MakeCase", [], hostDispatch));
        var caseUrl = WebClientExtensions.LocationPath(made);
        var caseId = int.Parse(caseUrl.Split('/').Last());
        var draft = await ozu.GetStringAsync(caseUrl);
        Assert.Contains("下書き", draft);
        Assert.Contains("オンライン化した手続の数", draft);
        Assert.Contains("受入側の窓口を1人決めておくこと。", draft);
        Assert.Contains("②ベンダー依存", draft);
        Assert.Contains("事例 花子", draft);
        Assert.Contains(caseUrl, await ozu.GetStringAsync(hostDispatch));
        // Not public yet.
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewClient().GetAsync($"/cases/{caseId}")).StatusCode);

        // The host adds the success factors and sends it to the office.
        var c = await app.WithDbAsync(db => db.Cases.Include(x => x.Kpis).AsNoTracking().SingleAsync(x => x.Id == caseId));
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Title", "大洲市：認定CIOとつくったDX推進体制"), new("Input.Summary", c.Summary), new("Input.Body", c.Body), new("Input.Lessons", c.Lessons),
            new("Input.PeriodFrom", c.PeriodFrom.ToString("yyyy-MM-dd")), new("Input.PeriodTo", c.PeriodTo!.Value.ToString("yyyy-MM-dd")),
            new("Input.Themes", "it_strategy"), new("Input.Obstacles", "shortage_of_people"), new("Input.Obstacles", "vendor_dependence"),
            new("Input.SuccessFactors", "vendor_facing_expert"), new("Input.SuccessFactors", "front_line"), new("token", await TokenOn(ozu, caseUrl)),
        };
        foreach (var k in c.Kpis.OrderBy(k => k.Order))
            fields.AddRange([new("Input.KpiName", k.Name), new("Input.KpiBefore", k.Before.ToString()), new("Input.KpiAfter", k.After.ToString()), new("Input.KpiUnit", k.Unit)]);
        await Ok(await ozu.PostFormAsync(caseUrl, fields, caseUrl));
        await Ok(await ozu.PostFormAsync(caseUrl + "?handler=Submit", [new("token", await TokenOn(ozu, caseUrl))], caseUrl));

        // The office reviews and publishes.
        var review = $"/admin/cases/{caseId}";
        Assert.Contains("審査待ち", await office.GetStringAsync("/admin/cases"));
        await Ok(await office.PostFormAsync(review + "?handler=Publish", [new("token", await TokenOn(office, review))], review));
        var published = await app.NewClient().GetStringAsync($"/cases/{caseId}");
        Assert.Contains("大洲市：認定CIOとつくったDX推進体制", published);
        Assert.Contains($"<a href=\"/cases/experts/{cioProfile}\" class=\"expert-link\">事例 花子</a>", published);
        Assert.Contains("<td class=\"num\">85</td>", published);
        Assert.DoesNotContain("<script>alert", published);
        Assert.Contains(caseId, CaseIds(await app.NewClient().GetStringAsync("/cases?q=" + Uri.EscapeDataString("ＤＸ推進体制"))));

        // 内子町 asks 大洲市 for a visit; 大洲市 accepts.
        var asked = await Ok(await uchiko.PostFormAsync($"/cases/{caseId}?handler=Advice",
            [new("to", "government"), new("kind", "visit"), new("question", "推進体制のつくり方を伺いに訪問したい。")], $"/cases/{caseId}"));
        var thread = WebClientExtensions.LocationPath(asked);
        await Ok(await ozu.PostFormAsync(thread + "?handler=Answer", [new("answer", "accept"), new("note", "来月いかがでしょうか。"), new("token", await TokenOn(ozu, thread))], thread));
        var accepted = await uchiko.GetStringAsync(thread);
        Assert.Contains("<dd id=\"advice-status\">受諾</dd>", accepted);
        Assert.Contains("来月いかがでしょうか。", accepted);
        Assert.Contains("<dd id=\"advice-count\">1件</dd>", await app.NewClient().GetStringAsync($"/cases/{caseId}"));

        // The office's dashboard counts the outcomes.
        var dashboard = await office.GetStringAsync("/admin/cases");
        Assert.Contains("<td id=\"out-kpis\">2</td>", dashboard);
        Assert.Contains("<td id=\"out-from-reports\">1</td>", dashboard);
        Assert.Contains("<td id=\"out-advice\">1</td>", dashboard);
        Assert.Contains("<td id=\"out-advice-accepted\">1</td>", dashboard);

        // Every mail of the way reaches the SMTP server.
        await app.DeliverMailAsync();
        await app.DeliverMailAsync();
        Assert.Contains(smtp.MessagesTo(WebClientExtensions.Office), m => m.Subject == "【自治体CIO人材マーケットプレイス】事例の審査依頼：大洲市：認定CIOとつくったDX推進体制"
            && (m.TextBody ?? "").Contains($"/admin/cases/{caseId}"));
        Assert.Contains(smtp.MessagesTo(WebClientExtensions.OzuStaff), m => m.Subject == "【自治体CIO人材マーケットプレイス】事例が公開されました：大洲市：認定CIOとつくったDX推進体制");
        Assert.Contains(smtp.MessagesTo(cioEmail), m => (m.Subject ?? "").StartsWith("【自治体CIO人材マーケットプレイス】事例が公開されました") && (m.TextBody ?? "").Contains("/cases/track-record"));
        Assert.Contains(smtp.MessagesTo(WebClientExtensions.OzuStaff), m => m.Subject == "【自治体CIO人材マーケットプレイス】内子町から助言の依頼（大洲市：認定CIOとつくったDX推進体制）"
            && (m.TextBody ?? "").Contains(thread));
        Assert.Contains(smtp.MessagesTo(Uchiko), m => m.Subject == "【自治体CIO人材マーケットプレイス】助言依頼（大洲市：認定CIOとつくったDX推進体制）：受諾" && (m.TextBody ?? "").Contains(thread));
        // Those it does not concern heard nothing of the advice.
        Assert.DoesNotContain(smtp.MessagesTo(WebClientExtensions.MaibaraStaff), m => (m.Subject ?? "").Contains("助言"));
        var outbox = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "case_update" || m.Kind == "advice_request").ToListAsync());
        Assert.NotEmpty(outbox);
        Assert.All(outbox, m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [GeneratedRegex("data-case-id=\"(\\d+)\"")]
    private static partial Regex CaseIdPattern();

    private static List<int> CaseIds(string html) => CaseIdPattern().Matches(html).Select(m => int.Parse(m.Groups[1].Value)).ToList();
}
