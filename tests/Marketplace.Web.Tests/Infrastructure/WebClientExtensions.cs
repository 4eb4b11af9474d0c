using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Features.Seeding;

namespace Marketplace.Web.Tests.Infrastructure;

public static partial class WebClientExtensions
{
    public const string Office = "office@demo.cio-marketplace.jp";
    public const string OsakaStaff = "osaka@demo.cio-marketplace.jp";
    public const string OzuStaff = "ozu@demo.cio-marketplace.jp";
    public const string MaibaraStaff = "maibara@demo.cio-marketplace.jp";
    public const string Expert = "expert@demo.cio-marketplace.jp";
    public const string Vendor = "vendor@demo.cio-marketplace.jp";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>The antiforgery token of a page this client can open (tokens are per user, not per page).</summary>
    public static async Task<string> TokenAsync(this HttpClient client, string pageUrl = "/account/login")
    {
        var html = await client.GetStringAsync(pageUrl);
        var m = TokenPattern().Match(html);
        Assert.True(m.Success, $"No antiforgery token on {pageUrl}");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string tokenPage = "/account/login", bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken) all.Add(new("__RequestVerificationToken", await client.TokenAsync(tokenPage)));
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = DemoDataSeeder.Password)
    {
        var response = await client.PostFormAsync("/account/login", [new("Input.Email", email), new("Input.Password", password)]);
        return response;
    }

    public static async Task<HttpClient> SignedInAsync(this MarketplaceFactory factory, string email)
    {
        var client = factory.NewClient();
        var response = await client.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("data-opening-id=\"(\\d+)\"")]
    private static partial Regex OpeningIdPattern();

    /// <summary>The opening ids listed on a search or management page, in page order.</summary>
    public static List<int> OpeningIds(string html) =>
        OpeningIdPattern().Matches(html).Select(m => int.Parse(m.Groups[1].Value)).ToList();

    /// <summary>The newest .eml in the folder whose recipient is <paramref name="to"/>, decoded.</summary>
    public static MimeKit.MimeMessage? LatestMailTo(string folder, string to)
    {
        if (!Directory.Exists(folder)) return null;
        return Directory.GetFiles(folder, "*.eml").OrderByDescending(f => f)
            .Select(f => MimeKit.MimeMessage.Load(f))
            .FirstOrDefault(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)));
    }

    [GeneratedRegex("https?://[^\\s]+")]
    private static partial Regex LinkPattern();

    /// <summary>The path and query of the first link in a mail's text body.</summary>
    public static string FirstLinkPath(MimeKit.MimeMessage mail)
    {
        var m = LinkPattern().Match(mail.TextBody ?? "");
        Assert.True(m.Success, "The mail has no link");
        var uri = new Uri(m.Value);
        return uri.PathAndQuery;
    }

    /// <summary>The path a redirect points to, whether the Location is relative or absolute.</summary>
    public static string LocationPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        Assert.NotNull(location);
        var absolute = location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location);
        return absolute.AbsolutePath;
    }

    /// <summary>Cookie authentication answers a forbidden page with a redirect to the access-denied page.</summary>
    public static void AssertAccessDenied(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Forbidden) return;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", LocationPath(response));
    }
}
