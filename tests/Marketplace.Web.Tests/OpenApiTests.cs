using System.Net;
using System.Text.Json;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests;

/// <summary>The public API is described at /openapi/v1.json and browsable at /scalar/v1.</summary>
[Collection(WebCollection.Name)]
public class OpenApiTests(MarketplaceFactory factory)
{
    [Fact]
    public async Task OpenApiDocument_ListsEveryPublicApiEndpoint()
    {
        var doc = JsonDocument.Parse(await factory.NewClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/openings", paths);
        Assert.Contains("/api/openings/{id}", paths);
        Assert.True(doc.GetProperty("paths").GetProperty("/api/openings/{id}").TryGetProperty("get", out _));
    }

    [Fact]
    public async Task ScalarReference_Answers()
    {
        var response = await factory.NewClient().GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("scalar", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
