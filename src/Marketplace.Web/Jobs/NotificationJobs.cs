using Marketplace.Web.Features.Matching;

namespace Marketplace.Web.Jobs;

/// <summary>Closes published openings whose application deadline has passed, and tells their staff.</summary>
public sealed class CloseExpiredOpeningsJob(OpeningDeadlines deadlines)
{
    public Task Run() => deadlines.CloseExpiredOpeningsAsync();
}

/// <summary>Deletes sent mail rows and .eml files past <c>Retention:MailDays</c> and redacts link secrets left in sent rows.</summary>
public sealed class MailRetentionJob(MailRetention retention)
{
    public const string Id = "mail-retention";

    public Task Run() => retention.RunAsync();
}

/// <summary>"Applications close tomorrow" to invited experts who have not applied yet and to the posting staff.</summary>
public sealed class DeadlineRemindersJob(OpeningDeadlines deadlines)
{
    public Task Run() => deadlines.RemindApplicationDeadlinesAsync();
}

/// <summary>The daily/weekly digest of newly recommended openings for experts who asked for it.</summary>
public sealed class RecommendationDigestJob(RecommendationDigest digest)
{
    public Task Run() => digest.SendDueAsync();
}

/// <summary>Calls past their submission deadline (staff told the proposals are open) and question deadlines within a day (vendors reminded).</summary>
public sealed class ProposalDeadlinesJob(ProposalNotifications proposals)
{
    public Task Run() => proposals.RunDeadlinesAsync();
}

/// <summary>The national office's certification and claim queues, and reminders 30 days before a dispatch ends.</summary>
public sealed class DispatchDailyJob(DispatchNotifications dispatch)
{
    public Task Run() => dispatch.RunDailyAsync();
}

/// <summary>Daily or weekly mail of new postings that people's saved searches find.</summary>
public sealed class SavedSearchAlertsJob(Features.SavedSearches.SavedSearchAlerts alerts)
{
    public Task Run() => alerts.SendDueAsync();
}
