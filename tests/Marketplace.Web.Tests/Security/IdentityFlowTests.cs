using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Marketplace.Web.Tests.Security;

/// <summary>
/// Forgotten password, password change, e-mail change and the sessions page end to end, with every mail delivered
/// to a real SMTP server (aiosmtpd) and its link followed.
/// </summary>
public sealed class IdentityFlowTests : IDisposable
{
    private const string Password = "test-pass-2026x";
    private const string NewPassword = "kitchen-window-2027";
    private readonly SmtpServer? _smtp;
    private readonly MarketplaceFactory _app;

    public IdentityFlowTests()
    {
        _smtp = SmtpServer.Executable is null ? null : new SmtpServer();
        _app = new MarketplaceFactory();
        _smtp?.Serve(_app);
    }

    public void Dispose()
    {
        _app.Dispose();
        _smtp?.Dispose();
    }

    private async Task<MimeMessage> MailAsync(string to, string subjectPart)
    {
        await _app.DeliverMailAsync();
        var mail = _smtp!.MessagesTo(to).LastOrDefault(m => m.Subject?.Contains(subjectPart) == true);
        Assert.True(mail is not null, $"no mail to {to} about {subjectPart}");
        return mail!;
    }

    private async Task<string> ExpertAsync()
    {
        var email = $"flow-{Guid.NewGuid():N}@example.jp";
        var client = _app.NewClient();
        var signUp = await client.PostFormAsync("/account/register",
        [
            new("Input.Kind", "Expert"), new("Input.DisplayName", "手続 花子"), new("Input.Email", email),
            new("Input.Password", Password), new("Input.ConfirmPassword", Password),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        var link = WebClientExtensions.FirstLinkPath(await MailAsync(email, "メールアドレスの確認"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        return email;
    }

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = _app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, password)).StatusCode);
        return client;
    }

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        var response = await client.GetAsync("/account/sessions");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(response));
    }

    [SmtpFact]
    public async Task ForgottenPassword_ResetByMail_LinkWorksOnce_AndEverySessionEnds()
    {
        var email = await ExpertAsync();
        var other = await SignedInAsync(email, Password);

        var stranger = _app.NewClient();
        var asked = await stranger.PostFormAsync("/account/forgot-password", [new("Email", email)]);
        var unknown = await stranger.PostFormAsync("/account/forgot-password", [new("Email", $"nobody-{Guid.NewGuid():N}@example.jp")]);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("入力されたアドレスにアカウントがあれば", await asked.Content.ReadAsStringAsync());
        Assert.Contains("入力されたアドレスにアカウントがあれば", await unknown.Content.ReadAsStringAsync());

        var link = WebClientExtensions.FirstLinkPath(await MailAsync(email, "パスワードの再設定"));
        Assert.StartsWith("/account/reset-password?", link);
        var form = await stranger.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query);
        List<KeyValuePair<string, string>> fields =
            [new("userId", query["userId"]!), new("code", query["code"]!), new("Input.Password", NewPassword), new("Input.ConfirmPassword", NewPassword)];

        var weak = await stranger.PostFormAsync("/account/reset-password", [new("userId", query["userId"]!), new("code", query["code"]!), new("Input.Password", "password12"), new("Input.ConfirmPassword", "password12")]);
        Assert.Contains("よく使われていて推測されやすい", await weak.Content.ReadAsStringAsync());

        var reset = await stranger.PostFormAsync("/account/reset-password", fields);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await AssertSignedOutAsync(other);
        Assert.Equal(HttpStatusCode.OK, (await stranger.SignInAsync(email, Password)).StatusCode); // old password refused
        await SignedInAsync(email, NewPassword);

        var again = await stranger.PostFormAsync("/account/reset-password", [.. fields.Take(2), new("Input.Password", "another-long-phrase-9"), new("Input.ConfirmPassword", "another-long-phrase-9")]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("すでに使われています", await again.Content.ReadAsStringAsync());
        await MailAsync(email, "パスワードが変更されました");
    }

    [SmtpFact]
    public async Task ChangingThePassword_KeepsThisBrowser_AndSignsOutTheOthers()
    {
        var email = await ExpertAsync();
        var here = await SignedInAsync(email, Password);
        var elsewhere = await SignedInAsync(email, Password);

        var wrong = await here.PostFormAsync("/account/password",
            [new("Input.CurrentPassword", "wrong-pass-0000"), new("Input.Password", NewPassword), new("Input.ConfirmPassword", NewPassword)], "/account/password");
        Assert.Contains("現在のパスワードが正しくありません", await wrong.Content.ReadAsStringAsync());

        var changed = await here.PostFormAsync("/account/password",
            [new("Input.CurrentPassword", Password), new("Input.Password", NewPassword), new("Input.ConfirmPassword", NewPassword)], "/account/password");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/account/sessions")).StatusCode);
        await AssertSignedOutAsync(elsewhere);
        await MailAsync(email, "パスワードが変更されました");
    }

    [SmtpFact]
    public async Task ChangingTheAddress_TakesEffectWhenTheNewAddressConfirms_Once()
    {
        var email = await ExpertAsync();
        var client = await SignedInAsync(email, Password);
        var newAddress = $"moved-{Guid.NewGuid():N}@example.jp";
        var asked = await client.PostFormAsync("/account/email", [new("Input.NewEmail", newAddress)], "/account/email");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("確認のリンクを送りました", await asked.Content.ReadAsStringAsync());
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email))); // not yet changed

        var link = WebClientExtensions.FirstLinkPath(await MailAsync(newAddress, "新しいメールアドレスの確認"));
        Assert.Contains("メールアドレスを変更しました", await _app.NewClient().GetStringAsync(link));
        Assert.Contains("リンクが正しくないか", await _app.NewClient().GetStringAsync(link));
        await MailAsync(email, "メールアドレスが変更されました");
        await SignedInAsync(newAddress, Password);
        Assert.Equal(HttpStatusCode.OK, (await _app.NewClient().SignInAsync(email, Password)).StatusCode); // old address no longer signs in
    }

    [SmtpFact]
    public async Task SessionsPage_ListsTheBrowsers_AndEndsOne()
    {
        var email = await ExpertAsync();
        var here = await SignedInAsync(email, Password);
        var elsewhere = await SignedInAsync(email, Password);
        var html = await here.GetStringAsync("/account/sessions");
        var ids = System.Text.RegularExpressions.Regex.Matches(html, "data-session-id=\"([0-9a-f]{32})\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Contains("このブラウザー", html);

        var current = System.Text.RegularExpressions.Regex.Match(html, "data-session-id=\"([0-9a-f]{32})\">\\s*<td>[^<]*<strong>").Groups[1].Value;
        var elsewhereId = ids.Single(id => id != current);
        var ended = await here.PostFormAsync("/account/sessions?handler=End", [new("id", elsewhereId)], "/account/sessions");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        await AssertSignedOutAsync(elsewhere);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/account/sessions")).StatusCode);
    }
}
