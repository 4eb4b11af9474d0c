using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Security;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Security;

/// <summary>
/// The second factor: authenticator apps (TOTP, codes computed here with Otp.NET), recovery codes, the requirement
/// for the national office and local-government staff, and the office's audited reset.
/// </summary>
[Collection(PeopleCollection.Name)]
public sealed class TwoFactorTests(MarketplaceFactory factory)
{
    private const string Password = "second-factor-2026";
    private const string EnableJa = "/account/two-factor/enable";

    private async Task<(string Id, string Email)> NewAccountAsync(string role, string? organizationCode = null)
    {
        var email = $"2fa-{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.jp";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        int? org = organizationCode is null ? null : await factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == organizationCode).Select(o => (int?)o.Id).SingleAsync());
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "二要素 太郎", CreatedAt = DateTime.UtcNow, OrganizationId = org };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (user.Id, email);
    }

    private Task<bool> EnabledAsync(string id) => factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync());

    /// <summary>A six-digit code that is none of the key's codes around now (so it cannot pass by chance).</summary>
    private static string WrongCode(string key)
    {
        var near = new[] { -60, -30, 0, 30, 60 }.Select(s => WebClientExtensions.TotpCode(key, DateTime.UtcNow.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 100).Select(i => (int.Parse(WebClientExtensions.TotpCode(key)) + 1 + i * 7919) % 1_000_000).Select(n => n.ToString("D6")).First(c => !near.Contains(c));
    }

    [Theory]
    [InlineData(Roles.Staff, "270008")]
    [InlineData(Roles.NationalOffice, null)]
    public async Task OfficeAndStaff_WithoutSecondFactor_ReachNoPrivateData(string role, string? org)
    {
        var (id, email) = await NewAccountAsync(role, org);
        var client = factory.NewClient();
        var login = await client.PasswordStepAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(EnableJa, WebClientExtensions.LocationPath(login));

        var application = await factory.WithDbAsync(db => db.Applications.Select(a => a.Id).FirstAsync());
        var opening = await factory.WithDbAsync(db => db.Openings.Where(o => o.Organization!.Code == "270008").Select(o => o.Id).FirstAsync());
        foreach (var path in new[] { "/dashboard", "/manage/openings", $"/manage/openings/{opening}/applicants", $"/manage/applications/{application}", "/manage/audit", "/admin/audit", "/admin/staff-requests", "/account/data", "/account/sessions", "/" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} answered {response.StatusCode}");
            Assert.Equal(EnableJa, WebClientExtensions.LocationPath(response));
            Assert.Contains("returnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.OriginalString);
        }

        // Writes are refused too: nothing is created, nothing exported.
        var openings = await factory.WithDbAsync(db => db.Openings.CountAsync());
        var token = await client.TokenAsync(EnableJa);
        foreach (var path in new[] { "/manage/openings/new", "/manage/staff/invite", "/account/data?handler=Export", "/admin/organizations/import" })
        {
            var post = await client.PostAsync(path, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Title", "二要素なしの募集"), new("Email", "x@example.jp")]));
            Assert.True(post.StatusCode == HttpStatusCode.Redirect, $"POST {path} answered {post.StatusCode}");
            Assert.Equal(EnableJa, WebClientExtensions.LocationPath(post));
        }
        Assert.Equal(openings, await factory.WithDbAsync(db => db.Openings.CountAsync()));

        var api = await client.GetAsync("/api/openings");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains(EnableJa, await api.Content.ReadAsStringAsync());

        // What stays open: the set-up pages, help, static files, sign-out.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(EnableJa)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/help")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
        Assert.False(await EnabledAsync(id));

        // Once enrolled, the same pages open.
        await client.EnrolAsync(email);
        Assert.True(await EnabledAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/openings")).StatusCode);
        var logout = await client.PostFormAsync("/account/logout", [], "/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
    }

    [Fact]
    public async Task Enable_WrongOrMalformedCode_RefusedWithWhatToFix()
    {
        var (id, email) = await NewAccountAsync(Roles.Staff, "382078");
        var client = factory.NewClient();
        await client.PasswordStepAsync(email, Password);
        var page = await client.GetStringAsync(EnableJa);
        Assert.Contains("<img class=\"qr-code\" src=\"data:image/png;base64,", page);
        var key = System.Text.RegularExpressions.Regex.Match(page, "data-key=\"([A-Z2-7]+)\"").Groups[1].Value;
        // The key is also shown grouped by four for typing.
        Assert.Contains($">{string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)))}</code>", page);

        var wrong = await client.PostFormAsync(EnableJa, [new("Code", WrongCode(key))], EnableJa);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("コードが一致しません。QRコードを読み取った(または鍵を入力した)アプリに今表示されている6桁を入力してください。", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Contains($"data-key=\"{key}\"", html); // the same key again, not a new one

        var shortCode = await client.PostFormAsync(EnableJa, [new("Code", "12345")], EnableJa);
        Assert.Contains("コードは6桁の数字で入力してください(例: 123456)。", await shortCode.Content.ReadAsStringAsync());
        var empty = await client.PostFormAsync(EnableJa, [new("Code", "")], EnableJa);
        Assert.Contains("6桁のコードを入力してください。", await empty.Content.ReadAsStringAsync());
        Assert.False(await EnabledAsync(id));

        var english = await client.PostFormAsync(EnableJa + "?culture=en", [new("Code", "abc")], EnableJa);
        Assert.Contains("Enter the code as 6 digits (for example 123456).", await english.Content.ReadAsStringAsync());

        // Full-width digits with a space are what a Japanese keyboard may send: accepted.
        var code = WebClientExtensions.TotpCode(key);
        var fullWidth = string.Concat(code.Select(c => (char)(c - '0' + '０'))).Insert(3, " ");
        var right = await client.PostFormAsync(EnableJa, [new("Code", fullWidth)], EnableJa);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("id=\"recovery-codes\"", await right.Content.ReadAsStringAsync());
        Assert.True(right.Headers.CacheControl?.NoStore, "the recovery codes are not kept in any cache");
        Assert.True(await EnabledAsync(id));
        var org = await factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == "382078").Select(o => o.Id).SingleAsync());
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TwoFactorEnabled && e.SubjectId == id && e.ActorUserId == id && e.OrganizationId == org)));
    }

    [Fact]
    public async Task SignIn_NeedsTheCode_AndEachRecoveryCodeWorksOnce()
    {
        var (_, email) = await NewAccountAsync(Roles.Staff, "270008");
        var first = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await first.PasswordStepAsync(email, Password)).StatusCode);
        var (key, codes) = await first.EnrolAsync(email);
        Assert.Equal(10, codes.Distinct().Count());
        // Shown once: the account page shows how many are left, not the codes.
        var account = await first.GetStringAsync("/account/two-factor");
        Assert.DoesNotContain(codes[0], account);

        // The password alone signs nobody in: no auth cookie until the second step.
        var client = factory.NewClient();
        var password = await client.PasswordStepAsync(email, Password);
        Assert.Equal("/account/two-factor/sign-in", WebClientExtensions.LocationPath(password));
        var blocked = await client.GetAsync("/dashboard");
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(blocked));
        var step = password.Headers.Location!.OriginalString;
        var wrong = await client.SecondStepAsync(step, WrongCode(key));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("コードが正しくありません。認証アプリに今表示されている6桁を入力してください。", await wrong.Content.ReadAsStringAsync());
        var right = await client.SecondStepAsync(step, WebClientExtensions.TotpCode(key));
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(right));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/manage/openings")).StatusCode);

        var withRecovery = factory.NewClient();
        step = (await withRecovery.PasswordStepAsync(email, Password)).Headers.Location!.OriginalString;
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(await withRecovery.SecondStepAsync(step, codes[3], recovery: true)));
        Assert.Equal(HttpStatusCode.OK, (await withRecovery.GetAsync("/manage/openings")).StatusCode);
        Assert.Contains("<dd>9</dd>", await withRecovery.GetStringAsync("/account/two-factor"));

        var again = factory.NewClient();
        step = (await again.PasswordStepAsync(email, Password)).Headers.Location!.OriginalString;
        var reused = await again.SecondStepAsync(step, codes[3], recovery: true);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("回復コードが正しくないか、すでに使われています。", await reused.Content.ReadAsStringAsync());
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(await again.GetAsync("/dashboard")));
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(await again.SecondStepAsync(step, codes[4], recovery: true)));

        // New recovery codes replace the old ones.
        var renewed = await first.PostFormAsync("/account/two-factor?handler=RecoveryCodes", [], "/account/two-factor");
        var newCodes = System.Text.RegularExpressions.Regex.Matches(await renewed.Content.ReadAsStringAsync(), "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, newCodes.Count);
        var late = factory.NewClient();
        step = (await late.PasswordStepAsync(email, Password)).Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.OK, (await late.SecondStepAsync(step, codes[5], recovery: true)).StatusCode);
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(await late.SecondStepAsync(step, newCodes[0], recovery: true)));
    }

    [Fact]
    public async Task DemoStaff_SignsInWithTheFixedDemoKey()
    {
        var client = factory.NewClient();
        var password = await client.PasswordStepAsync(WebClientExtensions.OsakaStaff);
        Assert.Equal("/account/two-factor/sign-in", WebClientExtensions.LocationPath(password));
        var code = WebClientExtensions.TotpCode(Marketplace.Web.Features.Seeding.DemoDataSeeder.AuthenticatorKey);
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(await client.SecondStepAsync(password.Headers.Location!.OriginalString, code)));
        // Experts and vendors are not asked for one.
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(await factory.NewClient().PasswordStepAsync(WebClientExtensions.Expert)));
    }

    /// <summary>
    /// RFC 6238 §5.2: a code is accepted once. The same code signed a second session in within its minute (helper review,
    /// stop 32); now the second try is refused, and a code of a later time step works. The suite's other apps turn the
    /// check off (see MarketplaceFactory.Settings); this one has it on, as the product does.
    /// </summary>
    [Fact]
    public async Task SameAuthenticatorCodeTwice_SecondRefused_ALaterCodeWorks()
    {
        using var app = new MarketplaceFactory();
        app.Settings["TwoFactor:RefuseReusedCodes"] = "true";
        var key = Marketplace.Web.Features.Seeding.DemoDataSeeder.AuthenticatorKey;
        var code = WebClientExtensions.TotpCode(key);

        async Task<HttpResponseMessage> SecondStepAsync(string withCode)
        {
            var client = app.NewClient();
            var password = await client.PasswordStepAsync(WebClientExtensions.OsakaStaff);
            Assert.Equal("/account/two-factor/sign-in", WebClientExtensions.LocationPath(password));
            return await client.SecondStepAsync(password.Headers.Location!.OriginalString, withCode);
        }

        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(await SecondStepAsync(code)));
        var again = await SecondStepAsync(code);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("aria-invalid=\"true\"", await again.Content.ReadAsStringAsync());
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(await SecondStepAsync(WebClientExtensions.TotpCode(key, DateTime.UtcNow.AddSeconds(30)))));
    }

    /// <summary>
    /// A browser becomes known to an account (its failures counted on their own, SignInDevices) only after both steps:
    /// a password alone must not earn a fresh throttle bucket for guessing the six digits. Once known, it passes both
    /// steps while strangers' wrong passwords throttle the account.
    /// </summary>
    [Fact]
    public async Task KnownBrowser_OnlyAfterBothSteps_ThenPassesBothWhileStrangersThrottleTheAccount()
    {
        var (id, email) = await NewAccountAsync(Roles.Expert);
        string key;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        bool Known(HttpClient c) => MarketplaceFactory.CookiesOf(c).GetAllCookies().Any(k => k.Name == Marketplace.Web.Features.Security.SignInDevices.CookieName);

        var owner = factory.NewClient();
        var password = await owner.PasswordStepAsync(email, Password);
        Assert.Equal("/account/two-factor/sign-in", WebClientExtensions.LocationPath(password));
        Assert.False(Known(owner));
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(await owner.SecondStepAsync(password.Headers.Location!.OriginalString, WebClientExtensions.TotpCode(key))));
        Assert.True(Known(owner));

        var stranger = factory.NewClient();
        for (var i = 0; i < 10; i++) await stranger.PasswordStepAsync(email, "wrong-pass-0000");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.PasswordStepAsync(email, "wrong-pass-0000")).StatusCode);

        var jar = new System.Net.CookieContainer();
        foreach (System.Net.Cookie c in MarketplaceFactory.CookiesOf(owner).GetAllCookies())
        {
            if (c.Name == Marketplace.Web.Features.Security.SignInDevices.CookieName) jar.Add(c);
        }
        var later = factory.NewClient(jar);
        var again = await later.PasswordStepAsync(email, Password);
        Assert.Equal("/account/two-factor/sign-in", WebClientExtensions.LocationPath(again));
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(await later.SecondStepAsync(again.Headers.Location!.OriginalString, WebClientExtensions.TotpCode(key))));
    }

    [Fact]
    public async Task OfficeReset_NeedsConfirmation_IsAudited_AndSignsThePersonOut()
    {
        var (id, email) = await NewAccountAsync(Roles.Staff, "270008");
        var person = factory.NewClient();
        await person.SignInAsync(email, Password);
        Assert.True(await EnabledAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/manage/openings")).StatusCode);

        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var list = await office.GetStringAsync("/admin/two-factor?q=" + Uri.EscapeDataString(email));
        Assert.Contains($"data-user-id=\"{id}\"", list);
        var ask = await office.PostFormAsync($"/admin/two-factor?handler=Reset&id={id}", [], "/admin/two-factor");
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("id=\"confirm-form\"", await ask.Content.ReadAsStringAsync());
        Assert.True(await EnabledAsync(id)); // nothing happens before the confirmation

        var reset = await office.PostFormAsync($"/admin/two-factor?handler=Reset&id={id}", [new("confirm", "true")], "/admin/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.False(await EnabledAsync(id));
        var officeId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.Office).Select(u => u.Id).SingleAsync());
        var osaka = await factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == "270008").Select(o => o.Id).SingleAsync());
        var entry = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.TwoFactorResetByOffice && e.SubjectId == id));
        Assert.Equal(officeId, entry.ActorUserId);
        Assert.Equal(osaka, entry.OrganizationId);
        Assert.Contains($"user {id}", await office.GetStringAsync("/admin/audit?action=two_factor.office_reset"));

        // Every session of the person ended; the next sign-in asks to enrol again.
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(await person.GetAsync("/manage/openings")));
        Assert.Equal(EnableJa, WebClientExtensions.LocationPath(await factory.NewClient().PasswordStepAsync(email, Password)));
    }

    [Fact]
    public async Task StaffOfAGovernment_CannotResetAnyonesSecondFactor()
    {
        var (id, email) = await NewAccountAsync(Roles.Staff, "270008");
        await factory.NewClient().SignInAsync(email, Password);
        Assert.True(await EnabledAsync(id));
        var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.TwoFactorResetByOffice));

        var colleague = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        WebClientExtensions.AssertAccessDenied(await colleague.GetAsync("/admin/two-factor?q=" + Uri.EscapeDataString(email)));
        var token = await colleague.TokenAsync("/manage/openings");
        var post = await colleague.PostAsync($"/admin/two-factor?handler=Reset&id={id}", new FormUrlEncodedContent([new("confirm", "true"), new("__RequestVerificationToken", token)]));
        WebClientExtensions.AssertAccessDenied(post);
        var expert = await factory.SignedInAsync(WebClientExtensions.Expert);
        WebClientExtensions.AssertAccessDenied(await expert.PostAsync($"/admin/two-factor?handler=Reset&id={id}",
            new FormUrlEncodedContent([new("confirm", "true"), new("__RequestVerificationToken", await expert.TokenAsync("/account/two-factor"))])));

        Assert.True(await EnabledAsync(id));
        Assert.Equal(before, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.TwoFactorResetByOffice)));
    }

    [Fact]
    public async Task Expert_MayTurnItOnAndOff_StaffMayNotTurnItOff()
    {
        var (id, email) = await NewAccountAsync(Roles.Expert);
        var expert = factory.NewClient();
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(await expert.SignInAsync(email, Password)));
        Assert.Contains("id=\"two-factor-offer\"", await expert.GetStringAsync("/account/password"));
        await expert.EnrolAsync(email);
        Assert.Equal("/account/two-factor/sign-in", WebClientExtensions.LocationPath(await factory.NewClient().PasswordStepAsync(email, Password)));
        var off = await expert.PostFormAsync("/account/two-factor?handler=Disable", [], "/account/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await EnabledAsync(id));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TwoFactorDisabled && e.SubjectId == id)));
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(await factory.NewClient().PasswordStepAsync(email, Password)));

        var (staffId, staffEmail) = await NewAccountAsync(Roles.Staff, "270008");
        var staff = factory.NewClient();
        await staff.SignInAsync(staffEmail, Password);
        var refused = await staff.PostFormAsync("/account/two-factor?handler=Disable", [], "/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("事務局と自治体職員のアカウントでは二段階認証をやめられません。", await refused.Content.ReadAsStringAsync());
        Assert.True(await EnabledAsync(staffId));

        // Moving to a new device: a new key, enrolment again before anything else.
        var reset = await staff.PostFormAsync("/account/two-factor?handler=Reset", [], "/account/two-factor");
        Assert.Equal(EnableJa, WebClientExtensions.LocationPath(reset));
        Assert.Equal(EnableJa, WebClientExtensions.LocationPath(await staff.GetAsync("/manage/openings")));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TwoFactorReset && e.SubjectId == staffId)));
        await staff.EnrolAsync(staffEmail);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/manage/openings")).StatusCode);
    }
}
