using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
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

    /// <summary>The WCAG 2.0 A and AA rules; axe reports only violations (not every pass), which halves its work.</summary>
    private static readonly AxeRunOptions Wcag2Aa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>The axe violations of WCAG 2.0 A and AA on the page as it is now, each named with <paramref name="what"/>.</summary>
    public static async Task<List<string>> Wcag2AaViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(Wcag2Aa);
        return result.Violations.Select(v =>
            $"{what}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
    }
}
