using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Matching;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Localization;
using Marketplace.Web.Tests.Applications;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Notifications;

/// <summary>Preferences, the recommendations digest with its unsubscribe link, and deadline jobs.</summary>
public sealed class NotificationPreferenceTests : IDisposable
{
    private readonly MarketplaceFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private Task<string> UserIdAsync(string email) => _app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private static async Task<HttpResponseMessage> SavePreferencesAsync(HttpClient client, string digest, params string[] enabled)
    {
        var page = await client.GetStringAsync("/account/notifications");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"token\" value=\"([^\"]*)\"").Groups[1].Value;
        var fields = enabled.Select(k => new KeyValuePair<string, string>("enabled", k)).Append(new("digest", digest)).Append(new("token", token));
        return await client.PostFormAsync("/account/notifications", fields, "/account/notifications");
    }

    private Task<List<OutboxMessage>> OutboxAsync(string address, string kind) =>
        _app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == address && m.Kind == kind).ToListAsync());

    private Task<int> RunDigestAsync() => InScopeAsync(sp => sp.GetRequiredService<RecommendationDigest>().SendDueAsync());

    [Fact]
    public async Task Digest_ListsTheExpertsRecommendations_NeverRepeats_AndItsLinkUnsubscribesWithoutSignIn()
    {
        var (email, _) = await _app.CreateExpertAsync("要約 受取");
        var userId = await UserIdAsync(email);
        var expert = await _app.SignedInAsync(email);
        Assert.Equal(0, await RunDigestAsync()); // not opted in

        Assert.Equal(HttpStatusCode.Redirect, (await SavePreferencesAsync(expert, "Daily", NotificationKinds.ApplicationStage)).StatusCode);
        var expected = await InScopeAsync(async sp => (await sp.GetRequiredService<MatchingService>().OpeningsForAsync(userId, 50)).Openings
            .Take(RecommendationDigest.ItemsPerDigest).Select(r => r.Opening.Id).ToList());
        Assert.NotEmpty(expected);

        Assert.Equal(1, await RunDigestAsync());
        var mail = await _app.LatestMailToAsync(email);
        Assert.NotNull(mail);
        Assert.Equal($"【自治体CIO人材マーケットプレイス】あなたへのおすすめ募集 {expected.Count} 件", mail.Subject);
        var positions = expected.Select(id => mail.TextBody!.IndexOf($"/openings/{id}\n", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, "every recommended opening is in the digest"));
        Assert.Equal(positions.Order(), positions); // best first
        Assert.NotNull(mail.Headers["List-Unsubscribe"]);

        Assert.Equal(0, await RunDigestAsync()); // daily: not due again the same day
        _app.Clock.Advance(TimeSpan.FromDays(1));
        await RunDigestAsync();
        var second = await _app.WithDbAsync(db => db.DigestItems.Where(d => d.UserId == userId).GroupBy(d => d.OpeningId).Select(g => g.Count()).ToListAsync());
        Assert.All(second, count => Assert.Equal(1, count)); // no opening is sent twice

        var link = WebClientExtensions.FirstLinkPath(mail);
        var unsubscribe = mail.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/notifications/unsubscribe?token="));
        var path = new Uri(unsubscribe[unsubscribe.IndexOf("http", StringComparison.Ordinal)..]).PathAndQuery;
        var anonymous = _app.NewClient();
        var stopped = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Contains("配信を停止しました", await stopped.Content.ReadAsStringAsync());
        Assert.Equal(DigestFrequency.Off, await _app.WithDbAsync(db => db.NotificationSettings.Where(s => s.UserId == userId).Select(s => s.Digest).SingleAsync()));
        _app.Clock.Advance(TimeSpan.FromDays(2));
        var before = await _app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.RecipientUserId == userId && m.Kind == NotificationKinds.RecommendationDigest));
        await RunDigestAsync();
        Assert.Equal(before, await _app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.RecipientUserId == userId && m.Kind == NotificationKinds.RecommendationDigest)));
        Assert.NotEqual(path, link);
    }

    [Fact]
    public async Task UnsubscribeLink_Tampered_IsRefused_OneClickPostFromAMailClientWorks()
    {
        var (email, _) = await _app.CreateExpertAsync("解除 確認");
        var userId = await UserIdAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await SavePreferencesAsync(await _app.SignedInAsync(email), "Weekly")).StatusCode);
        var token = await InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<NotificationPreferences>().UnsubscribeToken(userId)));

        var anonymous = _app.NewClient();
        var tampered = await anonymous.GetAsync($"/notifications/unsubscribe?token={Uri.EscapeDataString(token[..^2] + "xx")}");
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"/notifications/unsubscribe?token={Uri.EscapeDataString(userId)}")).StatusCode);
        Assert.Equal(DigestFrequency.Weekly, await _app.WithDbAsync(db => db.NotificationSettings.Where(s => s.UserId == userId).Select(s => s.Digest).SingleAsync()));

        // RFC 8058: the client POSTs "List-Unsubscribe=One-Click" to the link, with no cookie and no antiforgery token.
        var oneClick = await anonymous.PostAsync($"/notifications/unsubscribe?token={Uri.EscapeDataString(token)}",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal(DigestFrequency.Off, await _app.WithDbAsync(db => db.NotificationSettings.Where(s => s.UserId == userId).Select(s => s.Digest).SingleAsync()));
    }

    [Fact]
    public async Task SwitchedOffKinds_AreNotWritten_OtherKindsAre_AndEachUserOnlySetsTheirOwn()
    {
        var (email, profileId) = await _app.CreateExpertAsync("設定 確認");
        var expert = await _app.SignedInAsync(email);
        // The expert keeps messages but switches stage changes off.
        Assert.Equal(HttpStatusCode.Redirect, (await SavePreferencesAsync(expert, "Off", NotificationKinds.ApplicationMessage, NotificationKinds.ExpertInvitation)).StatusCode);
        // The staff member switches new-application mail off; the page offers only staff kinds.
        var ozu = await _app.SignedInAsync(WebClientExtensions.OzuStaff);
        var staffPage = await ozu.GetStringAsync("/account/notifications");
        Assert.Contains("自団体の募集への新しい応募", staffPage);
        Assert.DoesNotContain("自治体からの応募依頼", staffPage);
        Assert.DoesNotContain("name=\"digest\"", staffPage);
        Assert.Equal(HttpStatusCode.Redirect, (await SavePreferencesAsync(ozu, "Daily", NotificationKinds.ApplicationMessage)).StatusCode);

        var opening = await _app.WithDbAsync(db => db.Openings.Where(o => o.Title == "CDO補佐官（デジタル変革推進）").Select(o => o.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await ApplicationFlowTests.ApplyAsync(expert, opening)).StatusCode);
        Assert.Empty(await OutboxAsync(WebClientExtensions.OzuStaff, NotificationKinds.NewApplication));
        var id = await _app.WithDbAsync(db => db.Applications.Where(a => a.ExpertProfileId == profileId).Select(a => a.Id).SingleAsync());
        var token = await _app.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.Applications.SingleAsync(a => a.Id == id)));
        await ozu.PostFormAsync($"/manage/applications/{id}?handler=Move", [new("toStage", Stages.Interviewed), new("reason", "通過"), new("token", token)], "/manage/openings");
        await ozu.PostFormAsync($"/manage/applications/{id}?handler=Message", [new("body", "日程をご相談させてください。")], "/manage/openings");
        Assert.Empty(await OutboxAsync(email, NotificationKinds.ApplicationStage));
        Assert.Single(await OutboxAsync(email, NotificationKinds.ApplicationMessage));

        // A staff account cannot turn the digest on for itself, and no request field names another user.
        var ozuId = await UserIdAsync(WebClientExtensions.OzuStaff);
        Assert.Equal(DigestFrequency.Off, await _app.WithDbAsync(db => db.NotificationSettings.Where(s => s.UserId == ozuId).Select(s => s.Digest).SingleAsync()));
        var expertId = await UserIdAsync(email);
        var expertSettings = await _app.WithDbAsync(db => db.NotificationSettings.AsNoTracking().SingleAsync(s => s.UserId == expertId));
        Assert.Contains(NotificationKinds.ApplicationStage, expertSettings.DisabledKinds);
        Assert.DoesNotContain(NotificationKinds.NewApplication, expertSettings.DisabledKinds);
    }

    [Fact]
    public async Task DeadlineJobs_RemindOnceTheDayBefore_ThenCloseTheOpeningAndTellTheStaff()
    {
        var (email, profileId) = await _app.CreateExpertAsync("締切 確認");
        var today = DisplayFormatter.TodayInJapan(_app.Clock);
        var opening = await _app.WithDbAsync(async db =>
        {
            var o = await db.Openings.SingleAsync(x => x.Title == "CDO補佐官（デジタル変革推進）");
            o.ApplicationDeadline = today.AddDays(1);
            db.ExpertInvitations.Add(new ExpertInvitation { OpeningId = o.Id, ExpertProfileId = profileId, InvitedByUserId = "", Message = "", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return o.Id;
        });
        var jobs = (Func<Marketplace.Web.Features.Openings.OpeningDeadlines, Task<int>> run) => InScopeAsync(sp => run(sp.GetRequiredService<Marketplace.Web.Features.Openings.OpeningDeadlines>()));

        Assert.True(await jobs(j => j.RemindApplicationDeadlinesAsync()) >= 2);
        Assert.Equal(0, await jobs(j => j.RemindApplicationDeadlinesAsync())); // once per person
        var reminder = await _app.LatestMailToAsync(email);
        Assert.NotNull(reminder);
        Assert.Equal("【自治体CIO人材マーケットプレイス】「CDO補佐官（デジタル変革推進）」の応募締切は明日です", reminder.Subject);
        Assert.Single(await OutboxAsync(WebClientExtensions.OzuStaff, NotificationKinds.DeadlineReminder));

        Assert.Equal(0, await jobs(j => j.CloseExpiredOpeningsAsync())); // not past yet
        _app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.True(await jobs(j => j.CloseExpiredOpeningsAsync()) >= 1);
        Assert.Equal(OpeningStatus.Closed, await _app.WithDbAsync(db => db.Openings.Where(o => o.Id == opening).Select(o => o.Status).SingleAsync()));
        var closed = await OutboxAsync(WebClientExtensions.OzuStaff, NotificationKinds.OpeningClosed);
        Assert.Contains(closed, m => m.Subject == "【自治体CIO人材マーケットプレイス】「CDO補佐官（デジタル変革推進）」の募集を締め切りました");
    }
}

/// <summary>Who reaches the outbox page and the preferences page; only reads, so on the shared app of the people collection.</summary>
[Collection(PeopleCollection.Name)]
public sealed class OutboxAccessTests(MarketplaceFactory app)
{
    [Fact]
    public async Task OutboxPage_OnlyTheNationalOffice_PreferencesPage_OnlySignedIn()
    {
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync(WebClientExtensions.Office)).GetAsync("/admin/outbox")).StatusCode);
        foreach (var who in new[] { WebClientExtensions.OzuStaff, WebClientExtensions.Expert, WebClientExtensions.Vendor })
        {
            var client = await app.SignedInAsync(who);
            WebClientExtensions.AssertAccessDenied(await client.GetAsync("/admin/outbox"));
            WebClientExtensions.AssertAccessDenied(await client.PostFormAsync("/admin/outbox?handler=Retry&id=1", [], "/account/notifications"));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/notifications")).StatusCode);
        }
        var anonymous = app.NewClient();
        var outbox = await anonymous.GetAsync("/admin/outbox");
        Assert.Equal(HttpStatusCode.Redirect, outbox.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(outbox));
        var prefs = await anonymous.GetAsync("/account/notifications");
        Assert.Equal(HttpStatusCode.Redirect, prefs.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(prefs));
    }
}
