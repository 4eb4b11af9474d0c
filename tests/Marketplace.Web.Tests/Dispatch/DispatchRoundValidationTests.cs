using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Dispatch;

/// <summary>Bad input to the office's round form is explained field by field and nothing is saved; full-width input is read as typed.</summary>
public sealed class DispatchRoundValidationTests(MarketplaceFactory factory) : IClassFixture<MarketplaceFactory>
{
    private static List<KeyValuePair<string, string>> RoundForm(string year, string closes = "2031-01-31", string rate = "80") =>
    [
        new("Input.FiscalYear", year), new("Input.Name", "試験の募集回"),
        new("Input.RequestOpensOn", "2030-10-01"), new("Input.RequestClosesOn", closes), new("Input.MatchingEndsOn", "2031-02-15"),
        new("Input.ResultDate", "2031-02-28"), new("Input.DispatchStartsOn", "２０３１年４月１日"),
        new("Input.MinTermMonths", "６"), new("Input.MaxTermMonths", "24"), new("Input.MaxTotalMonths", "36"),
        new("Input.AllowPartTime", "true"), new("Input.EligibleKinds", "town"), new("Input.EligibleKinds", "village"),
        new("Input.MaxPopulation", "５０，０００"), new("Input.BudgetYen", "１２０，０００，０００円"),
        new("Input.TaxCapPerYearYen", "5,000,000"), new("Input.ReadinessSubsidyYen", "¥1,000,000"),
        new("Input.BandFrom[0]", "0"), new("Input.BandRate[0]", rate), new("Input.BandFrom[1]", "０．５"), new("Input.BandRate[1]", "50"),
    ];

    [Fact]
    public async Task RoundForm_BadInput_EveryMessageAndNothingSaved()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var before = await factory.WithDbAsync(db => db.DispatchRounds.CountAsync());

        var response = await office.PostFormAsync("/admin/dispatch/rounds/new", RoundForm("2031", closes: "2030-09-01", rate: "120"), "/admin/dispatch/rounds/new");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("申請受付締切日は申請受付開始日以降の日付にしてください。", html);
        Assert.Contains("補助率（%）は0から100までの整数で入力してください。", html);
        Assert.Contains("href=\"#Input_BandRate_0_\"", html);
        Assert.Contains("value=\"試験の募集回\"", html); // what was typed stays in the form
        Assert.Equal(before, await factory.WithDbAsync(db => db.DispatchRounds.CountAsync()));
    }

    [Fact]
    public async Task RoundForm_FullWidthDigits_SavedAsTyped()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);

        var response = await office.PostFormAsync("/admin/dispatch/rounds/new", RoundForm("２０３１"), "/admin/dispatch/rounds/new");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var round = await factory.WithDbAsync(db => db.DispatchRounds.Include(r => r.Bands).SingleAsync(r => r.FiscalYear == 2031));
        Assert.Equal(120_000_000, round.BudgetYen);
        Assert.Equal(50_000, round.MaxPopulation);
        Assert.Equal(new DateOnly(2031, 4, 1), round.DispatchStartsOn);
        Assert.Equal([(0.0, 80), (0.5, 50)], round.Bands.OrderBy(b => b.FromIndex).Select(b => (b.FromIndex, b.RatePercent)));
        Assert.Equal(["town", "village"], round.EligibleKinds);

        // A second round for the same year is refused.
        var again = await office.PostFormAsync("/admin/dispatch/rounds/new", RoundForm("2031"), "/admin/dispatch/rounds/new");
        Assert.Contains("2031年度の募集回はすでにあります。", await again.Content.ReadAsStringAsync());
    }
}
