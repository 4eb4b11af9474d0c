using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.PayBenchmark;

/// <summary>
/// The pay benchmark on the page, in the JSON API, on the opening form and on public opening pages, over a fixture
/// whose figures are worked out by hand (see <see cref="PayDistributionTests"/> for the same rates): the demo postings
/// are withdrawn first, so only the fixture counts.
/// </summary>
public sealed partial class PayBenchmarkTests(PayBenchmarkTests.Fixture f) : IClassFixture<PayBenchmarkTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public MarketplaceFactory App { get; } = new();
        public int At40k, OneDayAt25k, Draft;

        public async Task InitializeAsync()
        {
            await App.WithDbAsync(async db =>
            {
                // Withdraw the demo postings (ExecuteUpdate: no public-content change is recorded, the fixture's save below records one).
                await db.Openings.ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OpeningStatus.Cancelled));
                await db.ProposalCalls.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CallStatus.Cancelled));
                var org = await db.Organizations.Where(o => o.Code == "382078").Select(o => o.Id).SingleAsync();
                // Group A (CIO補佐官, part-time, 2 days): 30,000 40,000 50,000 60,000 100,000.
                var a = new[] { 30_000L, 40_000, 50_000, 60_000, 100_000 }.Select(r => O(org, "cio_advisor", "part_time_appointee", 2, r)).ToList();
                // Group B (same role and form, 1 day): 20,000 25,000 30,000 35,000 — four, too few to show alone.
                var b = new[] { 20_000L, 25_000, 30_000, 35_000 }.Select(r => O(org, "cio_advisor", "part_time_appointee", 1, r)).ToList();
                // Group C (CDO, fixed-term, 5 days): three, too few to show at all.
                var c = new[] { 70_000L, 80_000, 90_000 }.Select(r => O(org, "cdo", "fixed_term_staff", 5, r)).ToList();
                // Never counted: a draft, a cancelled posting, one never published, one stating no pay — all in group A's place.
                var draft = O(org, "cio_advisor", "part_time_appointee", 2, 1_000_000, OpeningStatus.Draft, published: false);
                var cancelled = O(org, "cio_advisor", "part_time_appointee", 2, 900_000, OpeningStatus.Cancelled);
                var unpublished = O(org, "cio_advisor", "part_time_appointee", 2, 800_000, OpeningStatus.Closed, published: false);
                var noPay = O(org, "cio_advisor", "part_time_appointee", 2, 700_000);
                noPay.PayNotStated = true;
                db.Openings.AddRange([.. a, .. b, .. c, draft, cancelled, unpublished, noPay]);
                await db.SaveChangesAsync();
                At40k = a[1].Id;
                OneDayAt25k = b[1].Id;
                Draft = draft.Id;
                return 0;
            });
        }

        private static Opening O(int org, string role, string engagement, double days, long rate, OpeningStatus status = OpeningStatus.Published, bool published = true)
        {
            var now = DateTime.UtcNow;
            return new Opening
            {
                OrganizationId = org, RoleCode = role, EngagementCode = engagement, Title = $"相場テスト {role} {rate}", Description = "日額の相場の試験用の募集です。",
                Status = status, PayAmountYen = rate, PayUnit = PayUnit.Day, DayRateYen = rate, AnnualEquivalentYen = (long)(rate * 48 * days),
                DaysPerWeek = days, FirstTermMonths = 12, RenewalRule = RenewalRule.None, ApplicationDeadline = DateOnly.FromDateTime(now.AddDays(30)),
                PublishedAt = published ? now : null, CreatedAt = now, UpdatedAt = now, SearchText = "相場テスト",
            };
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static JsonElement? Group(JsonElement doc, string? role, string? engagement, string? band) =>
        doc.GetProperty("groups").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(g =>
            Str(g!.Value, "role") == role && Str(g.Value, "engagement") == engagement && Str(g.Value, "band") == band);

    private static string? Str(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();

    [Fact]
    public async Task Api_Groups_MatchHandComputedPercentiles()
    {
        var doc = await JsonAsync(f.App.NewClient(), "/api/pay-benchmark?role=cio_advisor");
        var a = Group(doc, "cio_advisor", "part_time_appointee", "2to3")!.Value;
        // Sorted 30,000 40,000 50,000 60,000 100,000; h = 4p: P10 = 30,000 + 0.4 × 10,000, P90 = 60,000 + 0.6 × 40,000.
        Assert.Equal(5, a.GetProperty("count").GetInt32());
        Assert.Equal(30_000, a.GetProperty("minYen").GetInt64());
        Assert.Equal(34_000, a.GetProperty("p10Yen").GetInt64());
        Assert.Equal(40_000, a.GetProperty("p25Yen").GetInt64());
        Assert.Equal(50_000, a.GetProperty("medianYen").GetInt64());
        Assert.Equal(60_000, a.GetProperty("p75Yen").GetInt64());
        Assert.Equal(84_000, a.GetProperty("p90Yen").GetInt64());
        // The draft (1,000,000), the cancelled (900,000), the unpublished (800,000) and the one without pay are not in it.
        Assert.Equal(100_000, a.GetProperty("maxYen").GetInt64());

        // Both bands together: 20,000 25,000 30,000 30,000 35,000 40,000 50,000 60,000 100,000; h = 8p.
        var any = Group(doc, "cio_advisor", "part_time_appointee", null)!.Value;
        Assert.Equal(9, any.GetProperty("count").GetInt32());
        Assert.Equal(24_000, any.GetProperty("p10Yen").GetInt64());
        Assert.Equal(35_000, any.GetProperty("medianYen").GetInt64());
        Assert.Equal(68_000, any.GetProperty("p90Yen").GetInt64());
        Assert.Equal(5, doc.GetProperty("minimumGroupSize").GetInt32());
    }

    [Fact]
    public async Task Api_SmallGroups_AreLeftOut()
    {
        var doc = await JsonAsync(f.App.NewClient(), "/api/pay-benchmark");
        var groups = doc.GetProperty("groups").EnumerateArray().ToList();
        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.True(g.GetProperty("count").GetInt32() >= 5));
        // The 1-day band (4 postings) and the CDO group (3) appear in no group of their own.
        Assert.DoesNotContain(groups, g => Str(g, "band") == "upto1" || Str(g, "role") == "cdo" || Str(g, "engagement") == "fixed_term_staff");
        Assert.True(doc.GetProperty("hiddenGroupCount").GetInt32() > 0);
        // Every published posting with pay is counted once: 5 + 4 + 3.
        Assert.Equal(12, Group(doc, null, null, null)!.Value.GetProperty("count").GetInt32());
        Assert.Equal(12, doc.GetProperty("postingCount").GetInt32());
    }

    [Fact]
    public async Task Api_UnknownFilter_IsRefusedWithTheReason()
    {
        var response = await f.App.NewClient().GetAsync("/api/pay-benchmark?band=7days");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("upto1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_ShowsFiguresWithCounts_AndHidesSmallGroups()
    {
        var html = await f.App.NewClient().GetStringAsync("/pay-benchmark?role=cio_advisor&engagement=part_time_appointee");
        // Broken down by workload band: 2–3 days shown with its hand-computed figures, ≤ 1 day hidden.
        var twoToThree = Row(html, "2to3");
        Assert.Contains("data-measure=\"count\">5<", twoToThree);
        Assert.Contains("34,000円", twoToThree);
        Assert.Contains("50,000円", twoToThree);
        Assert.Contains("84,000円", twoToThree);
        var oneDay = Row(html, "upto1");
        Assert.Contains("5件未満", oneDay);
        Assert.DoesNotContain("円", oneDay);
        Assert.Contains("id=\"benchmark-hidden\"", html);
        // The chart is drawn on the server, with its figures in words for screen readers.
        Assert.Contains("<svg", html);
        Assert.Contains("中央値 50,000円", html);
        Assert.DoesNotContain("<script", html.Split("<main")[1].Split("</main>")[0]);

        var cdo = await f.App.NewClient().GetStringAsync("/pay-benchmark?role=cdo");
        Assert.DoesNotContain("70,000円", cdo);
        Assert.DoesNotContain("80,000円", cdo);
        Assert.Contains("id=\"benchmark-none\"", cdo);
    }

    [Fact]
    public async Task Page_InEnglish_SaysTheSameInEnglish()
    {
        var html = await f.App.NewClient().GetStringAsync("/pay-benchmark?role=cio_advisor&engagement=part_time_appointee&culture=en");
        Assert.Contains("Pay benchmark", html);
        Assert.Contains("¥84,000", Row(html, "2to3"));
        Assert.Contains("fewer than 5", Row(html, "upto1"));
    }

    [Fact]
    public async Task Position_OfTypedPay_IsTheHandComputedPercentile()
    {
        // 27万3,800円 a month at 2 days a week: 273,800 × 12 / (2 × 48) = 34,225 a day; 1 of the 5 in group A pays less: 20 %.
        var doc = await JsonAsync(f.App.NewClient(), "/api/pay-benchmark/position?role=cio_advisor&engagement=part_time_appointee"
            + "&payAmount=" + Uri.EscapeDataString("27万3,800円") + "&payUnit=Month&daysPerWeek=2");
        Assert.Equal(34_225, doc.GetProperty("dayRateYen").GetInt64());
        Assert.Equal(20, doc.GetProperty("percentile").GetInt32());
        Assert.Equal(1, doc.GetProperty("countBelow").GetInt32());
        Assert.Equal(5, doc.GetProperty("group").GetProperty("count").GetInt32());
        var text = doc.GetProperty("text").GetString()!;
        Assert.Contains("5件の中で", text);
        Assert.Contains("下から20%", text);

        var english = await JsonAsync(f.App.NewClient(), "/api/pay-benchmark/position?role=cio_advisor&engagement=part_time_appointee&payAmount=273800&payUnit=Month&daysPerWeek=2&culture=en");
        var englishText = english.GetProperty("text").GetString();
        Assert.Contains("Among 5 comparable postings", englishText);
        Assert.Contains("is at the 20th percentile", englishText);

        // No comparable group of 5: no figure, the reason instead.
        var cdo = await JsonAsync(f.App.NewClient(), "/api/pay-benchmark/position?role=cdo&engagement=fixed_term_staff&payAmount=80000&payUnit=Day&daysPerWeek=5");
        Assert.Equal(JsonValueKind.Null, cdo.GetProperty("percentile").ValueKind);
        Assert.Equal(JsonValueKind.Null, cdo.GetProperty("group").ValueKind);
        Assert.Contains("5件未満", cdo.GetProperty("text").GetString());
    }

    [Fact]
    public async Task OpeningForm_AfterAPost_ShowsThePercentile()
    {
        var client = await f.App.SignedInAsync(WebClientExtensions.OzuStaff);
        var page = await client.GetStringAsync("/manage/openings/new");
        Assert.Contains("id=\"pay-benchmark\"", page);
        Assert.Contains("<script src=\"/js/pay-benchmark.", page); // a static file (fingerprinted): the CSP allows no inline script
        // A post that fails on the title still shows where the typed pay stands.
        var response = await client.PostFormAsync("/manage/openings/new",
            new OpeningFormBuilder().With("Title", "").With("PayAmount", "27万3,800円").With("DaysPerWeek", "2").Build(), "/manage/openings/new");
        var html = await response.Content.ReadAsStringAsync();
        var hint = PayHint().Match(html);
        Assert.True(hint.Success, "the form has no pay benchmark hint");
        Assert.Contains("下から20%", hint.Groups[1].Value);
        Assert.Contains("5件中1件", hint.Groups[1].Value);
    }

    [Fact]
    public async Task PublicOpening_SaysWhereItsDayRateStands()
    {
        var html = await f.App.NewClient().GetStringAsync($"/openings/{f.At40k}");
        // 40,000 in group A: 1 below, 1 equal (itself): (1 + 0.5) / 5 = 30 %.
        var line = Regex.Match(html, $"id=\"opening-{f.At40k}-benchmark\">([^<]*)<").Groups[1].Value;
        Assert.Contains("5件の中で", line);
        Assert.Contains("下から30%", line);

        // 25,000 at 1 day: its band has only 4, so it is compared with all 9 of its role and form: (1 + 0.5) / 9 = 16.7 → 17 %.
        var oneDay = await f.App.NewClient().GetStringAsync($"/openings/{f.OneDayAt25k}");
        var oneDayLine = Regex.Match(oneDay, $"id=\"opening-{f.OneDayAt25k}-benchmark\">([^<]*)<").Groups[1].Value;
        Assert.Contains("9件の中で", oneDayLine);
        Assert.Contains("下から17%", oneDayLine);
        Assert.Contains("勤務日数を問わず", oneDayLine);
    }

    [Fact]
    public async Task Snapshot_FollowsPublishing_AndNeverCountsDrafts()
    {
        var client = f.App.NewClient();
        Assert.Equal(5, Group(await JsonAsync(client, "/api/pay-benchmark?role=cio_advisor"), "cio_advisor", "part_time_appointee", "2to3")!.Value.GetProperty("count").GetInt32());
        // The draft's own page is not public, and it stays out of the figures until it is published.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/openings/{f.Draft}")).StatusCode);
        await f.App.WithDbAsync(async db =>
        {
            var draft = await db.Openings.SingleAsync(o => o.Id == f.Draft);
            draft.Status = OpeningStatus.Published;
            draft.PublishedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
            return 0;
        });
        try
        {
            var a = Group(await JsonAsync(client, "/api/pay-benchmark?role=cio_advisor"), "cio_advisor", "part_time_appointee", "2to3")!.Value;
            Assert.Equal(6, a.GetProperty("count").GetInt32());
            Assert.Equal(1_000_000, a.GetProperty("maxYen").GetInt64());
        }
        finally
        {
            await f.App.WithDbAsync(async db =>
            {
                var draft = await db.Openings.SingleAsync(o => o.Id == f.Draft);
                draft.Status = OpeningStatus.Draft;
                draft.PublishedAt = null;
                await db.SaveChangesAsync();
                return 0;
            });
        }
        Assert.Equal(5, Group(await JsonAsync(client, "/api/pay-benchmark?role=cio_advisor"), "cio_advisor", "part_time_appointee", "2to3")!.Value.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Calls_CountAtTheAwardedAmount_UnderTheirNamedRole()
    {
        var ids = await f.App.WithDbAsync(async db =>
        {
            var org = await db.Organizations.Where(o => o.Code == "252140").Select(o => o.Id).SingleAsync();
            // Five awarded calls like 米原市's: 33,000,000 excluding tax for 36 months (the ceiling was 40,000,000), one day a week on site,
            // the first named role 「CIO補佐官」; and a draft call that never counts.
            var calls = Enumerable.Range(0, 6).Select(i => Call(org, i == 5 ? CallStatus.Draft : CallStatus.Awarded)).ToList();
            db.ProposalCalls.AddRange(calls);
            await db.SaveChangesAsync();
            return calls.Select(c => c.Id).ToList();
        });
        try
        {
            var doc = await JsonAsync(f.App.NewClient(), "/api/pay-benchmark?role=cio_advisor&engagement=outsourced");
            var g = Group(doc, "cio_advisor", "outsourced", "unstated")!.Value;
            // Loads from 1 to 5 person-days, middle 3: 3 × 48 = 144 days a year; 33,000,000 / (144 × 3) = 76,388.9 → 76,389
            // (the ceiling would give 40,000,000 / 432 = 92,593).
            Assert.Equal(5, g.GetProperty("count").GetInt32());
            Assert.Equal(76_389, g.GetProperty("medianYen").GetInt64());
            Assert.Equal(76_389, g.GetProperty("maxYen").GetInt64());
        }
        finally
        {
            await f.App.WithDbAsync(async db =>
            {
                db.ProposalCalls.RemoveRange(await db.ProposalCalls.Where(c => ids.Contains(c.Id)).ToListAsync());
                return await db.SaveChangesAsync();
            });
        }
    }

    private static ProposalCall Call(int org, CallStatus status)
    {
        var now = DateTime.UtcNow;
        return new ProposalCall
        {
            OrganizationId = org, Status = status, Title = "CIO補佐官支援業務委託（相場テスト）", Purpose = "相場の試験", Scope = "CIO補佐", SearchText = "相場テスト",
            ContractStart = new DateOnly(2025, 4, 1), ContractEnd = new DateOnly(2028, 3, 31), CeilingYen = 40_000_000, CeilingTaxIncluded = false,
            ContractAmountYen = status == CallStatus.Awarded ? 33_000_000 : null, OnsiteDaysPerWeek = 1,
            QuestionDeadline = now.AddDays(-60), SubmissionDeadline = now.AddDays(-50), PublishedAt = status == CallStatus.Draft ? null : now.AddDays(-70),
            AwardedAt = status == CallStatus.Awarded ? now.AddDays(-30) : null, RecordedAfterTheFact = true, SupplierName = "テスト株式会社",
            CreatedAt = now, UpdatedAt = now,
            Roles = [new CallRole { Name = "CIO補佐官", SortOrder = 0 }, new CallRole { Name = "担当者", SortOrder = 1 }],
        };
    }

    private static string Row(string html, string band)
    {
        var m = Regex.Match(html, $"<tr data-role=\"[^\"]*\" data-engagement=\"[^\"]*\" data-band=\"{band}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no table row for band {band}");
        return m.Groups[1].Value;
    }

    [GeneratedRegex("id=\"pay-benchmark\"[^>]*>([^<]*)<")]
    private static partial Regex PayHint();
}
