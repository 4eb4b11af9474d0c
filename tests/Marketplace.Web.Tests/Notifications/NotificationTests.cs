using System.Data.Common;
using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Tests.Applications;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Notifications;

/// <summary>
/// Mail through the outbox to a real SMTP server (Debian's aiosmtpd on 127.0.0.1): Japanese subjects,
/// outages, restarts, retried jobs and preferences.
/// </summary>
public sealed class NotificationTests : IDisposable
{
    private readonly SmtpServer _smtp;
    private readonly List<MarketplaceFactory> _apps = [];

    public NotificationTests()
    {
        _smtp = SmtpServer.Executable is null ? null! : new SmtpServer();
    }

    public void Dispose()
    {
        foreach (var app in Enumerable.Reverse(_apps)) app.Dispose();
        _smtp?.Dispose();
    }

    private MarketplaceFactory App(MarketplaceFactory? sameDatabaseAs = null)
    {
        var app = sameDatabaseAs?.SecondInstance() ?? new MarketplaceFactory();
        _smtp.Serve(app);
        _apps.Add(app);
        return app;
    }

    private static Task<int> OzuOpeningAsync(MarketplaceFactory app) =>
        app.WithDbAsync(db => db.Openings.Where(o => o.Title == "CDO補佐官（デジタル変革推進）").Select(o => o.Id).SingleAsync());

    private static async Task<(string Email, int ApplicationId)> ApplyAsync(MarketplaceFactory app, string name = "通知 花子")
    {
        var (email, profileId) = await app.CreateExpertAsync(name);
        var expert = await app.SignedInAsync(email);
        var opening = await OzuOpeningAsync(app);
        Assert.Equal(HttpStatusCode.Redirect, (await ApplicationFlowTests.ApplyAsync(expert, opening)).StatusCode);
        var id = await app.WithDbAsync(db => db.Applications.Where(a => a.ExpertProfileId == profileId).Select(a => a.Id).SingleAsync());
        return (email, id);
    }

    private static async Task MoveAsync(MarketplaceFactory app, int applicationId, string stage, string reason)
    {
        var ozu = await app.SignedInAsync(WebClientExtensions.OzuStaff);
        var token = await app.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.Applications.SingleAsync(a => a.Id == applicationId)));
        var move = await ozu.PostFormAsync($"/manage/applications/{applicationId}?handler=Move",
            [new("toStage", stage), new("reason", reason), new("token", token)], "/manage/openings");
        Assert.Equal(HttpStatusCode.Redirect, move.StatusCode);
    }

    private static Task<List<OutboxMessage>> OutboxToAsync(MarketplaceFactory app, string address) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == address).OrderBy(m => m.Id).ToListAsync());

    [SmtpFact]
    public async Task ApplicationEvents_ArriveAtTheSmtpServer_WithJapaneseSubjectsAndBothBodies()
    {
        var app = App();
        var (email, id) = await ApplyAsync(app);
        await MoveAsync(app, id, Stages.Interviewed, "書類選考を通過しました");
        var result = await app.DeliverMailAsync();
        Assert.True(result.Sent >= 2, $"sent {result.Sent}");

        var toStaff = Assert.Single(_smtp.MessagesTo(WebClientExtensions.OzuStaff));
        Assert.Equal("【自治体CIO人材マーケットプレイス】「CDO補佐官（デジタル変革推進）」に新しい応募がありました", toStaff.Subject);
        Assert.Contains("通知 花子 さんが「CDO補佐官（デジタル変革推進）」に応募しました。", toStaff.TextBody);

        var toExpert = Assert.Single(_smtp.MessagesTo(email));
        Assert.Equal("【自治体CIO人材マーケットプレイス】大洲市への応募:「面接」になりました", toExpert.Subject);
        Assert.Contains("書類選考を通過しました", toExpert.TextBody);
        Assert.Contains($"/applications/{id}", toExpert.TextBody);
        Assert.Contains("<a href=", toExpert.HtmlBody);
        // Headers a mail client needs to show Japanese: UTF-8 encoded subject and parts.
        var raw = new MemoryStream();
        await toExpert.WriteToAsync(raw);
        var headers = System.Text.Encoding.ASCII.GetString(raw.ToArray());
        Assert.Contains("Subject: =?utf-8?", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("charset=utf-8", headers, StringComparison.OrdinalIgnoreCase);

        var row = (await OutboxToAsync(app, email)).Single();
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(row.MessageId, toExpert.MessageId);
        Assert.False(string.IsNullOrEmpty(row.ServerResponse));
    }

    [SmtpFact]
    public async Task SmtpDown_ActionSucceeds_MailWaits_ThenIsDeliveredOnce()
    {
        var app = App();
        _smtp.Stop();
        var (email, id) = await ApplyAsync(app);
        await MoveAsync(app, id, Stages.Interviewed, "面接にお進みください");

        var down = await app.DeliverMailAsync();
        Assert.Equal(0, down.Sent);
        // The first message meets the outage and backs off; the run stops there and the rest keep waiting.
        var tried = (await OutboxToAsync(app, WebClientExtensions.OzuStaff)).Single();
        Assert.Equal(OutboxStatus.Pending, tried.Status);
        Assert.Equal(1, tried.Attempts);
        Assert.False(string.IsNullOrEmpty(tried.LastError));
        Assert.True(tried.NextAttemptAt > DateTime.UtcNow, "a failed attempt waits before the next");
        var untried = (await OutboxToAsync(app, email)).Single();
        Assert.Equal((OutboxStatus.Pending, 0), (untried.Status, untried.Attempts));

        _smtp.Start();
        await app.DeliverMailAsync();
        Assert.Single(_smtp.MessagesTo(email)); // never tried: goes as soon as the server is back
        Assert.Empty(_smtp.MessagesTo(WebClientExtensions.OzuStaff)); // still backing off
        app.Clock.Advance(OutboxSender.Backoff(1) + TimeSpan.FromSeconds(1));
        await app.DeliverMailAsync();
        await app.DeliverMailAsync();
        Assert.Single(_smtp.MessagesTo(email));
        Assert.Single(_smtp.MessagesTo(WebClientExtensions.OzuStaff));
        Assert.All(await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync()), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [SmtpFact]
    public async Task AppKilledBetweenWritingAndSending_RestartOnTheSameDatabase_DeliversIt()
    {
        var first = App();
        var (email, _) = await ApplyAsync(first);
        Assert.Equal(OutboxStatus.Pending, (await OutboxToAsync(first, WebClientExtensions.OzuStaff)).Single().Status);
        first.OwnsDatabase = false;
        first.Dispose(); // the app stops before any send job ran

        var restarted = App(sameDatabaseAs: first);
        restarted.OwnsDatabase = true;
        await restarted.DeliverMailAsync();
        Assert.Single(_smtp.MessagesTo(WebClientExtensions.OzuStaff));
        await restarted.DeliverMailAsync();
        Assert.Single(_smtp.MessagesTo(WebClientExtensions.OzuStaff));
        Assert.Empty(_smtp.MessagesTo(email));
    }

    /// <summary>Makes the "mark as sent" update fail while armed: the failure comes after the server accepted the mail.</summary>
    private sealed class FailAfterSending : DbCommandInterceptor
    {
        public bool Armed { get; set; }

        private void Check(DbCommand command)
        {
            if (Armed && command.CommandText.Contains("OutboxMessages") && command.CommandText.Contains("SentAt") && command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("injected: database lost after the mail was sent");
            }
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Check(command);
            return result;
        }
    }

    [SmtpFact]
    public async Task SendJobFailingAfterSending_IsRetried_WithoutSendingTwice()
    {
        var fault = new FailAfterSending();
        var app = App();
        app.ExtraServices.Add(s => s.AddSingleton<IInterceptor>(fault));
        await ApplyAsync(app);

        fault.Armed = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.DeliverMailAsync());
        Assert.Single(_smtp.MessagesTo(WebClientExtensions.OzuStaff));
        Assert.Equal(OutboxStatus.Sending, (await OutboxToAsync(app, WebClientExtensions.OzuStaff)).Single().Status);

        // Hangfire retries the job once the database is back.
        fault.Armed = false;
        await app.DeliverMailAsync();
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.DeliverMailAsync();
        Assert.Single(_smtp.MessagesTo(WebClientExtensions.OzuStaff));
        var row = (await OutboxToAsync(app, WebClientExtensions.OzuStaff)).Single();
        Assert.Equal(OutboxStatus.Sent, row.Status);
    }

    [SmtpFact]
    public async Task AppDyingAfterSending_RestartedJob_DoesNotResend_AndTheOfficeSeesIt()
    {
        var fault = new FailAfterSending();
        var first = App();
        first.ExtraServices.Add(s => s.AddSingleton<IInterceptor>(fault));
        await ApplyAsync(first);
        fault.Armed = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.DeliverMailAsync());
        first.OwnsDatabase = false;
        first.Dispose(); // dies with the message sent but not recorded

        var restarted = App(sameDatabaseAs: first);
        restarted.OwnsDatabase = true;
        await restarted.DeliverMailAsync();
        restarted.Clock.Advance(OutboxSender.ClaimLease + TimeSpan.FromMinutes(1));
        await restarted.DeliverMailAsync();
        await restarted.DeliverMailAsync();
        Assert.Single(_smtp.MessagesTo(WebClientExtensions.OzuStaff));
        var row = (await OutboxToAsync(restarted, WebClientExtensions.OzuStaff)).Single();
        Assert.Equal(OutboxStatus.Uncertain, row.Status);

        var office = await restarted.SignedInAsync(WebClientExtensions.Office);
        var page = await office.GetStringAsync("/admin/outbox?status=Uncertain");
        Assert.Contains(WebClientExtensions.OzuStaff, page);
        Assert.Contains("may or may not have been delivered", page);
        var delivered = await office.PostFormAsync($"/admin/outbox?handler=Delivered&id={row.Id}", [], "/admin/outbox");
        Assert.Equal(HttpStatusCode.Redirect, delivered.StatusCode);
        Assert.Equal(OutboxStatus.Sent, (await OutboxToAsync(restarted, WebClientExtensions.OzuStaff)).Single().Status);
    }

    [SmtpFact]
    public async Task UndeliverableMessage_FailsAtOnce_StaysVisibleWithItsError_OthersStillGo_AndItCanBeRetried()
    {
        var app = App();
        var bad = await app.WithDbAsync(async db =>
        {
            var m = new OutboxMessage
            {
                Kind = NotificationKinds.Account, ToAddress = "broken@@example.jp", Subject = "件名", TextBody = "本文",
                MessageId = $"{Guid.NewGuid():N}@test", CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
            };
            db.OutboxMessages.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        await ApplyAsync(app);
        var result = await app.DeliverMailAsync();
        Assert.Equal(1, result.Failed);
        Assert.Single(_smtp.MessagesTo(WebClientExtensions.OzuStaff));
        var row = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == bad));
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Contains("ParseException", row.LastError);

        var office = await app.SignedInAsync(WebClientExtensions.Office);
        var page = await office.GetStringAsync("/admin/outbox?status=Failed");
        Assert.Contains("broken@@example.jp", page);
        Assert.Contains("ParseException", page);
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync($"/admin/outbox?handler=Retry&id={bad}", [], "/admin/outbox")).StatusCode);
        Assert.Equal(OutboxStatus.Pending, (await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == bad))).Status);
    }
}
