using System.Net;
using System.Text.Json;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Security;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Security;

/// <summary>
/// Passkeys (WebAuthn) as a second factor, driven by a software authenticator (<see cref="SoftPasskey"/>): adding and
/// naming one, signing in with it after the password, the requirement for office and staff met by a passkey alone,
/// what is refused (another account's passkey, a replayed answer, no ceremony), removal, and the office's reset.
/// </summary>
[Collection(PeopleCollection.Name)]
public sealed class PasskeyTests(MarketplaceFactory factory)
{
    private const string Password = "passkey-step-2026";
    private const string Add = "/account/two-factor/passkeys/add";
    private const string SignIn = "/account/two-factor/sign-in";

    private async Task<(string Id, string Email)> NewAccountAsync(string role, string? organizationCode = null)
    {
        var email = $"passkey-{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.jp";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        int? org = organizationCode is null ? null : await factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == organizationCode).Select(o => (int?)o.Id).SingleAsync());
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "鍵 花子", CreatedAt = DateTime.UtcNow, OrganizationId = org };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (user.Id, email);
    }

    /// <summary>A form post as a browser sends it, with the page's Origin (which Identity compares with the authenticator's).</summary>
    private static Task<HttpResponseMessage> BrowserPostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", "http://localhost");
        return client.SendAsync(request);
    }

    private Task<int> PasskeyCountAsync(string userId) => factory.WithDbAsync(db => db.UserPasskeys.CountAsync(p => p.UserId == userId));

    /// <summary>Adds a passkey through the page as the browser script does: options (with the name), then the credential.</summary>
    private static async Task<HttpResponseMessage> AddPasskeyAsync(HttpClient client, SoftPasskey key, string name, string? returnUrl = null)
    {
        var token = await client.TokenAsync(Add);
        var options = await client.PostAsync(Add + "?handler=Options", new FormUrlEncodedContent([new("Name", name), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var credential = key.Create(await options.Content.ReadAsStringAsync());
        var added = await BrowserPostAsync(client, Add, [new("Name", name), new("CredentialJson", credential), new("returnUrl", returnUrl ?? ""), new("__RequestVerificationToken", token)]);
        Assert.True(added.StatusCode == HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync());
        return added;
    }

    /// <summary>The second step with a passkey: the request options for this sign-in, then the signed answer.</summary>
    private static async Task<HttpResponseMessage> PasskeyStepAsync(HttpClient client, SoftPasskey key, Func<string, string>? tamper = null)
    {
        var token = await client.TokenAsync(SignIn);
        var options = await client.PostAsync(SignIn + "?handler=PasskeyOptions", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var answer = key.Get(await options.Content.ReadAsStringAsync());
        return await BrowserPostAsync(client, SignIn + "?handler=Passkey", [new("CredentialJson", tamper?.Invoke(answer) ?? answer), new("returnUrl", "/manage/openings"), new("__RequestVerificationToken", token)]);
    }

    [Fact]
    public async Task Staff_AddsAPasskey_ThenSignsInWithItInsteadOfTheCode()
    {
        var (id, email) = await NewAccountAsync(Roles.Staff, "270008");
        var staff = factory.NewClient();
        await staff.SignInAsync(email, Password); // enrols an authenticator app, as required
        using var key = new SoftPasskey();

        var added = await AddPasskeyAsync(staff, key, "事務室のパソコン");
        Assert.Equal("/account/two-factor", WebClientExtensions.LocationPath(added));
        var page = await staff.GetStringAsync("/account/two-factor");
        Assert.Contains("パスキー「事務室のパソコン」を登録しました。", page);
        Assert.Contains($"data-passkey-id=\"{key.Id}\"", page);
        Assert.Contains("<td>事務室のパソコン</td>", page);
        Assert.Equal(1, await PasskeyCountAsync(id));
        var osaka = await factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == "270008").Select(o => o.Id).SingleAsync());
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.PasskeyAdded && e.SubjectId == id && e.ActorUserId == id && e.OrganizationId == osaka && e.Detail == "事務室のパソコン")));

        // The password alone is not enough; the passkey completes the sign-in in place of the code.
        var client = factory.NewClient();
        Assert.Equal(SignIn, WebClientExtensions.LocationPath(await client.PasswordStepAsync(email, Password)));
        var step = await client.GetStringAsync(SignIn);
        Assert.Contains("id=\"Code\"", step);
        Assert.Contains("data-passkey=\"get\"", step);
        Assert.Contains("<script src=\"/js/passkeys.", step); // a static file (fingerprinted): the CSP allows no inline script
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(await client.GetAsync("/manage/openings")));
        var signedIn = await PasskeyStepAsync(client, key);
        Assert.Equal("/manage/openings", WebClientExtensions.LocationPath(signedIn));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/manage/openings")).StatusCode);
        // The signature count moved on with the use.
        var count = await factory.WithDbAsync(db => db.UserPasskeys.Where(p => p.UserId == id).Select(p => p.Data.SignCount).SingleAsync());
        Assert.Equal(1u, count);
    }

    [Fact]
    public async Task Staff_WithAPasskeyOnly_MeetsTheSecondFactorRule_AndCannotRemoveTheLastOne()
    {
        var (id, email) = await NewAccountAsync(Roles.Staff, "382078");
        var staff = factory.NewClient();
        Assert.Equal("/account/two-factor/enable", WebClientExtensions.LocationPath(await staff.PasswordStepAsync(email, Password)));
        Assert.Contains("/account/two-factor/passkeys/add?returnUrl=", await staff.GetStringAsync("/account/two-factor/enable"));
        Assert.Equal("/account/two-factor/enable", WebClientExtensions.LocationPath(await staff.GetAsync("/manage/openings")));
        // The add page is open before any second factor exists.
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(Add)).StatusCode);
        using var key = new SoftPasskey();
        Assert.Equal("/manage/openings", WebClientExtensions.LocationPath(await AddPasskeyAsync(staff, key, "セキュリティキー", "/manage/openings")));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/manage/openings")).StatusCode);

        // The next sign-in asks for the passkey (no code field: there is no authenticator app).
        var client = factory.NewClient();
        Assert.Equal(SignIn, WebClientExtensions.LocationPath(await client.PasswordStepAsync(email, Password)));
        var step = await client.GetStringAsync(SignIn);
        Assert.DoesNotContain("id=\"Code\"", step);
        Assert.Contains("登録したパスキーで本人確認をしてください。", step);
        Assert.Equal("/manage/openings", WebClientExtensions.LocationPath(await PasskeyStepAsync(client, key)));

        // Staff keep at least one second factor.
        var refused = await client.PostFormAsync($"/account/two-factor?handler=RemovePasskey&id={key.Id}", [], "/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("最後の二段階認証の手段は削除できません", await refused.Content.ReadAsStringAsync());
        Assert.Equal(1, await PasskeyCountAsync(id));
    }

    [Fact]
    public async Task SecondStep_RefusesAnotherAccountsPasskey_AReplay_AndAnAnswerWithoutAChallenge()
    {
        var (_, aliceEmail) = await NewAccountAsync(Roles.Expert);
        var (_, bobEmail) = await NewAccountAsync(Roles.Expert);
        using var aliceKey = new SoftPasskey();
        using var bobKey = new SoftPasskey();
        var alice = factory.NewClient();
        await alice.SignInAsync(aliceEmail, Password);
        Assert.Equal(HttpStatusCode.Redirect, (await AddPasskeyAsync(alice, aliceKey, "Alice")).StatusCode);
        var bob = factory.NewClient();
        await bob.SignInAsync(bobEmail, Password);
        Assert.Equal(HttpStatusCode.Redirect, (await AddPasskeyAsync(bob, bobKey, "Bob")).StatusCode);

        // Bob's password, then Alice's passkey: refused, and Bob is not signed in.
        var client = factory.NewClient();
        Assert.Equal(SignIn, WebClientExtensions.LocationPath(await client.PasswordStepAsync(bobEmail, Password)));
        var wrongKey = await PasskeyStepAsync(client, aliceKey);
        Assert.Equal(HttpStatusCode.OK, wrongKey.StatusCode);
        Assert.Contains("パスキーを確認できませんでした。", await wrongKey.Content.ReadAsStringAsync());
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(await client.GetAsync("/dashboard")));

        // An answer signed for another origin (a phishing site) is refused.
        bobKey.Origin = "http://evil.example";
        Assert.Equal(HttpStatusCode.OK, (await PasskeyStepAsync(client, bobKey)).StatusCode);
        bobKey.Origin = "http://localhost";

        // A right answer works once: replaying it (its challenge is spent) is refused.
        var token = await client.TokenAsync(SignIn);
        var options = await client.PostAsync(SignIn + "?handler=PasskeyOptions", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        var answer = bobKey.Get(await options.Content.ReadAsStringAsync());
        var first = await BrowserPostAsync(client, SignIn + "?handler=Passkey", [new("CredentialJson", answer), new("__RequestVerificationToken", token)]);
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(first));

        var again = factory.NewClient();
        Assert.Equal(SignIn, WebClientExtensions.LocationPath(await again.PasswordStepAsync(bobEmail, Password)));
        var againToken = await again.TokenAsync(SignIn);
        var replay = await BrowserPostAsync(again, SignIn + "?handler=Passkey", [new("CredentialJson", answer), new("__RequestVerificationToken", againToken)]);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(await again.GetAsync("/dashboard")));

        // Options are only given after the password step.
        var stranger = factory.NewClient();
        var noStep = await stranger.PostAsync(SignIn + "?handler=PasskeyOptions", new FormUrlEncodedContent([new("__RequestVerificationToken", await stranger.TokenAsync())]));
        Assert.Equal(HttpStatusCode.BadRequest, noStep.StatusCode);
    }

    [Fact]
    public async Task Add_SaysWhatToFix_AndRemoveIsAudited()
    {
        var (id, email) = await NewAccountAsync(Roles.Vendor);
        var vendor = factory.NewClient();
        await vendor.SignInAsync(email, Password);
        var token = await vendor.TokenAsync(Add);

        var missing = await vendor.PostAsync(Add + "?handler=Options", new FormUrlEncodedContent([new("Name", "  "), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        using (var json = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Name", json.RootElement.GetProperty("field").GetString());
            Assert.Equal("パスキーの名前を入力してください(例: 事務室のパソコン)。", json.RootElement.GetProperty("message").GetString());
        }
        var tooLong = await vendor.PostAsync(Add + "?handler=Options&culture=en", new FormUrlEncodedContent([new("Name", new string('x', 51)), new("__RequestVerificationToken", token)]));
        Assert.Contains("Keep the passkey name to 50 characters or fewer.", await tooLong.Content.ReadAsStringAsync());

        // A credential posted without the ceremony (or a second time) is refused with what to do.
        using var key = new SoftPasskey();
        var options = await vendor.PostAsync(Add + "?handler=Options", new FormUrlEncodedContent([new("Name", "私の鍵"), new("__RequestVerificationToken", token)]));
        var credential = key.Create(await options.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await BrowserPostAsync(vendor, Add, [new("Name", "私の鍵"), new("CredentialJson", credential), new("__RequestVerificationToken", token)])).StatusCode);
        var twice = await BrowserPostAsync(vendor, Add, [new("Name", "私の鍵"), new("CredentialJson", credential), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("もう一度「パスキーを作成して登録する」を押してください。", await twice.Content.ReadAsStringAsync());
        Assert.Equal(1, await PasskeyCountAsync(id));

        // Experts and vendors may remove their last one; the removal is audited.
        var removed = await vendor.PostFormAsync($"/account/two-factor?handler=RemovePasskey&id={key.Id}", [], "/account/two-factor");
        Assert.Equal("/account/two-factor", WebClientExtensions.LocationPath(removed));
        Assert.Equal(0, await PasskeyCountAsync(id));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.PasskeyRemoved && e.SubjectId == id && e.Detail == "私の鍵")));
        Assert.Equal("/dashboard", WebClientExtensions.LocationPath(await factory.NewClient().PasswordStepAsync(email, Password)));

        // Someone else's passkey id is not found.
        var other = await vendor.PostFormAsync("/account/two-factor?handler=RemovePasskey&id=AAAA", [], "/account/two-factor");
        Assert.Contains("そのパスキーは見つかりません。", await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OfficeReset_RemovesPasskeys_EndsSessions_AndMailsThePersonInTheirLanguage()
    {
        var (id, email) = await NewAccountAsync(Roles.Staff, "270008");
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, "en")));
        var person = factory.NewClient();
        await person.SignInAsync(email, Password);
        using var key = new SoftPasskey();
        await AddPasskeyAsync(person, key, "Laptop");
        Assert.Equal(1, await PasskeyCountAsync(id));

        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var list = await office.GetStringAsync("/admin/two-factor?q=" + Uri.EscapeDataString(email));
        Assert.Contains($"data-user-id=\"{id}\"", list);
        var ask = await office.PostFormAsync($"/admin/two-factor?handler=Reset&id={id}", [], "/admin/two-factor");
        Assert.Contains("id=\"confirm-passkeys\">1個</dd>", await ask.Content.ReadAsStringAsync());
        var reset = await office.PostFormAsync($"/admin/two-factor?handler=Reset&id={id}", [new("confirm", "true")], "/admin/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(0, await PasskeyCountAsync(id));
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(await person.GetAsync("/manage/openings")));

        var officeName = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.Office).Select(u => u.DisplayName).SingleAsync());
        var mail = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientUserId == id).OrderByDescending(m => m.Id).FirstAsync());
        Assert.Equal("[CIO Talent Marketplace] Your two-step verification was reset", mail.Subject);
        Assert.Contains($"The national office ({officeName}) reset the two-step verification of your account.", mail.TextBody);
        Assert.Contains("passkeys no longer work", mail.TextBody);
        Assert.Equal(email, mail.ToAddress);

        // The next sign-in asks to enrol again: the passkey no longer counts.
        Assert.Equal("/account/two-factor/enable", WebClientExtensions.LocationPath(await factory.NewClient().PasswordStepAsync(email, Password)));
    }

    [Fact]
    public async Task OfficeReset_MailsAJapaneseAccountInJapanese()
    {
        var (id, email) = await NewAccountAsync(Roles.Staff, "270008");
        await factory.NewClient().SignInAsync(email, Password);
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        await office.PostFormAsync($"/admin/two-factor?handler=Reset&id={id}", [new("confirm", "true")], "/admin/two-factor");
        var mail = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientUserId == id).OrderByDescending(m => m.Id).FirstAsync());
        Assert.Equal("【自治体CIO人材マーケットプレイス】二段階認証がリセットされました", mail.Subject);
        Assert.Contains("事務局(", mail.TextBody);
        Assert.Contains("二段階認証をリセットしました。", mail.TextBody);
        Assert.Contains("/account/login", mail.TextBody);
    }
}
