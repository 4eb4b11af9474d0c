using System.Net;
using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.Applications;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Security;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Tests.Infrastructure;
using Marketplace.Web.Tests.Localization;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Tests.Security;

/// <summary>The attack report's findings on the shared demo app: each test failed on the code before the fix.</summary>
[Collection(PeopleCollection.Name)]
public class SecurityTests(MarketplaceFactory factory)
{
    private const string Password = "test-pass-2026x";
    private static string UniqueEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.jp";

    private static List<KeyValuePair<string, string>> SignUp(string email, string password = Password, string name = "安全 太郎") =>
    [
        new("Input.Kind", "Expert"), new("Input.DisplayName", name), new("Input.Email", email),
        new("Input.Password", password), new("Input.ConfirmPassword", password),
    ];

    private async Task<string> ConfirmedExpertAsync(string name = "安全 太郎")
    {
        var email = UniqueEmail("sec");
        var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/account/register", SignUp(email, name: name))).StatusCode);
        var link = WebClientExtensions.FirstLinkPath((await factory.LatestMailToAsync(email))!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        return email;
    }

    [Fact]
    public async Task MailLinks_ComeFromTheConfiguredAddress_NotTheRequestsHostHeader()
    {
        var email = UniqueEmail("host");
        var cookies = new CookieContainer();
        var forged = factory.CreateDefaultClient(new Uri("http://evil.example/"), new CookieContainerHandler(cookies));
        var token = await forged.TokenAsync();
        var response = await forged.PostAsync("/account/register", new FormUrlEncodedContent([.. SignUp(email), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var mail = await factory.LatestMailToAsync(email);
        Assert.NotNull(mail);
        var site = factory.Services.GetRequiredService<IOptions<SiteOptions>>().Value.BaseUrl.TrimEnd('/');
        Assert.DoesNotContain("evil.example", mail.TextBody);
        Assert.DoesNotContain("evil.example", mail.HtmlBody);
        Assert.Contains(site + "/account/confirm-email?", mail.TextBody);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    public async Task CraftedReturnAddresses_FallBackToTheHomePage_InsteadOf500(string returnUrl)
    {
        var client = factory.NewClient();
        var login = await client.PostFormAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            [new("Input.Email", WebClientExtensions.Expert), new("Input.Password", Marketplace.Web.Features.Seeding.DemoDataSeeder.Password)]);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);

        var culture = await client.PostFormAsync("/culture", [new("culture", "en"), new("returnUrl", returnUrl)]);
        Assert.Equal(HttpStatusCode.Redirect, culture.StatusCode);
        Assert.Equal("/", culture.Headers.Location!.OriginalString);
    }

    [Fact]
    public void LocalUrlRule_AcceptsPathsAndRefusesEverythingElse()
    {
        Assert.True(Marketplace.Web.Infrastructure.PageModelExtensions.IsLocalUrl("/openings?q=DX"));
        Assert.True(Marketplace.Web.Infrastructure.PageModelExtensions.IsLocalUrl("/"));
        foreach (var bad in new[] { null, "", "//x", "/\\x", "/\t/x", "/a\r\nb", "http://x/", "javascript:alert(1)", "~//x" })
        {
            Assert.False(Marketplace.Web.Infrastructure.PageModelExtensions.IsLocalUrl(bad), bad);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/manage/openings")] // a redirect issued by authentication
    [InlineData("/no-such-page")] // an error page
    public async Task EveryResponse_CarriesTheSecurityHeaders_AndNoServerHeader(string url)
    {
        var response = await factory.NewClient().GetAsync(url);
        Assert.Equal(SecuritySetup.ContentSecurityPolicy, string.Join(' ', response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("default-src 'self'", SecuritySetup.ContentSecurityPolicy);
        Assert.DoesNotContain("unsafe-inline", SecuritySetup.ContentSecurityPolicy);
        Assert.Equal(SecuritySetup.PermissionsPolicy, string.Join(' ', response.Headers.GetValues("Permissions-Policy")));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // plain HTTP
    }

    [Fact]
    public async Task Https_GetsHsts_AndSecureCookies()
    {
        var cookies = new CookieContainer();
        var client = factory.CreateDefaultClient(new Uri("https://localhost/"), new CookieContainerHandler(cookies));
        var page = await client.GetAsync("/account/login");
        Assert.Equal(SecuritySetup.StrictTransportSecurity, page.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mp.af=", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var signIn = await client.SignInAsync(WebClientExtensions.Expert);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mp.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptOrStyle_SoTheCspBreaksNothing()
    {
        foreach (var url in new[] { "/", "/openings", "/calls", "/account/login", "/account/register", "/account/forgot-password" })
        {
            var html = await factory.NewClient().GetStringAsync(url);
            Assert.DoesNotContain(" style=\"", html);
            Assert.DoesNotContain("<style", html);
            Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html);
        }
    }

    /// <summary>
    /// The same rule for every page, signed in or not: a <c>style</c> attribute or inline script anywhere in the markup
    /// is refused by the browser under the CSP (the page then looks broken only in a real browser).
    /// </summary>
    [Fact]
    public void Markup_HasNoInlineStyleOrScript_AnywhereInThePages()
    {
        var pages = Path.Combine(LocalizationTests.RepoRootPath, "src", "Marketplace.Web", "Pages");
        var offenders = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => System.Text.RegularExpressions.Regex.IsMatch(x.line, "\\sstyle=\\\\?\"|<style|\\son(click|load|change|submit)=", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            .Select(x => $"{Path.GetRelativePath(pages, x.f)}:{x.i + 1}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData("@SUM(A1)")]
    [InlineData("＝1+1")]
    [InlineData("＋1")]
    [InlineData("－1")]
    [InlineData("＠SUM(A1)")]
    [InlineData("|calc")]
    [InlineData(";calc")]
    [InlineData("\tx")]
    [InlineData("\rx")]
    public void CsvCells_StartingWithAFormulaCharacter_AreDefused(string cell)
    {
        Assert.Equal("'" + cell, Csv.Defuse(cell));
        Assert.Equal("大阪府", Csv.Defuse("大阪府"));
    }

    [Theory]
    [InlineData("password12", true)]
    [InlineData("password", true)]
    [InlineData("qwertyuiop", true)]
    [InlineData("1234567890", true)]
    [InlineData("football2026!", true)]
    [InlineData("aaaaaaaaaaaa", true)]
    [InlineData("demo-pass-2026", false)]
    [InlineData("栗きんとんを十二月に", false)]
    public void CommonPasswords_AreRefused(string password, bool refused) =>
        Assert.Equal(refused, CommonPasswordValidator.IsGuessable(password, "someone@example.jp"));

    [Fact]
    public async Task SignUp_WithACommonPassword_IsRefusedWithAMessageAndNoAccount()
    {
        var email = UniqueEmail("weak");
        var response = await factory.NewClient().PostFormAsync("/account/register", SignUp(email, "password12"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("よく使われていて推測されやすい", await response.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task ConfirmationLink_WorksOnce()
    {
        var email = UniqueEmail("once");
        var client = factory.NewClient();
        await client.PostFormAsync("/account/register", SignUp(email));
        var link = WebClientExtensions.FirstLinkPath((await factory.LatestMailToAsync(email))!);
        Assert.Contains("メールアドレスを確認しました", await client.GetStringAsync(link));
        var again = await client.GetStringAsync(link);
        Assert.DoesNotContain("メールアドレスを確認しました", again);
    }

    [Fact]
    public async Task SignUp_WithARegisteredAddress_AnswersCheckYourMail_AndTellsTheOwner()
    {
        var response = await factory.NewClient().PostFormAsync("/account/register", SignUp(WebClientExtensions.Vendor));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/check-email", WebClientExtensions.LocationPath(response));
        var mail = await factory.LatestMailToAsync(WebClientExtensions.Vendor);
        Assert.NotNull(mail);
        Assert.Equal("【自治体CIO人材マーケットプレイス】このアドレスでの登録について", mail.Subject);
        Assert.Contains("/account/forgot-password", mail.TextBody);
    }

    [Fact]
    public async Task SignOut_EndsTheSession_ACopyOfTheCookieStopsWorking()
    {
        var email = await ConfirmedExpertAsync();
        var browser = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email, Password)).StatusCode);
        var copy = factory.NewClient(MarketplaceFactory.CopyOf(MarketplaceFactory.CookiesOf(browser)));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/account/notifications")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/account/logout", [], "/account/notifications")).StatusCode);

        var stale = await copy.GetAsync("/account/notifications");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(stale));
        Assert.False(await factory.WithDbAsync(db => db.UserSessions.AnyAsync(s => db.Users.Any(u => u.Id == s.UserId && u.Email == email))));
    }

    [Fact]
    public async Task ManyWrongPasswords_DoNotLockTheOwnerOut_AndUnknownAddressesGetTheSameAnswer()
    {
        var email = await ConfirmedExpertAsync();
        var stranger = factory.NewClient();
        string? knownAnswer = null;
        for (var i = 0; i < 6; i++)
        {
            var wrong = await stranger.SignInAsync(email, "wrong-pass-0000");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            knownAnswer = ErrorSummary(await wrong.Content.ReadAsStringAsync());
        }
        var unknown = await stranger.SignInAsync(UniqueEmail("nobody"), "wrong-pass-0000");
        Assert.Equal(knownAnswer, ErrorSummary(await unknown.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await factory.NewClient().SignInAsync(email, Password)).StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task FailedSignIns_AreThrottledPerAddress_KnownOrNot()
    {
        foreach (var email in new[] { await ConfirmedExpertAsync(), UniqueEmail("nobody") })
        {
            var client = factory.NewClient();
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(email, "wrong-pass-0000")).StatusCode);
            }
            var throttled = await client.SignInAsync(email, "wrong-pass-0000");
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.Contains("試行が多すぎます", await throttled.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task DeletingAnAccount_ErasesItsMailFromTheQueueAndTheMailFolder()
    {
        var name = "消去 " + Guid.NewGuid().ToString("N")[..8];
        var email = await ConfirmedExpertAsync(name); // its confirmation mail is queued and written as .eml
        Assert.NotNull(WebClientExtensions.LatestMailTo(factory.MailFolder, email));
        var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        var deleted = await client.PostFormAsync("/account/data?handler=Delete", [new("Input.Password", Password), new("Input.Confirm", "true")], "/account/data");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        Assert.False(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == email || m.TextBody.Contains(name))));
        Assert.Null(WebClientExtensions.LatestMailTo(factory.MailFolder, email));
        Assert.DoesNotContain(Directory.GetFiles(factory.MailFolder, "*.eml"), f => File.ReadAllText(f).Contains(email) || File.ReadAllText(f).Contains(name));
    }

    private static string ErrorSummary(string html)
    {
        var m = System.Text.RegularExpressions.Regex.Match(html, "class=\"error-summary\".*?<li>(.*?)</li>", System.Text.RegularExpressions.RegexOptions.Singleline);
        return m.Success ? m.Groups[1].Value : "";
    }
}
