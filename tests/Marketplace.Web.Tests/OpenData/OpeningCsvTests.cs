using System.Text;
using Marketplace.Data.Entities;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.OpenData;

/// <summary>
/// Open data in CSV: every opening the search finds (not only a page), one row each with every fact of the JSON API:
/// approximate and not-stated facts as columns of their own and unstated values as empty cells; UTF-8 and Shift_JIS
/// give the same rows; drafts never appear.
/// </summary>
[Collection(WebCollection.Name)]
public class OpeningCsvTests(MarketplaceFactory factory)
{
    private static List<Dictionary<string, string>> Rows(string text)
    {
        var (records, errors) = Csv.Read(text);
        Assert.Empty(errors);
        var header = records[0].Fields;
        return records.Skip(1).Select(r => header.Select((h, i) => (h, v: r.Fields[i])).ToDictionary(x => x.h, x => x.v)).ToList();
    }

    [Fact]
    public async Task Export_EveryMatchingOpeningWithEveryFact_NotStatedLeftEmpty()
    {
        var client = factory.NewClient();
        var response = await client.GetAsync("/api/openings/export.csv?prefecture=27");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = Rows(Encoding.UTF8.GetString(bytes[3..]));

        var expected = await factory.WithDbAsync(db => db.Openings.Where(o => o.Organization!.PrefectureCode == "27" && o.Status == OpeningStatus.Published
            && o.ApplicationDeadline >= DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9))).Select(o => o.Id).ToListAsync());
        Assert.Equal(expected.Order(), rows.Select(r => int.Parse(r["id"])).Order());

        var osaka = rows.Single(r => r["title"] == "スマートシティ戦略部副理事（CIO補佐官）");
        var o = await factory.WithDbAsync(db => db.Openings.Include(x => x.Organization).SingleAsync(x => x.Id == int.Parse(osaka["id"])));
        Assert.Equal(o.Organization!.Code, osaka["organizationCode"]);
        Assert.Equal(o.PayAmountYen.ToString(), osaka["payAmountYen"]);
        Assert.Equal(o.PayApproximate ? "true" : "false", osaka["payApproximate"]);
        Assert.Equal(o.DayRateYen.ToString(), osaka["dayRateYen"]);
        Assert.Equal(o.FirstTermMonths.ToString(), osaka["firstTermMonths"]);
        Assert.Equal(o.RenewalRule.ToString(), osaka["renewalRule"]);
        Assert.Equal(o.Department ?? "", osaka["department"]);
        Assert.Equal(o.ApplicationDeadline.ToString("yyyy-MM-dd"), osaka["applicationDeadline"]);
        Assert.EndsWith($"/openings/{o.Id}", osaka["url"]);
        // Unstated facts: an empty cell and a true "not stated" column, never a value the notice did not give.
        if (o.CommutingNotStated) Assert.Equal(("", "true"), (osaka["commutingAllowancePaid"], osaka["commutingNotStated"]));
        if (o.DaysPerWeekNotStated) Assert.Equal(("", "true"), (osaka["daysPerWeek"], osaka["daysPerWeekNotStated"]));
        Assert.Equal(string.Join('\n', o.Duties), osaka["duties"]);
    }

    [Fact]
    public async Task Export_NotStatedWorkloadAndPay_EmptyCellsWithTheAssumptionStated()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var title = "CSV書き出し確認 " + Guid.NewGuid().ToString("N")[..6];
        var form = new OpeningFormBuilder().With("Title", title).With("PayAmount", "27万3,800円").With("DaysPerWeek", "").With("DaysPerWeekNotStated", "true")
            .With("OnsiteDays", "").With("OnsiteNotStated", "true").With("Duties", "=HYPERLINK(\"http://evil.example\")").Build();
        var created = await staff.PostFormAsync("/manage/openings/new", form, "/manage/openings/new");
        var id = int.Parse(WebClientExtensions.LocationPath(created).Split('/').Last());
        var q = "/api/openings/export.csv?q=" + Uri.EscapeDataString(title);
        Assert.Empty(Rows(Encoding.UTF8.GetString((await factory.NewClient().GetByteArrayAsync(q))[3..]))); // a draft is not open data

        await staff.PostFormAsync($"/manage/openings/{id}?handler=Publish", [new("token", await factory.TokenOfAsync(id))], "/manage/openings/new");
        var utf8 = Rows(Encoding.UTF8.GetString((await factory.NewClient().GetByteArrayAsync(q))[3..]));
        var row = Assert.Single(utf8);
        Assert.Equal(("", "true", "1", "3"), (row["daysPerWeek"], row["daysPerWeekNotStated"], row["assumedDaysPerWeekLow"], row["assumedDaysPerWeekHigh"]));
        Assert.Equal(("22817", "68450", "273800"), (row["dayRateLowYen"], row["dayRateHighYen"], row["payAmountYen"]));
        Assert.Equal("'=HYPERLINK(\"http://evil.example\")", row["duties"]); // a formula stays text in Excel

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var sjis = await factory.NewClient().GetAsync(q + "&encoding=sjis");
        Assert.Equal("shift_jis", sjis.Content.Headers.ContentType!.CharSet);
        var fromSjis = Rows(Encoding.GetEncoding(932).GetString(await sjis.Content.ReadAsByteArrayAsync()));
        Assert.Equal(utf8.Single(), fromSjis.Single());
    }
}
