using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.OpenData;

/// <summary>The public API is described at /openapi/v1.json and browsable at /scalar/v1.</summary>
[Collection(WebCollection.Name)]
public partial class OpenApiTests(MarketplaceFactory factory)
{
    [Fact]
    public async Task OpenApiDocument_ListsEveryPublicApiEndpoint()
    {
        var doc = JsonDocument.Parse(await factory.NewClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = doc.GetProperty("paths").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        foreach (var expected in new[] { "/api/openings", "/api/openings/{id}", "/api/calls", "/api/calls/{id}", "/api/ocds/calls/{id}", "/api/ocds/releases" })
        {
            Assert.True(paths.ContainsKey(expected), $"{expected} is missing from /openapi/v1.json");
            Assert.True(paths[expected].TryGetProperty("get", out _), $"{expected} has no GET in /openapi/v1.json");
        }

        // Every /api route the app maps is in the document, so a new endpoint cannot go undescribed.
        var mapped = factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal) || p == "/api")
            .Select(p => Constraint().Replace(p, "}").TrimEnd('/'))
            .Distinct().ToList();
        Assert.NotEmpty(mapped);
        Assert.All(mapped, p => Assert.True(paths.ContainsKey(p), $"{p} is mapped but missing from /openapi/v1.json"));
    }

    [Theory]
    [InlineData("/api/calls?page=abc")]
    [InlineData("/api/calls?page=99999999999")]
    [InlineData("/api/calls?page=1e3")]
    [InlineData("/api/calls?page=1&page=2")]
    [InlineData("/api/ocds/releases?page=abc")]
    [InlineData("/api/ocds/releases?page=-1")]
    public async Task PagedApis_PageNumberNotAWholeNumber_FirstPageNotAnError(string url)
    {
        // As /api/openings and the pages do: a page number anyone may type is read leniently, never a 400 with a logged failure.
        var response = await factory.NewClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (url.StartsWith("/api/calls", StringComparison.Ordinal)) Assert.Equal(1, doc.GetProperty("page").GetInt32());
        else Assert.True(doc.TryGetProperty("releases", out _));
    }

    /// <summary>Times in the JSON APIs carry their UTC "Z"; without it a client took the UTC time for Japan time.</summary>
    [Fact]
    public async Task JsonApis_TimesCarryTheirOffset()
    {
        var client = factory.NewClient();
        var call = JsonDocument.Parse(await client.GetStringAsync("/api/calls")).RootElement.GetProperty("items").EnumerateArray().First();
        var id = call.GetProperty("id").GetInt32();
        var detail = JsonDocument.Parse(await client.GetStringAsync($"/api/calls/{id}")).RootElement;
        var deadline = detail.GetProperty("call").GetProperty("submissionDeadline").GetString()!;
        Assert.EndsWith("Z", deadline);
        var opening = JsonDocument.Parse(await client.GetStringAsync("/api/openings")).RootElement.GetProperty("items").EnumerateArray().First();
        Assert.EndsWith("Z", opening.GetProperty("publishedAt").GetString()!);
    }

    [Fact]
    public async Task ScalarReference_Answers()
    {
        var response = await factory.NewClient().GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("scalar", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(":[a-z]+(\\([^)]*\\))?}")]
    private static partial Regex Constraint();
}
