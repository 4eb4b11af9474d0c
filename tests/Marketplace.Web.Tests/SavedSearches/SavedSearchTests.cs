using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.SavedSearches;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.SavedSearches;

/// <summary>
/// Saved searches and their alerts through the outbox to a real SMTP server (Debian's aiosmtpd). The alert test counts
/// every alert the app sends, so it has an app of its own; the others make uniquely named searches and share one.
/// </summary>
public sealed class SavedSearchTests(MarketplaceFactory shared) : IClassFixture<MarketplaceFactory>, IDisposable
{
    // Started by the test that reads mail from it only: xunit makes a new instance of this class for every test, and
    // the others would each start an aiosmtpd process for nothing.
    private SmtpServer? _smtp;
    private readonly List<MarketplaceFactory> _apps = [];

    public void Dispose()
    {
        foreach (var app in Enumerable.Reverse(_apps)) app.Dispose();
        _smtp?.Dispose();
    }

    private MarketplaceFactory AppWithSmtp()
    {
        var app = new MarketplaceFactory();
        _smtp ??= new SmtpServer();
        _smtp.Serve(app);
        _apps.Add(app);
        return app;
    }

    /// <summary>Saves a search from the search page's form, as a signed-in person would.</summary>
    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string query, string name, string frequency = "Daily")
    {
        var token = await client.TokenAsync("/openings" + query);
        return await client.PostAsync("/saved-searches?handler=Create", new FormUrlEncodedContent(
        [
            new("name", name), new("query", query), new("frequency", frequency), new("__RequestVerificationToken", token),
        ]));
    }

    private static Task<int> PublishOpeningAsync(MarketplaceFactory app, string title, string prefecture = "38") =>
        OpeningCopies.PublishAsync(app, title, prefecture);

    private static Task<int> PublishCallAsync(MarketplaceFactory app, string title) => app.WithDbAsync(async db =>
    {
        var template = await db.ProposalCalls.AsNoTracking().FirstAsync(c => c.Status == CallStatus.Published && c.Organization!.PrefectureCode == "25");
        template.Id = 0;
        template.Title = title;
        template.SearchText += "\n" + title.ToLowerInvariant();
        template.PublishedAt = app.Clock.GetUtcNow().UtcDateTime;
        template.SubmissionDeadline = app.Clock.GetUtcNow().UtcDateTime.AddDays(30);
        db.ProposalCalls.Add(template);
        await db.SaveChangesAsync();
        return template.Id;
    });

    private List<MimeKit.MimeMessage> AlertsTo(string address) =>
        [.. _smtp!.MessagesTo(address).Where(m => m.Subject?.Contains("保存した検索", StringComparison.Ordinal) == true)];

    private static async Task<int> RunAlertsAsync(MarketplaceFactory app)
    {
        int sent;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            sent = await scope.ServiceProvider.GetRequiredService<SavedSearchAlerts>().SendDueAsync();
        }
        await app.DeliverMailAsync();
        return sent;
    }

    [SmtpFact]
    public async Task NewMatchingPosting_ReachesSmtpOnce_SecondRunSendsNothing_OthersNotMailed()
    {
        var app = AppWithSmtp();
        var word = "保存検索" + Guid.NewGuid().ToString("N")[..6];
        var expert = await app.SignedInAsync(WebClientExtensions.Expert);
        var vendor = await app.SignedInAsync(WebClientExtensions.Vendor);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(expert, "?q=" + Uri.EscapeDataString(word), word + "の新着")).StatusCode);
        // A vendor follows calls in 滋賀県 (25).
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(vendor, "?prefecture=25&kind=call", "滋賀県の公募")).StatusCode);
        Assert.Contains(word + "の新着", await expert.GetStringAsync("/saved-searches"));
        // It is the person's data: in their download of everything held about them.
        Assert.Contains(word + "の新着", await expert.GetStringAsync("/account/data?handler=Download"));

        var matching = await PublishOpeningAsync(app, word + " 推進監");
        await PublishOpeningAsync(app, "関係のない募集" + Guid.NewGuid().ToString("N")[..6]);
        var call = await PublishCallAsync(app, "滋賀県内の新しい公募" + Guid.NewGuid().ToString("N")[..6]);
        await PublishOpeningAsync(app, "滋賀県の人材募集" + Guid.NewGuid().ToString("N")[..6], prefecture: "25");

        Assert.Equal(2, await RunAlertsAsync(app));
        var mail = Assert.Single(AlertsTo(WebClientExtensions.Expert));
        var body = mail.TextBody;
        Assert.Contains(word + " 推進監", body);
        Assert.Contains($"/openings/{matching}", body);
        Assert.DoesNotContain("関係のない募集", body);
        Assert.DoesNotContain("滋賀県内の新しい公募", body);
        Assert.NotNull(mail.Headers["List-Unsubscribe"]);
        var toVendor = Assert.Single(AlertsTo(WebClientExtensions.Vendor));
        Assert.Contains($"/calls/{call}", toVendor.TextBody);
        Assert.DoesNotContain("滋賀県の人材募集", toVendor.TextBody);

        // The same run again, and a day later: nothing new, nothing sent twice.
        Assert.Equal(0, await RunAlertsAsync(app));
        app.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(0, await RunAlertsAsync(app));
        Assert.Single(AlertsTo(WebClientExtensions.Expert));

        // One click in the mail stops the alerts.
        var unsubscribe = mail.Headers["List-Unsubscribe"]!.Trim('<', '>');
        var stop = await app.NewClient().PostAsync(new Uri(unsubscribe).PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.SavedSearches.Where(s => s.User!.Email == WebClientExtensions.Expert).AllAsync(s => s.Frequency == DigestFrequency.Off)));
        await PublishOpeningAsync(app, word + " 二件目");
        app.Clock.Advance(TimeSpan.FromHours(25));
        await RunAlertsAsync(app);
        Assert.Single(AlertsTo(WebClientExtensions.Expert));
    }

    [Fact]
    public async Task Dashboard_ListsWhatIsNewInOwnSavedSearches_NotInOthers()
    {
        var app = shared;
        var word = "ダッシュボード新着" + Guid.NewGuid().ToString("N")[..6];
        var expert = await app.SignedInAsync(WebClientExtensions.Expert);
        var before = await expert.GetStringAsync("/dashboard");
        Assert.Contains("/saved-searches", before);

        var name = "新着確認" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(expert, "?q=" + Uri.EscapeDataString(word), name)).StatusCode);
        var empty = await expert.GetStringAsync("/dashboard");
        Assert.Contains(name, empty);
        Assert.Contains("新着なし", empty);

        var id = await PublishOpeningAsync(app, word + " 情報政策アドバイザー");
        var after = await expert.GetStringAsync("/dashboard");
        Assert.Contains($"href=\"/openings/{id}\"", after);
        Assert.Contains("新着 1 件", after);

        // A posting published more than a week ago is not new any more.
        var old = await PublishOpeningAsync(app, word + " 前の週の募集");
        await app.WithDbAsync(async db =>
        {
            var o = await db.Openings.SingleAsync(x => x.Id == old);
            o.PublishedAt = app.Clock.GetUtcNow().UtcDateTime - SavedSearchService.NewsWindow - TimeSpan.FromHours(1);
            return await db.SaveChangesAsync();
        });
        var later = await expert.GetStringAsync("/dashboard");
        Assert.Contains($"href=\"/openings/{id}\"", later);
        Assert.DoesNotContain($"href=\"/openings/{old}\"", later);

        // Nobody else's dashboard shows the expert's search.
        var vendor = await app.SignedInAsync(WebClientExtensions.Vendor);
        Assert.DoesNotContain(name, await vendor.GetStringAsync("/dashboard"));
    }

    [Fact]
    public async Task AnotherPersonsSavedSearches_AreNeitherListedNorChangeable()
    {
        var app = shared;
        var vendor = await app.SignedInAsync(WebClientExtensions.Vendor);
        var name = "取引先の検索" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(vendor, "?kind=call", name)).StatusCode);
        var saved = await app.WithDbAsync(db => db.SavedSearches.SingleAsync(s => s.Name == name));
        var version = await app.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.SavedSearches.SingleAsync(s => s.Id == saved.Id)));
        Assert.Equal("?kind=call", saved.Query);

        var expert = await app.SignedInAsync(WebClientExtensions.Expert);
        Assert.DoesNotContain(name, await expert.GetStringAsync("/saved-searches"));
        var token = await expert.TokenAsync("/saved-searches");
        var rename = await expert.PostAsync($"/saved-searches?handler=Update&id={saved.Id}", new FormUrlEncodedContent(
            [new("name", "乗っ取り"), new("frequency", "Off"), new("token", version), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
        var delete = await expert.PostAsync($"/saved-searches?handler=Delete&id={saved.Id}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        var after = await app.WithDbAsync(db => db.SavedSearches.AsNoTracking().SingleAsync(s => s.Id == saved.Id));
        Assert.Equal((name, DigestFrequency.Daily), (after.Name, after.Frequency));

        // Anonymous visitors are sent to sign in; staff may not use saved searches.
        var anonymous = await app.NewClient().GetAsync("/saved-searches");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(anonymous));
        WebClientExtensions.AssertAccessDenied(await (await app.SignedInAsync(WebClientExtensions.OzuStaff)).GetAsync("/saved-searches"));
        Assert.DoesNotContain("/saved-searches?handler=Create", await (await app.SignedInAsync(WebClientExtensions.OzuStaff)).GetStringAsync("/openings"));
        Assert.DoesNotContain("/saved-searches?handler=Create", await app.NewClient().GetStringAsync("/openings"));

        // The owner renames it, makes it weekly, then deletes it.
        var own = await vendor.TokenAsync("/saved-searches");
        var renamed = await vendor.PostAsync($"/saved-searches?handler=Update&id={saved.Id}", new FormUrlEncodedContent(
            [new("name", name + "（週次）"), new("frequency", "Weekly"), new("token", version), new("__RequestVerificationToken", own)]));
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Contains(name + "（週次）", await vendor.GetStringAsync("/saved-searches"));
        Assert.Equal(DigestFrequency.Weekly, await app.WithDbAsync(db => db.SavedSearches.Where(s => s.Id == saved.Id).Select(s => s.Frequency).SingleAsync()));
        var deleted = await vendor.PostAsync($"/saved-searches?handler=Delete&id={saved.Id}", new FormUrlEncodedContent([new("__RequestVerificationToken", own)]));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.SavedSearches.AnyAsync(s => s.Id == saved.Id)));
    }

    [Fact]
    public async Task SavingWithoutAName_SaysWhatToFix_AndKeepsTheSearch()
    {
        var app = shared;
        var expert = await app.SignedInAsync(WebClientExtensions.Expert);
        var before = await app.WithDbAsync(db => db.SavedSearches.CountAsync(s => s.User!.Email == WebClientExtensions.Expert));
        var response = await SaveAsync(expert, "?prefecture=38&role=cdo_advisor", "  ");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("名前を入力してください", html);
        Assert.Contains("value=\"?prefecture=38&amp;role=cdo_advisor\"", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.SavedSearches.CountAsync(s => s.User!.Email == WebClientExtensions.Expert)));
    }
}
