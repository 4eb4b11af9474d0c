using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.OpenData;

/// <summary>Every opening page carries schema.org JobPosting JSON-LD with the properties search engines require.</summary>
[Collection(WebCollection.Name)]
public partial class JobPostingJsonLdTests(MarketplaceFactory factory)
{
    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex LdScript();

    private async Task<JsonElement> JsonLdOfAsync(string title)
    {
        var id = await factory.WithDbAsync(db => db.Openings.Where(o => o.Title == title).Select(o => o.Id).SingleAsync());
        var html = await factory.NewClient().GetStringAsync($"/openings/{id}");
        var match = LdScript().Match(html);
        Assert.True(match.Success, "the page has no JSON-LD script");
        return JsonDocument.Parse(match.Groups[1].Value).RootElement;
    }

    [Fact]
    public async Task Ozu_OpeningPage_JobPostingWithRequiredPropertiesAndRemote()
    {
        var ld = await JsonLdOfAsync("CDO補佐官（デジタル変革推進）");
        Assert.Equal("https://schema.org/", ld.GetProperty("@context").GetString());
        Assert.Equal("JobPosting", ld.GetProperty("@type").GetString());
        Assert.Equal("CDO補佐官（デジタル変革推進）", ld.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(ld.GetProperty("description").GetString()));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", ld.GetProperty("datePosted").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T23:59:59\+09:00$", ld.GetProperty("validThrough").GetString());
        Assert.Equal("大洲市", ld.GetProperty("hiringOrganization").GetProperty("name").GetString());
        Assert.Equal("382078", ld.GetProperty("hiringOrganization").GetProperty("identifier").GetString());
        Assert.Equal("愛媛県", ld.GetProperty("jobLocation").GetProperty("address").GetProperty("addressRegion").GetString());
        Assert.Equal(["PART_TIME", "TEMPORARY"], ld.GetProperty("employmentType").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var salary = ld.GetProperty("baseSalary");
        Assert.Equal("JPY", salary.GetProperty("currency").GetString());
        Assert.Equal(273_800, salary.GetProperty("value").GetProperty("value").GetInt64());
        Assert.Equal("MONTH", salary.GetProperty("value").GetProperty("unitText").GetString());
        Assert.Equal("TELECOMMUTE", ld.GetProperty("jobLocationType").GetString());
        Assert.Equal("JP", ld.GetProperty("applicantLocationRequirements").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Osaka_OnSiteOnly_NoTelecommuteAndYearlySalary()
    {
        var ld = await JsonLdOfAsync("スマートシティ戦略部副理事（CIO補佐官）");
        Assert.Equal("YEAR", ld.GetProperty("baseSalary").GetProperty("value").GetProperty("unitText").GetString());
        Assert.Equal(11_400_000, ld.GetProperty("baseSalary").GetProperty("value").GetProperty("value").GetInt64());
        Assert.False(ld.TryGetProperty("jobLocationType", out _));
        Assert.Equal(["FULL_TIME", "TEMPORARY"], ld.GetProperty("employmentType").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }
}
