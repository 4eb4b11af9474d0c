using System.IO.Compression;
using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Hosting;

/// <summary>
/// Every file under wwwroot reaches a browser that asks for it compressed, decoded to the same bytes. The tests'
/// host runs in the "Testing" environment, not Development, as a Release or plain <c>dotnet run</c> does:
/// before the fix, a gzip request there got an empty 200 because the compressed copies were not found.
/// </summary>
[Collection(WebCollection.Name)]
public partial class StaticAssetTests(MarketplaceFactory factory)
{
    public static TheoryData<string> Encodings => ["gzip, br", "gzip", "br", "identity"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task EveryStaticFile_AnyEncoding_DecodesToTheFile(string acceptEncoding)
    {
        var client = factory.NewClient();
        var root = factory.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".gz") && !f.EndsWith(".br")).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var path = "/" + Path.GetRelativePath(root, file).Replace('\\', '/');
            var body = await GetDecodedAsync(client, path, acceptEncoding);
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(body), $"{path} with Accept-Encoding: {acceptEncoding} did not decode to the file ({body.Length} bytes)");
        }
    }

    [Fact]
    public async Task LayoutStylesheet_FingerprintedUrl_ServedCompressedWithItsType()
    {
        var client = factory.NewClient();
        var html = await client.GetStringAsync("/");
        var href = StylesheetHref().Match(html);
        Assert.True(href.Success, "the layout links no stylesheet");
        var url = System.Net.WebUtility.HtmlDecode(href.Groups[1].Value);
        var body = await GetDecodedAsync(client, url, "gzip, br");
        var root = factory.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;
        Assert.Equal(File.ReadAllBytes(Path.Combine(root, "css", "site.css")), body);
    }

    private static async Task<byte[]> GetDecodedAsync(HttpClient client, string path, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        Assert.NotNull(response.Content.Headers.ContentType);
        var raw = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        if (encoding is not null)
        {
            Assert.Contains(encoding, acceptEncoding);
        }
        using var input = new MemoryStream(raw);
        using Stream decoded = encoding switch
        {
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            null => input,
            _ => throw new Xunit.Sdk.XunitException($"{path}: unexpected Content-Encoding {encoding}"),
        };
        using var output = new MemoryStream();
        await decoded.CopyToAsync(output);
        return output.ToArray();
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StylesheetHref();
}
