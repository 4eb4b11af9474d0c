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
