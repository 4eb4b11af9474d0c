using Marketplace.Web.Features.Dispatch;
using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Dispatch;

/// <summary>
/// Acceptance 1 in the browser's way (pages and forms only) on the demo data: certify the demo expert after training,
/// 大洲市 completes readiness and files a joint request with 内子町, the office matches with reasons, both accept,
/// the dispatch is approved and starts, a claim is filed, approved and paid, and the dashboard follows.
/// </summary>
public sealed partial class DispatchJourneyTests(MarketplaceFactory factory) : IClassFixture<MarketplaceFactory>
{
    [GeneratedRegex("name=\"token\" value=\"([^\"]*)\"")]
    private static partial Regex TokenField();

    private static async Task<string> TokenOn(HttpClient client, string url) =>
        WebUtility.HtmlDecode(TokenField().Match(await client.GetStringAsync(url)).Groups[1].Value);

    private static async Task<string> Follow(HttpClient client, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await client.GetStringAsync(response.Headers.Location!.OriginalString);
    }

    private Task<List<OutboxMessage>> MailAsync(string to, string kind) =>
        factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == to && m.Kind == kind).ToListAsync());

    private async Task<int> RunDispatchDailyAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DispatchNotifications>().RunDailyAsync();
    }

    [Fact]
    public async Task WholeRound_InTheBrowser_DashboardFollows()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var expert = await factory.SignedInAsync(WebClientExtensions.Expert);
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var uchiko = await factory.SignedInAsync("uchiko@demo.cio-marketplace.jp");

        // The expert applies and takes the CIO course; the office approves the evidence and certifies.
        await Follow(expert, await expert.PostFormAsync("/dispatch/certification?handler=Apply",
            [new("CareerEvidence", "県庁情報政策課で10年"), new("SkillsEvidence", "情報戦略、調達"), new("References", "大洲市 副市長")], "/dispatch/certification"));
        var modules = await factory.WithDbAsync(db => db.TrainingModules.Where(m => m.Course!.Audience == TrainingAudience.Cio).Select(m => m.Id).ToListAsync());
        foreach (var m in modules)
            await Follow(expert, await expert.PostFormAsync("/dispatch/certification?handler=Complete", [new("moduleId", m.ToString())], "/dispatch/certification"));
        var appId = await factory.WithDbAsync(db => db.CertificationApplications.Where(a => a.Expert!.User!.Email == WebClientExtensions.Expert).Select(a => a.Id).SingleAsync());
        var certPage = $"/admin/dispatch/certifications/{appId}";
        await Follow(office, await office.PostFormAsync(certPage + "?handler=Review", [new("decision", "approve"), new("token", await TokenOn(office, certPage))], certPage));
        var certified = await Follow(office, await office.PostFormAsync(certPage + "?handler=Certify", [new("validUntil", "２０２９年３月３１日"), new("token", await TokenOn(office, certPage))], certPage));
        Assert.Contains("認定済み", certified);
        var expertId = await factory.WithDbAsync(db => db.ExpertProfiles.Where(p => p.User!.Email == WebClientExtensions.Expert).Select(p => new { p.Id, p.CertifiedCio }).SingleAsync());
        Assert.True(expertId.CertifiedCio);
        // The expert heard of both decisions, with the validity and where to look.
        var certMail = await MailAsync(WebClientExtensions.Expert, NotificationKinds.DispatchUpdate);
        Assert.Contains(certMail, m => m.Subject == "【自治体CIO人材マーケットプレイス】認定CIOの申請が承認されました");
        Assert.Contains(certMail, m => m.Subject == "【自治体CIO人材マーケットプレイス】認定CIOに認定されました"
            && m.TextBody.Contains("有効期限は2029-03-31です") && m.TextBody.Contains("/dispatch/certification"));

        // 大洲市 fills its checklist (its staff finished the host course in the demo data) and files a joint request with 内子町.
        await Follow(ozu, await ozu.PostFormAsync("/manage/dispatch/readiness?handler=Checklist",
            [new("CioName", "副市長 大洲 太郎"), new("SupportStaff", "デジタル推進室 2名"), new("DecisionRights", "DX計画案の起案と調達仕様の決定"), new("token", "")], "/manage/dispatch/readiness"));
        Assert.Contains("準備完了", await ozu.GetStringAsync("/manage/dispatch/readiness"));
        var requestPage = await Follow(ozu, await ozu.PostFormAsync("/manage/dispatch/requests/new",
        [
            new("Input.RoleCode", "cio_advisor"), new("Input.Needs", "大洲市・内子町の共同でのDX推進\n基幹システム標準化と人材育成"),
            new("Input.RequiredSkills", "it_strategy"), new("Input.DaysPerWeek", "２"), new("Input.OnsiteDaysPerMonth", "４"),
            new("Input.TermMonths", "１２"), new("Input.Obstacles", "shortage_of_people"), new("Input.Obstacles", "municipal_walls"),
            new("Input.ExpectedAnnualCostYen", "８，０００，０００円"), new("Input.CoHostCodes", "３８４２２４"),
        ], "/manage/dispatch/requests/new"));
        Assert.Contains("内子町", requestPage);
        var requestId = await factory.WithDbAsync(db => db.DispatchRequests.Where(r => r.LeadOrganization!.Code == "382078").Select(r => r.Id).SingleAsync());

        // 内子町 is asked to confirm, by mail.
        Assert.Contains(await MailAsync("uchiko@demo.cio-marketplace.jp", NotificationKinds.DispatchUpdate),
            m => m.Subject == "【自治体CIO人材マーケットプレイス】共同の派遣要請への参加確認のお願い（大洲市）" && m.TextBody.Contains("/manage/dispatch"));
        Assert.DoesNotContain(await MailAsync(WebClientExtensions.OzuStaff, NotificationKinds.DispatchUpdate), m => m.Subject.Contains("参加確認"));

        // 内子町 confirms and gets ready.
        await Follow(uchiko, await uchiko.PostFormAsync($"/manage/dispatch/requests/{requestId}?handler=Confirm", [], $"/manage/dispatch/requests/{requestId}"));
        var hostModules = await factory.WithDbAsync(db => db.TrainingModules.Where(m => m.Course!.Audience == TrainingAudience.Host).Select(m => m.Id).ToListAsync());
        foreach (var m in hostModules)
            await Follow(uchiko, await uchiko.PostFormAsync("/manage/dispatch/readiness?handler=Completion", [new("personName", "内子 次郎"), new("moduleId", m.ToString()), new("completedOn", DateTime.UtcNow.AddHours(9).ToString("yyyy-MM-dd"))], "/manage/dispatch/readiness"));
        await Follow(uchiko, await uchiko.PostFormAsync("/manage/dispatch/readiness?handler=Checklist",
            [new("CioName", "副町長"), new("SupportStaff", "総務課 1名"), new("DecisionRights", "町のDX施策の起案"), new("token", "")], "/manage/dispatch/readiness"));

        // The office sees ranked certified CIOs with reasons and proposes the demo expert, with a reason if not top.
        var matchPage = await office.GetStringAsync($"/admin/dispatch/requests/{requestId}");
        Assert.Contains($"data-expert-id=\"{expertId.Id}\"", matchPage);
        Assert.Contains("reason-for", matchPage);
        await Follow(office, await office.PostFormAsync($"/admin/dispatch/requests/{requestId}?handler=Propose",
            [new("expertId", expertId.Id.ToString()), new("overrideReason", "公共部門の経験と地域での実績を重視")], $"/admin/dispatch/requests/{requestId}"));
        var proposalId = await factory.WithDbAsync(db => db.DispatchProposals.Where(p => p.RequestId == requestId).Select(p => p.Id).SingleAsync());
        // The proposed CIO and the filing government are told.
        Assert.Contains(await MailAsync(WebClientExtensions.Expert, NotificationKinds.DispatchUpdate), m => m.Subject.Contains("大洲市") && m.TextBody.Contains("/dispatch\n"));
        Assert.Contains(await MailAsync(WebClientExtensions.OzuStaff, NotificationKinds.DispatchUpdate), m => m.TextBody.Contains($"/manage/dispatch/requests/{requestId}"));

        // Both accept.
        var proposalPage = $"/dispatch/proposals/{proposalId}";
        await Follow(expert, await expert.PostFormAsync(proposalPage, [new("answer", "accept"), new("token", await TokenOn(expert, proposalPage))], proposalPage));
        var hostPage = $"/manage/dispatch/requests/{requestId}";
        var accepted = await Follow(ozu, await ozu.PostFormAsync(hostPage + "?handler=Answer", [new("proposalId", proposalId.ToString()), new("answer", "accept"), new("token", await TokenOn(ozu, hostPage))], hostPage));
        Assert.Contains("双方承諾", accepted);

        // The office approves; the expected incentive is committed.
        var round = await factory.RoundAsync();
        var approved = await Follow(office, await office.PostFormAsync($"/admin/dispatch/requests/{requestId}?handler=Approve",
            [new("proposalId", proposalId.ToString()), new("start", round.DispatchStartsOn.ToString("yyyy-MM-dd")), new("termMonths", "12")], $"/admin/dispatch/requests/{requestId}"));
        var dispatch = await factory.WithDbAsync(db => db.Dispatches.SingleAsync(d => d.RequestId == requestId));
        Assert.True(dispatch.CommittedYen > 0);
        var dashboard = await office.GetStringAsync($"/admin/dispatch/dashboard?round={round.Id}");
        Assert.Contains($"<td id=\"dash-committed\">{dispatch.CommittedYen:N0}円</td>", dashboard);
        Assert.Contains("<td id=\"dash-paid\">0円</td>", dashboard);
        Assert.Contains(">派遣 #", approved);
        // Both hosts of the joint request hear of the approval.
        Assert.Contains(await MailAsync("uchiko@demo.cio-marketplace.jp", NotificationKinds.DispatchUpdate), m => m.Subject == "【自治体CIO人材マーケットプレイス】認定CIOの派遣が承認されました");

        // After the result date the pairing is public; after the start date the dispatch has begun.
        factory.Clock.Offset = TimeSpan.FromDays(round.DispatchStartsOn.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).DayNumber + 1);
        try
        {
            // Weeks later: the sign-in cookies of before have expired.
            ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
            office = await factory.SignedInAsync(WebClientExtensions.Office);
            Assert.Contains("大洲市", await factory.NewClient().GetStringAsync("/dispatch-results"));
            // The results filter by the hosts' prefecture (愛媛県 = 38) in the query string.
            Assert.Contains("大洲市", await factory.NewClient().GetStringAsync("/dispatch-results?prefecture=38"));
            Assert.DoesNotContain("大洲市", await factory.NewClient().GetStringAsync("/dispatch-results?prefecture=13"));
            var hostDispatch = await ozu.GetStringAsync($"/manage/dispatch/dispatches/{dispatch.Id}");
            Assert.DoesNotContain("（開始前）", hostDispatch);

            // 大洲市 claims the tax measure with actual costs; the office approves and pays.
            var year = Features.Dispatch.IncentiveCalculator.FiscalYearOf(round.DispatchStartsOn);
            var claimPage = await Follow(ozu, await ozu.PostFormAsync($"/manage/dispatch/dispatches/{dispatch.Id}?handler=Claim",
                [new("kind", "SpecialAllocationTax"), new("fiscalYear", year.ToString()), new("costs", "１，２３４，５６７")], "/manage/dispatch"));
            Assert.Contains("算定の内訳", claimPage);
            var claim = await factory.WithDbAsync(db => db.IncentiveClaims.SingleAsync(c => c.DispatchId == dispatch.Id));
            // What was filed stays as filed: the breakdown shown does not follow a later change of the round's cap.
            string Breakdown(string html) => System.Text.RegularExpressions.Regex.Match(html, "<dd id=\"claim-computation\">(.*?)</dd>").Groups[1].Value;
            var filed = Breakdown(await ozu.GetStringAsync($"/manage/dispatch/claims/{claim.Id}"));
            Assert.Contains($"{claim.ComputedYen:N0}円", filed);
            await factory.WithDbAsync(async db =>
            {
                var r = await db.DispatchRounds.SingleAsync(x => x.Id == round.Id);
                var cap = r.TaxCapPerYearYen;
                r.TaxCapPerYearYen = 1_000_000;
                await db.SaveChangesAsync();
                Assert.Equal(filed, Breakdown(await ozu.GetStringAsync($"/manage/dispatch/claims/{claim.Id}")));
                Assert.Equal(filed, Breakdown(await office.GetStringAsync($"/admin/dispatch/claims/{claim.Id}")));
                r.TaxCapPerYearYen = cap;
                await db.SaveChangesAsync();
                return true;
            });
            // The office's daily notice counts the claim waiting for it, once a day.
            Assert.True(await RunDispatchDailyAsync() >= 1);
            Assert.Contains(await MailAsync(WebClientExtensions.Office, NotificationKinds.OfficeQueues), m => m.Subject.Contains("交付申請 1 件"));
            Assert.Equal(0, await RunDispatchDailyAsync());
            // 大洲市 (index 0.36) → 80% of costs, limited to its half of the cap for the year's dispatch months.
            var months = Features.Dispatch.IncentiveCalculator.MonthsInFiscalYear(dispatch.StartDate, dispatch.EndDate, year);
            Assert.Equal(Math.Min(1_234_567L * 80 / 100, 5_000_000L * months / (12 * 2)), claim.ComputedYen);
            var officeClaim = $"/admin/dispatch/claims/{claim.Id}";
            // A refused decision comes back as chosen and typed: 不承認 stays checked. It fell back to 承認 with the amount
            // and reason cleared, so a second submit approved the claim in full (helper review, stop 32).
            var refused = await (await office.PostFormAsync(officeClaim + "?handler=Decide", [new("decision", "Reject"), new("reason", ""), new("amount", "900000"), new("token", await TokenOn(office, officeClaim))], officeClaim)).Content.ReadAsStringAsync();
            Assert.Contains("value=\"Reject\" checked=\"checked\"", refused);
            Assert.DoesNotContain("value=\"Approve\" checked", refused);
            Assert.Contains("value=\"900000\"", refused);
            await Follow(office, await office.PostFormAsync(officeClaim + "?handler=Decide", [new("decision", "Approve"), new("token", await TokenOn(office, officeClaim))], officeClaim));
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(factory.Clock.Offset.Days).ToString("yyyy-MM-dd");
            // Recording a payment asks first: the unconfirmed post shows what will be recorded and records nothing.
            var asked = await office.PostFormAsync(officeClaim + "?handler=Pay", [new("payAmount", claim.ComputedYen.ToString()), new("paidOn", today), new("token", await TokenOn(office, officeClaim))], officeClaim);
            Assert.Contains("支払を記録しますか", await asked.Content.ReadAsStringAsync());
            Assert.False(await factory.WithDbAsync(db => db.IncentivePayments.AnyAsync(p => p.ClaimId == claim.Id)));
            var paid = await Follow(office, await office.PostFormAsync(officeClaim + "?handler=Pay", [new("payAmount", claim.ComputedYen.ToString()), new("paidOn", today), new("token", await TokenOn(office, officeClaim)), new("confirm", "true")], officeClaim));
            Assert.Contains($"{claim.ComputedYen:N0}円", paid);
            Assert.Contains(await MailAsync(WebClientExtensions.OzuStaff, NotificationKinds.ClaimDecision), m => m.TextBody.Contains($"/manage/dispatch/claims/{claim.Id}"));

            // A month before the end, the CIO and both hosts are reminded, once.
            factory.Clock.Offset = TimeSpan.FromDays(dispatch.EndDate.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).DayNumber - 20);
            Assert.True(await RunDispatchDailyAsync() >= 3);
            Assert.Single(await MailAsync(WebClientExtensions.Expert, NotificationKinds.DispatchEnd));
            Assert.Single(await MailAsync("uchiko@demo.cio-marketplace.jp", NotificationKinds.DispatchEnd));
            await RunDispatchDailyAsync();
            Assert.Single(await MailAsync(WebClientExtensions.Expert, NotificationKinds.DispatchEnd));
            factory.Clock.Offset = TimeSpan.FromDays(round.DispatchStartsOn.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).DayNumber + 1);

            dashboard = await office.GetStringAsync($"/admin/dispatch/dashboard?round={round.Id}");
            Assert.Contains($"<td id=\"dash-paid\">{claim.ComputedYen:N0}円</td>", dashboard);
            Assert.Contains($"<td id=\"dash-left\">{round.BudgetYen - dispatch.CommittedYen:N0}円</td>", dashboard);
            // 愛媛県 (38) has the joint request (both hosts are there, so it counts once) and its dispatch.
            Assert.Matches("data-prefecture=\"38\">\\s*<th scope=\"row\">愛媛県</th>\\s*<td class=\"num\" data-measure=\"dispatches\">1</td>\\s*<td class=\"num\" data-measure=\"requests\">1</td>", dashboard);
            var csv = await office.GetByteArrayAsync($"/admin/dispatch/dashboard?handler=Csv&table=budget&round={round.Id}");
            Assert.Contains($"支払済み,{claim.ComputedYen}\r\n", System.Text.Encoding.UTF8.GetString(csv));
        }
        finally
        {
            factory.Clock.Offset = TimeSpan.Zero;
        }
    }
}
