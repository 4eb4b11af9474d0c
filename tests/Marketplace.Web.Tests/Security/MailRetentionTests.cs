using System.Collections.Concurrent;
using System.Net;
using Hangfire;
using Hangfire.Common;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;
using Marketplace.Web.Tests.Experts;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Web.Tests.Security;

/// <summary>
/// Personal data in mail after delivery: link secrets leave the queue once a mail is out, a daily job purges old
/// sent rows and .eml files, and log lines carry user ids instead of e-mail addresses.
/// </summary>
public sealed class MailRetentionTests
{
    /// <summary>Every log line the app writes, formatted.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void Dispose() { }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }

    private static MarketplaceFactory App(CapturedLogs logs)
    {
        var app = new MarketplaceFactory();
        // On the demo data (a copy of the test template, not a database migrated from scratch): it holds no mail, so
        // what the retention job counts is the test's own (checked at the start of the test).
        app.Settings["Logging:LogLevel:Default"] = "Debug";
        app.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information";
        app.ExtraServices.Add(s => s.AddSingleton<ILoggerProvider>(logs));
        return app;
    }

    private static async Task RequestResetAsync(MarketplaceFactory app, string email) =>
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().PostFormAsync("/account/forgot-password", [new("Email", email)])).StatusCode);

    [SmtpFact]
    public async Task DeliveredMail_KeepsNoLinkSecretInTheQueue_AndLogsNoAddress()
    {
        using var smtp = new SmtpServer();
        var logs = new CapturedLogs();
        using var app = App(logs);
        smtp.Serve(app);
        var (userId, email) = await app.NewExpertAccountAsync("秘密 保持");

        await RequestResetAsync(app, email);
        Assert.Equal(1, (await app.DeliverMailAsync()).Sent);
        var delivered = Assert.Single(smtp.MessagesTo(email));
        var link = WebClientExtensions.FirstLinkPath(delivered);
        var code = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query)["code"];
        Assert.False(string.IsNullOrEmpty(code));

        var row = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientUserId == userId));
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.DoesNotContain(code, row.TextBody);
        Assert.DoesNotContain(code, row.HtmlBody ?? "");
        Assert.Contains("code=" + MailRedaction.Mark, row.TextBody);
        // The delivered link itself still works.
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().GetAsync(link)).StatusCode);

        // A failed delivery is logged with the user id, not the address.
        smtp.Stop();
        await RequestResetAsync(app, email);
        Assert.Equal(0, (await app.DeliverMailAsync()).Sent);
        Assert.Contains(logs.Lines, l => l.Contains("not sent") && l.Contains(userId));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task RetentionJob_PurgesOldSentRowsAndMailFiles_RedactsLeftoverSecrets_AndLogsNoAddress()
    {
        var logs = new CapturedLogs();
        using var app = App(logs);
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        var (_, email) = await app.NewExpertAccountAsync("保存 期間");
        await RequestResetAsync(app, email);
        await app.DeliverMailAsync();
        var recentFile = Assert.Single(Directory.GetFiles(app.MailFolder, "*.eml"));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(email, StringComparison.OrdinalIgnoreCase));

        var now = app.Clock.GetUtcNow().UtcDateTime;
        var oldFile = Path.Combine(app.MailFolder, "old.eml");
        File.WriteAllText(oldFile, $"To: {email}\r\nSubject: old\r\n\r\nold");
        File.SetLastWriteTimeUtc(oldFile, now.AddDays(-31));
        OutboxMessage Row(string id, OutboxStatus status, DateTime at, string body) => new()
        {
            Kind = NotificationKinds.Account, ToAddress = email, Subject = id, TextBody = body, MessageId = id + "@test",
            Status = status, CreatedAt = at, NextAttemptAt = at, LastAttemptAt = at, SentAt = status == OutboxStatus.Sent ? at : null,
        };
        await app.WithDbAsync(async db =>
        {
            db.OutboxMessages.AddRange(
                Row("old-sent", OutboxStatus.Sent, now.AddDays(-31), "old"),
                Row("old-failed", OutboxStatus.Failed, now.AddDays(-31), "old"),
                Row("old-pending", OutboxStatus.Pending, now.AddDays(-31), "still to send"),
                Row("recent-sent-with-secret", OutboxStatus.Sent, now.AddDays(-1), "http://127.0.0.1/account/accept-invitation?token=SECRET123abc"));
            return await db.SaveChangesAsync();
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<MailRetention>().RunAsync();
            Assert.Equal(2, result.RowsPurged);
            Assert.Equal(1, result.FilesPurged);
        }
        var subjects = await app.WithDbAsync(db => db.OutboxMessages.Select(m => m.Subject).ToListAsync());
        Assert.DoesNotContain("old-sent", subjects);
        Assert.DoesNotContain("old-failed", subjects);
        Assert.Contains("old-pending", subjects);
        var kept = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Subject == "recent-sent-with-secret"));
        Assert.DoesNotContain("SECRET123abc", kept.TextBody);
        Assert.False(File.Exists(oldFile));
        Assert.True(File.Exists(recentFile));
    }

    [Fact]
    public void RetentionJob_IsScheduledDaily()
    {
        var jobs = new RecordingJobs();
        JobSchedules.Register(jobs);
        Assert.Equal(typeof(MailRetentionJob), jobs.Added[MailRetentionJob.Id].Type);
    }

    private sealed class RecordingJobs : IRecurringJobManager
    {
        public Dictionary<string, Job> Added { get; } = [];
        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options) => Added[recurringJobId] = job;
        public void Trigger(string recurringJobId) { }
        public void RemoveIfExists(string recurringJobId) { }
    }
}
