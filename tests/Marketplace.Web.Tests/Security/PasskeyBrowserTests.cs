using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Security;

/// <summary>
/// Passkeys end to end in Debian's Chromium, with the DevTools protocol's virtual authenticator standing in for the
/// fingerprint reader: a staff account without any second factor adds a passkey from the enable page (the page script
/// asks for options, the browser makes the key, the form posts it), signs out, and signs in again with the password
/// and then the passkey. Every passkey page passes axe (WCAG 2.0 A/AA) and is saved as a screenshot.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
public sealed class PasskeyBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Password = "passkey-browser-2026";

    /// <summary>WebAuthn refuses an IP address as relying party: the browser opens the app as localhost.</summary>
    private string BaseUrl => fixture.App.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

    [ChromiumFact]
    public async Task Staff_AddsAPasskeyInTheBrowser_AndLaterSignsInWithIt()
    {
        var email = $"passkey-browser-{Guid.NewGuid():N}@example.jp";
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var org = await fixture.App.WithDbAsync(db => db.Organizations.Where(o => o.Code == "270008").Select(o => o.Id).SingleAsync());
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "鍵 一郎", CreatedAt = DateTime.UtcNow, OrganizationId = org };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Staff)).Succeeded);
        }

        var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        var failures = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") failures.Add(m.Text); };
        page.PageError += (_, e) => failures.Add(e);
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        var authenticatorId = added!.Value.GetProperty("authenticatorId").GetString()!;
        var violations = new List<string>();

        // The password, then the enable page, which offers a passkey instead of an authenticator app.
        await PasswordStepAsync(page, email);
        await page.WaitForURLAsync(url => url.Contains("/account/two-factor/enable"));
        await page.ClickAsync("#passkey-instead a");
        await page.WaitForURLAsync(url => url.Contains("/account/two-factor/passkeys/add"));
        violations.AddRange(await BrowserSession.Wcag2AaViolationsAsync(page, "add a passkey"));
        await ShotAsync(page, "passkey-add");

        // A name is required: the server says so before the browser makes any key.
        await page.ClickAsync("#passkey-create-form button[type=submit]");
        await page.WaitForSelectorAsync("#passkey-error:not([hidden])");
        Assert.Contains("パスキーの名前を入力してください", await page.InnerTextAsync("#passkey-error"));
        violations.AddRange(await BrowserSession.Wcag2AaViolationsAsync(page, "add a passkey with an error"));
        await ShotAsync(page, "passkey-add-error");
        // The browser logs that refusal (a 400) as a console error; from here on, none is expected.
        Assert.Single(failures, f => f.Contains("400", StringComparison.Ordinal));
        failures.Clear();

        await page.FillAsync("#Name", "テスト用の指紋センサー");
        await page.ClickAsync("#passkey-create-form button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/dashboard", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 30_000 });
        var credentials = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        Assert.Equal(1, credentials!.Value.GetProperty("credentials").GetArrayLength());

        // The account page lists it.
        await page.GotoAsync(BaseUrl + "/account/two-factor");
        Assert.Contains("テスト用の指紋センサー", await page.InnerTextAsync("#passkey-list"));
        violations.AddRange(await BrowserSession.Wcag2AaViolationsAsync(page, "second factor with a passkey"));
        await ShotAsync(page, "passkey-list");

        // Sign out, then in again: the password, then the passkey (no code field: there is no authenticator app).
        await page.EvaluateAsync("document.querySelector(\"form[action='/account/logout']\").submit()");
        await page.WaitForURLAsync(url => !url.Contains("/account/two-factor"));
        Assert.Equal("/account/login", new Uri((await page.GotoAsync(BaseUrl + "/manage/openings"))!.Url).AbsolutePath);
        await PasswordStepAsync(page, email);
        await page.WaitForURLAsync(url => url.Contains("/account/two-factor/sign-in"));
        Assert.Equal(0, await page.Locator("#Code").CountAsync());
        violations.AddRange(await BrowserSession.Wcag2AaViolationsAsync(page, "second step with a passkey"));
        await ShotAsync(page, "passkey-sign-in");
        await page.ClickAsync("#passkey-sign-in");
        await page.WaitForURLAsync(url => url.EndsWith("/dashboard", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 30_000 });
        var openings = await page.GotoAsync(BaseUrl + "/manage/openings");
        Assert.True(openings!.Ok, $"/manage/openings answered {openings.Status}");
        var signCount = (await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId }))!
            .Value.GetProperty("credentials")[0].GetProperty("signCount").GetInt32();
        Assert.True(signCount >= 1, $"sign count {signCount}");

        foreach (var v in violations) output.WriteLine(v);
        foreach (var f in failures) output.WriteLine(f);
        Assert.Empty(violations);
        Assert.Empty(failures);
        await context.CloseAsync();
    }

    private async Task PasswordStepAsync(IPage page, string email)
    {
        await page.GotoAsync(BaseUrl + "/account/login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", Password);
        await page.ClickAsync("main button[type=submit]");
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("MARKETPLACE_SCREENSHOTS") is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        output.WriteLine($"{name}: {page.Url} -> {file}");
    }
}
