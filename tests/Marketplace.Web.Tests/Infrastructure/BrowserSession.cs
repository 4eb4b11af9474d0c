using Deque.AxeCore.Commons;
using Marketplace.Web.Features.Seeding;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright, and signing in through the real sign-in page.</summary>
public static class BrowserSession
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumFactAttribute.ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    /// <summary>A new Japanese-language browser context and page, signed in as <paramref name="email"/> when given.</summary>
    public static async Task<IPage> PageAsync(IBrowser browser, string baseUrl, string? email, ITestOutputHelper output)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        if (email is null) return page;
        // Twice at most: on the PostgreSQL pass of CI this sign-in has twice stayed on the sign-in page (cause not
        // found yet); the first attempt's page text goes to the test output so that the next failure says why.
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync(baseUrl + "/account/login");
            await page.FillAsync("#Input_Email", email);
            await page.FillAsync("#Input_Password", DemoDataSeeder.Password);
            await page.ClickAsync("main button[type=submit]");
            try
            {
                // The redirect away from the sign-in page itself (a load-state wait can race the navigation).
                await page.WaitForURLAsync(url => !url.Contains("/account/login"), new PageWaitForURLOptions { Timeout = 30_000 });
                if (page.Url.Contains("/account/two-factor/sign-in", StringComparison.Ordinal))
                {
                    // The second step, with the code of the demo account's fixed authenticator key.
                    await page.FillAsync("#Code", WebClientExtensions.TotpCode(WebClientExtensions.KeyOf(email)));
                    await page.ClickAsync("main button[type=submit]");
                    await page.WaitForURLAsync(url => !url.Contains("/account/two-factor/sign-in"), new PageWaitForURLOptions { Timeout = 30_000 });
                }
                return page;
            }
            catch (TimeoutException)
            {
                var text = await page.InnerTextAsync("body");
                var what = $"sign-in as {email} stayed at {page.Url}: {text[..Math.Min(text.Length, 600)]}";
                output.WriteLine($"attempt {attempt}: {what}");
                if (attempt == 2) throw new Xunit.Sdk.XunitException(what);
            }
        }
    }

    /// <summary>axe-core's script as the Deque.AxeCore.Commons package ships it.</summary>
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        using var stream = typeof(AxeResult).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is missing from Deque.AxeCore.Commons");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// Runs axe on the document for the WCAG 2.0 A and AA rules and returns only the violations (not every pass, which
    /// halves axe's work). axe is injected through the DevTools protocol (the pages' CSP allows no inline script) and
    /// run with <c>axe.run</c> in the page itself: Deque's <c>RunAxe</c> runs each frame with <c>runPartial</c> and
    /// then opens a blank page for <c>finishRun</c>, which took most of each check's seconds; our pages have no frames.
    /// </summary>
    private const string RunWcag2Aa = """
        async () => {
          const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
          return result.violations.map(v => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }));
        }
        """;

    /// <summary>The axe violations of WCAG 2.0 A and AA on the page as it is now, each named with <paramref name="what"/>.</summary>
    public static async Task<List<string>> Wcag2AaViolationsAsync(IPage page, string what)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await page.EvaluateAsync(AxeSource.Value);
        var violations = (await page.EvaluateAsync<System.Text.Json.JsonElement>(RunWcag2Aa)).EnumerateArray();
        return violations.Select(v => $"{what}: {v.GetProperty("id")} ({v.GetProperty("impact")}) {v.GetProperty("help")}: " +
            string.Join(" | ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))).ToList();
    }
}
