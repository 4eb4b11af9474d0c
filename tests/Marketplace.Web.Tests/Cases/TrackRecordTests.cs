using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Applications;
using Marketplace.Web.Features.Cases;
using Marketplace.Web.Tests.Dispatch;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Cases;

/// <summary>
/// A track record people carry: staff see, in recommendations, on the expert's page and on an application, the
/// published cases the expert consented to be named on and the dispatches they finished; the expert sees the same on
/// their profile. Unconsented links and unpublished cases never appear.
/// </summary>
public sealed partial class TrackRecordTests(MarketplaceFactory factory) : IClassFixture<MarketplaceFactory>
{
    [GeneratedRegex("data-expert-id=\"(\\d+)\"")]
    private static partial Regex ExpertId();

    private Task<int> OpeningAsync() =>
        factory.WithDbAsync(db => db.Openings.Where(o => o.Title.StartsWith("CDO補佐官") && o.Organization!.Code == "382078").Select(o => o.Id).SingleAsync());

    /// <summary>A case of 内子町 naming the expert.</summary>
    private Task<int> CaseNamingAsync(int profileId, string title, bool consented, CaseStatus status = CaseStatus.Published) =>
        new CaseBuilder("384224", title)
        {
            Status = status,
            People = [new CasePerson { Role = "CIO補佐官", ExpertProfileId = profileId, ExpertConsentedAt = consented ? DateTime.UtcNow : null }],
        }.SaveAsync(factory);

    [Fact]
    public async Task Recommendations_ShowTheTrackRecord_AndACaseInTheOpeningsField()
    {
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var opening = await OpeningAsync();
        var url = $"/manage/openings/{opening}/recommendations";
        var first = int.Parse(ExpertId().Match(await ozu.GetStringAsync(url)).Groups[1].Value);
        Assert.DoesNotContain("data-track-record", ItemOf(await ozu.GetStringAsync(url), first));

        await CaseNamingAsync(first, "推薦一覧の事例", consented: true);
        await CaseNamingAsync(first, "同意のない事例", consented: false);
        await CaseNamingAsync(first, "下書きの事例", consented: true, CaseStatus.Draft);
        var item = ItemOf(await ozu.GetStringAsync(url), first);
        Assert.Contains("data-track-record=\"1,0\"", item);
        Assert.Contains("実績：公開事例 1件・終了した派遣 0件", item);
        // it_strategy is one of the opening's skills.
        Assert.Contains("data-case-in-theme", item);
    }

    private static string ItemOf(string html, int expertId) =>
        Regex.Match(html, $"<li class=\"result\" data-expert-id=\"{expertId}\">(.*?)</li>\\s*(<li class=\"result\"|</ol>)", RegexOptions.Singleline).Groups[1].Value;

    [Fact]
    public async Task ExpertPage_Application_AndOwnProfile_ListConsentedCasesAndFinishedDispatches_Only()
    {
        var (email, userId, profileId) = await factory.CertifiedExpertAsync(name: "実績 一郎");
        var maibara = await factory.OrgAsync("252140");
        var proposal = await factory.AcceptedProposalAsync(maibara.Id, userId, profileId);
        var approved = await factory.ApproveAsync(proposal);
        Assert.True(approved.Succeeded, approved.FirstError);
        await factory.WithDbAsync(async db =>
        {
            var d = await db.Dispatches.SingleAsync(x => x.Id == approved.Id);
            d.Status = DispatchStatus.Completed;
            d.Kpis.Add(new DispatchKpi { Name = "手続のオンライン化率", Before = 10, After = 60, Unit = "%" });
            d.Kpis.Add(new DispatchKpi { Order = 1, Name = "紙の申請", Before = 100, After = 30, Unit = "件" });
            return await db.SaveChangesAsync();
        });
        var shown = await CaseNamingAsync(profileId, "実績に載る事例", consented: true);
        await CaseNamingAsync(profileId, "本人が同意していない事例", consented: false);
        await CaseNamingAsync(profileId, "まだ公開されていない事例", consented: true, CaseStatus.Submitted);

        var opening = await OpeningAsync();
        var applied = await factory.WithAsync(sp => sp.GetRequiredService<ApplicationService>().ApplyAsync(userId, opening, "応募します"));
        Assert.True(applied.Succeeded, applied.FirstError);

        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var expert = await factory.SignedInAsync(email);
        foreach (var (client, url) in new[] { (ozu, $"/manage/openings/{opening}/experts/{profileId}"), (ozu, $"/manage/applications/{applied.Value!.Id}"), (expert, "/profile") })
        {
            var html = await client.GetStringAsync(url);
            Assert.Contains("id=\"track-record\"", html);
            Assert.Contains($"data-track-case-id=\"{shown}\"", html);
            Assert.Contains("実績に載る事例", html);
            Assert.DoesNotContain("本人が同意していない事例", html);
            Assert.DoesNotContain("まだ公開されていない事例", html);
            Assert.Contains($"data-track-dispatch-id=\"{approved.Id}\"", html);
            Assert.Contains("成果の報告 2件", html);
            Assert.Contains("米原市", html);
        }
    }

    [Fact]
    public async Task HostEvaluation_HiddenUntilTheExpertShowsIt_NeverSeenByOtherGovernmentsAnonymousOrOtherExperts()
    {
        const string Evaluation = "庁内の調整を粘り強く進めた（評価の表示確認）";
        const string Rewritten = "書き直した評価（表示確認）";
        var (email, userId, profileId) = await factory.CertifiedExpertAsync(name: "評価 次郎");
        // 内子町 hosts (米原市 has its request in the round already); 大洲市's staff are another government.
        var uchiko = await factory.OrgAsync("384224");
        await factory.MakeReadyAsync(uchiko.Id);
        var approved = await factory.ApproveAsync(await factory.AcceptedProposalAsync(uchiko.Id, userId, profileId));
        Assert.True(approved.Succeeded, approved.FirstError);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await factory.WithDbAsync(async db =>
        {
            var d = await db.Dispatches.SingleAsync(x => x.Id == approved.Id);
            (d.StartDate, d.EndDate, d.Status) = (today.AddDays(-400), today.AddDays(-30), DispatchStatus.Completed);
            (d.HostRating, d.HostEvaluation, d.HostEvaluatedAt) = (4, Evaluation, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        // A consented published case, so that the expert's public page exists for anonymous visitors and other experts.
        await CaseNamingAsync(profileId, "評価の表示を確かめる事例", consented: true);
        var opening = await OpeningAsync();
        var applied = await factory.WithAsync(sp => sp.GetRequiredService<ApplicationService>().ApplyAsync(userId, opening, "応募します"));
        Assert.True(applied.Succeeded, applied.FirstError);

        var expert = await factory.SignedInAsync(email);
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var anonymous = factory.NewClient();
        var other = await factory.SignedInAsync((await factory.CreateExpertAsync("別の 専門家")).Email);
        string[] staffPages = [$"/manage/openings/{opening}/experts/{profileId}", $"/manage/applications/{applied.Value!.Id}"];
        var show = (string value) => new KeyValuePair<string, string>[] { new("dispatchId", approved.Id.ToString()), new("show", value) };

        // The expert sees it on their own page, hidden; another expert cannot show it for them.
        var own = await expert.GetStringAsync("/cases/track-record");
        Assert.Contains($"data-own-evaluation-id=\"{approved.Id}\"", own);
        Assert.Contains(Evaluation, own);
        Assert.Contains("実績に表示する", own);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync("/cases/track-record?handler=Evaluation", show("true"), "/cases/track-record")).StatusCode);
        await AssertHiddenAsync(Evaluation);
        Assert.DoesNotContain(Evaluation, await expert.GetStringAsync("/profile"));

        // Shown: staff of another government see it with the rating; the public pages still do not carry it.
        var shown = await expert.PostFormAsync("/cases/track-record?handler=Evaluation", show("true"), "/cases/track-record");
        Assert.Equal(HttpStatusCode.Redirect, shown.StatusCode);
        foreach (var url in staffPages)
        {
            var html = await ozu.GetStringAsync(url);
            Assert.Contains($"data-track-evaluation-id=\"{approved.Id}\"", html);
            Assert.Contains(Evaluation, html);
            Assert.Contains("受入自治体の評価：4（5段階）", html);
        }
        Assert.Contains(Evaluation, await expert.GetStringAsync("/profile"));
        await AssertPublicPagesHideAsync(Evaluation);

        // The host rewrites it: the expert agreed to show the old text, so the new one is hidden until they choose again.
        var rewritten = await factory.WithAsync(sp => sp.GetRequiredService<CaseOutcomes>().EvaluateAsync(uchiko.Id, DispatchScenario.StaffUser, approved.Id, "2", Rewritten, null));
        Assert.True(rewritten.Succeeded, rewritten.FirstError);
        await AssertHiddenAsync(Rewritten);
        Assert.Contains(Rewritten, await expert.GetStringAsync("/cases/track-record"));

        async Task AssertHiddenAsync(string text)
        {
            foreach (var url in staffPages)
            {
                var html = await ozu.GetStringAsync(url);
                Assert.Contains($"data-track-dispatch-id=\"{approved.Id}\"", html);
                Assert.DoesNotContain("data-track-evaluation-id", html);
                Assert.DoesNotContain(text, html);
            }
            await AssertPublicPagesHideAsync(text);
        }

        async Task AssertPublicPagesHideAsync(string text)
        {
            foreach (var client in new[] { anonymous, other })
            {
                var page = await client.GetStringAsync($"/cases/experts/{profileId}");
                Assert.Contains("評価の表示を確かめる事例", page);
                Assert.DoesNotContain(text, page);
                var assignment = await client.GetAsync($"/dispatch/assignments/{approved.Id}");
                Assert.NotEqual(HttpStatusCode.OK, assignment.StatusCode);
                Assert.DoesNotContain(text, await assignment.Content.ReadAsStringAsync());
            }
        }
    }

    [Fact]
    public async Task ExpertWithoutRecord_PageSaysSo()
    {
        var (email, _) = await factory.CreateExpertAsync("実績なし 花子");
        Assert.Contains("公開事例や終了した派遣はまだありません。", await (await factory.SignedInAsync(email)).GetStringAsync("/profile"));
    }
}
