using System.Net;
using System.Text.Json;
using Marketplace.Data.Entities;
using Marketplace.Web.Localization;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Openings;

/// <summary>Search on the seeded demo data: expected results are computed from the database independently of the search code.</summary>
[Collection(WebCollection.Name)]
public class OpeningSearchTests(MarketplaceFactory factory)
{
    private static readonly DateOnly Today = DisplayFormatter.TodayInJapan(TimeProvider.System);

    private Task<List<Opening>> OpenAsync() => factory.WithDbAsync(db => db.Openings.AsNoTracking().Include(o => o.Organization)
        .Where(o => o.Status == OpeningStatus.Published && o.ApplicationDeadline >= Today).ToListAsync());

    private static bool Mentions(Opening o, string word) =>
        new[] { o.Title, o.Description, o.Rank, o.WorkLocation, o.Organization!.NameJa, string.Join(' ', o.Duties) }
            .Any(t => t?.Contains(word, StringComparison.Ordinal) == true)
        || (word is "補佐官" or "補佐" && o.RoleCode is "cio_advisor" or "cdo_advisor");

    private async Task<(int Total, List<int> Ids)> SearchAllPagesAsync(string query)
    {
        var client = factory.NewClient();
        var ids = new List<int>();
        int total = 0, page = 1, pageCount;
        do
        {
            var json = await client.GetStringAsync($"/api/openings?{query}&page={page}");
            using var doc = JsonDocument.Parse(json);
            total = doc.RootElement.GetProperty("total").GetInt32();
            pageCount = doc.RootElement.GetProperty("pageCount").GetInt32();
            ids.AddRange(doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
            page++;
        }
        while (page <= pageCount);
        return (total, ids);
    }

    /// <summary>
    /// A result card says what the notice says, as the opening's page does: 約 and 程度 where the figures are estimates,
    /// 記載なし where there is no pay (the card said 「月額 0円」 and 「日額換算: 0円」; helper review, stop 32).
    /// </summary>
    [Fact]
    public async Task ResultCard_ApproximateAndNotStated_SaidAsOnTheOpeningsPage()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var word = "概数表記" + Guid.NewGuid().ToString("N")[..6];
        async Task PublishAsync(OpeningFormBuilder form)
        {
            var created = await staff.PostFormAsync("/manage/openings/new", form.Build(), "/manage/openings/new");
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            var id = int.Parse(WebClientExtensions.LocationPath(created).Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/manage/openings/{id}?handler=Publish", [new("token", await factory.TokenOfAsync(id))], "/manage/openings/new")).StatusCode);
        }
        await PublishAsync(new OpeningFormBuilder().With("Title", word + "（概数）").With("FirstTermMonths", "約6か月").With("DaysPerWeek", "週2日程度").With("OnsiteDays", "1日程度").With("PayAmount", "約27万円"));
        await PublishAsync(new OpeningFormBuilder().With("Title", word + "（金額なし）").With("PayAmount", "").With("PayNotStated", "true"));

        var html = await factory.NewClient().GetStringAsync("/openings?q=" + Uri.EscapeDataString(word));
        var cards = html.Split("<li class=\"result\"").Skip(1).ToList();
        Assert.Equal(2, cards.Count);
        var approximate = Assert.Single(cards, c => c.Contains("（概数）", StringComparison.Ordinal));
        Assert.Contains("初回の任期 約6か月", approximate);
        Assert.Contains("週2日程度・登庁 月1日程度", approximate);
        Assert.Contains("月額 約270,000円", approximate);
        var noPay = Assert.Single(cards, c => c.Contains("（金額なし）", StringComparison.Ordinal));
        Assert.Contains("報酬 記載なし", noPay);
        Assert.Contains("<strong class=\"day-rate\">記載なし</strong>", noPay);
        Assert.DoesNotContain("0円", noPay);
    }

    [Fact]
    public async Task Search_Hosakan_ReturnsExactlyTheOpeningsMentioningIt()
    {
        var open = await OpenAsync();
        var expected = open.Where(o => Mentions(o, "補佐官")).Select(o => o.Id).Order().ToList();
        Assert.True(expected.Count >= 3, "the demo data should hold several 補佐官 openings");

        var (total, ids) = await SearchAllPagesAsync("q=" + Uri.EscapeDataString("補佐官"));
        Assert.Equal(expected.Count, total);
        Assert.Equal(expected, ids.Order().ToList());
        var osaka = open.Single(o => o.Title == "スマートシティ戦略部副理事（CIO補佐官）");
        Assert.Contains(osaka.Id, ids);
    }

    [Fact]
    public async Task Search_TwoCharacterWord_Matches()
    {
        var (_, hosa) = await SearchAllPagesAsync("q=" + Uri.EscapeDataString("補佐"));
        var (_, hosakan) = await SearchAllPagesAsync("q=" + Uri.EscapeDataString("補佐官"));
        Assert.NotEmpty(hosa);
        Assert.Superset(hosakan.ToHashSet(), hosa.ToHashSet());
        var (_, seido) = await SearchAllPagesAsync("q=" + Uri.EscapeDataString("大洲"));
        Assert.Contains(await factory.WithDbAsync(db => db.Openings.Where(o => o.Title == "CDO補佐官（デジタル変革推進）").Select(o => o.Id).SingleAsync()), seido);
    }

    [Fact]
    public async Task Search_FullWidthLatin_MatchesHalfWidth()
    {
        var (_, fullWidth) = await SearchAllPagesAsync("q=" + Uri.EscapeDataString("ＤＸ"));
        var (_, halfWidth) = await SearchAllPagesAsync("q=dx");
        Assert.NotEmpty(fullWidth);
        Assert.Equal(halfWidth, fullWidth);
    }

    [Fact]
    public async Task Search_PrefectureAndMinimumDayRate_FiltersBoth()
    {
        var open = await OpenAsync();
        var expected = open.Where(o => o.Organization!.PrefectureCode == "27" && o.DayRateYen >= 40_000).Select(o => o.Id).Order().ToList();
        var (total, ids) = await SearchAllPagesAsync("prefecture=27&min_day_rate=40000");
        Assert.Equal(expected, ids.Order().ToList());
        Assert.Equal(expected.Count, total);
        Assert.Contains(open.Single(o => o.Title == "スマートシティ戦略部副理事（CIO補佐官）").Id, ids);

        // Full-width digits in the filter mean the same.
        var (_, fullWidth) = await SearchAllPagesAsync("prefecture=27&min_day_rate=" + Uri.EscapeDataString("４０，０００"));
        Assert.Equal(ids, fullWidth);
        var (_, higher) = await SearchAllPagesAsync("prefecture=27&min_day_rate=50000");
        Assert.DoesNotContain(open.Single(o => o.Title == "スマートシティ戦略部副理事（CIO補佐官）").Id, higher);
    }

    [Fact]
    public async Task Search_SortByDayRate_HighestFirstOnThePage()
    {
        // Openings only: calls for proposals join this order too (UnifiedSearchTests).
        var html = await factory.NewClient().GetStringAsync("/openings?sort=day_rate&kind=opening");
        var ids = WebClientExtensions.OpeningIds(html);
        Assert.Equal(20, ids.Count);
        var open = (await OpenAsync()).ToDictionary(o => o.Id);
        var rates = ids.Select(id => open[id].DayRateYen).ToList();
        Assert.Equal(rates.OrderByDescending(r => r).ToList(), rates);
        Assert.Equal(open.Values.Max(o => o.DayRateYen), rates[0]);
    }

    [Fact]
    public async Task Search_SortByDeadline_SoonestFirstAcrossPages()
    {
        var (_, ids) = await SearchAllPagesAsync("sort=deadline&kind=opening");
        var open = (await OpenAsync()).ToDictionary(o => o.Id);
        var deadlines = ids.Select(id => open[id].ApplicationDeadline).ToList();
        Assert.Equal(deadlines.Order().ToList(), deadlines);
        Assert.Equal(open.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Search_RemoteAndMaxOnsite_Filters()
    {
        var open = await OpenAsync();
        var expected = open.Where(o => o.RemoteAllowed && o.OnsiteDaysPerMonth <= 1).Select(o => o.Id).Order().ToList();
        var (_, ids) = await SearchAllPagesAsync("remote=1&max_onsite_days=1");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids.Order().ToList());
    }

    [Fact]
    public async Task Search_RoleEngagementAndTerm_Filter()
    {
        var open = await OpenAsync();
        var expected = open.Where(o => o.RoleCode == "cio_advisor" && o.EngagementCode == "part_time_appointee" && o.FirstTermMonths <= 6).Select(o => o.Id).Order().ToList();
        var (_, ids) = await SearchAllPagesAsync("role=cio_advisor&engagement=part_time_appointee&term=short");
        Assert.Equal(expected, ids.Order().ToList());
    }

    [Fact]
    public async Task SearchPage_StateInQueryString_KeptInPagerLinks()
    {
        var html = await factory.NewClient().GetStringAsync("/openings?q=%E8%A3%9C%E4%BD%90&sort=deadline");
        Assert.Contains("value=\"補佐\"", html);
        Assert.Contains("<option value=\"deadline\" selected=\"selected\">", html);
        var all = await factory.NewClient().GetStringAsync("/openings?sort=newest");
        Assert.Contains("page=2", all);
        Assert.Contains("sort=newest", all[all.IndexOf("page=2", StringComparison.Ordinal)..].Split('"')[0] + all[..all.IndexOf("page=2", StringComparison.Ordinal)].Split('"').Last());
        var page2 = WebClientExtensions.OpeningIds(await factory.NewClient().GetStringAsync("/openings?sort=newest&page=2"));
        Assert.Empty(page2.Intersect(WebClientExtensions.OpeningIds(all)));
    }

    [Fact]
    public async Task Search_BadFilterValues_PageShowsMessageNot500()
    {
        var response = await factory.NewClient().GetAsync("/openings?min_day_rate=abc&max_onsite_days=-&page=-4&sort=zzz&prefecture=%27");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("日額換算の下限（円）は円単位の整数で入力してください", await response.Content.ReadAsStringAsync());
    }
}
