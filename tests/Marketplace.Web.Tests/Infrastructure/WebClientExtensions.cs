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

    /// <summary>
    /// Signs in as a person would: the password, then the second factor when the account has one (the demo office and
    /// staff have <see cref="DemoDataSeeder.AuthenticatorKey"/>), and for office or staff accounts without one, the
    /// enrolment that the sign-in leads to (the key is read from the enable page and kept for later sign-ins).
    /// Returns the redirect that ends the sign-in, or the page that refused it.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = DemoDataSeeder.Password, string? returnUrl = null)
    {
        var response = await client.PasswordStepAsync(email, password, returnUrl);
        if (response.StatusCode != HttpStatusCode.Redirect) return response;
        var path = LocationPath(response);
        if (path == "/account/two-factor/sign-in") return await client.SecondStepAsync(response.Headers.Location!.OriginalString, TotpCode(KeyOf(email)));
        if (path == "/account/two-factor/enable") await client.EnrolAsync(email);
        return response;
    }

    /// <summary>Only the password step of signing in.</summary>
    public static Task<HttpResponseMessage> PasswordStepAsync(this HttpClient client, string email, string password = DemoDataSeeder.Password, string? returnUrl = null) =>
        client.PostFormAsync(returnUrl is null ? "/account/login" : "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl), [new("Input.Email", email), new("Input.Password", password)]);

    /// <summary>Posts a code (or, with <paramref name="recovery"/>, a recovery code) on the second step of signing in.</summary>
    public static Task<HttpResponseMessage> SecondStepAsync(this HttpClient client, string stepUrl, string code, bool recovery = false) =>
        client.PostFormAsync(recovery ? "/account/two-factor/sign-in?handler=Recovery" : "/account/two-factor/sign-in",
            [new(recovery ? "RecoveryCode" : "Code", code), new("returnUrl", QueryOf(stepUrl, "returnUrl") ?? "")], stepUrl);

    /// <summary>Adds an authenticator on the enable page with the key it shows; returns the key and the recovery codes.</summary>
    public static async Task<(string Key, List<string> RecoveryCodes)> EnrolAsync(this HttpClient client, string email)
    {
        var page = await client.GetStringAsync("/account/two-factor/enable");
        var key = KeyPattern().Match(page);
        Assert.True(key.Success, "No authenticator key on the enable page");
        var enabled = await client.PostFormAsync("/account/two-factor/enable", [new("Code", TotpCode(key.Groups[1].Value))], "/account/two-factor/enable");
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var html = await enabled.Content.ReadAsStringAsync();
        var codes = RecoveryCodePattern().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        EnrolledKeys[email] = key.Groups[1].Value;
        return (key.Groups[1].Value, codes);
    }

    /// <summary>Keys the tests enrolled, by e-mail; every other account is a demo account with the fixed demo key.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> EnrolledKeys = new(StringComparer.OrdinalIgnoreCase);

    public static string KeyOf(string email) => EnrolledKeys.GetValueOrDefault(email, DemoDataSeeder.AuthenticatorKey);

    /// <summary>The current TOTP code of a Base32 key, computed with Otp.NET (independently of the app's Identity).</summary>
    public static string TotpCode(string base32Key, DateTime? at = null) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(base32Key)).ComputeTotp(at ?? DateTime.UtcNow);

    private static string? QueryOf(string url, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), url).Query).TryGetValue(name, out var v) ? v.ToString() : null;

    [GeneratedRegex("data-key=\"([A-Z2-7]+)\"")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCodePattern();

    /// <summary>
    /// A client signed in as the person, with the demo password: a new sign-in, or another tab of an earlier one on the
    /// same app while a new sign-in would give the same (see <see cref="KeptSessions"/>).
    /// </summary>
    public static async Task<HttpClient> SignedInAsync(this MarketplaceFactory factory, string email)
    {
        if (await factory.Sessions.ReuseAsync(email) is { } cookies) return factory.NewClient(cookies);
        var client = factory.NewClient();
        var response = await client.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await factory.Sessions.KeepAsync(email, client);
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
