namespace Marketplace.Data.Entities;

/// <summary>
/// One mail to one recipient, written in the same transaction as the change that caused it and sent
/// later by the outbox job. The Message-ID is fixed when the row is written, so every attempt sends the
/// same message.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>A <c>NotificationKinds</c> code, e.g. <c>application_stage</c>.</summary>
    public string Kind { get; set; } = "";
    public string ToAddress { get; set; } = "";

    /// <summary>The account the message is for; null for addresses without an account yet (invitations).</summary>
    public string? RecipientUserId { get; set; }
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string? HtmlBody { get; set; }

    /// <summary>The RFC 5322 Message-ID (without angle brackets).</summary>
    public string MessageId { get; set; } = "";

    /// <summary>One-click unsubscribe address for digests (List-Unsubscribe), if any.</summary>
    public string? UnsubscribeUrl { get; set; }

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }

    /// <summary>Which sender holds the message while it is <see cref="OutboxStatus.Sending"/>, and until when.</summary>
    public Guid? ClaimToken { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>The SMTP server's reply to the accepted message (its queue id), or the .eml file written.</summary>
    public string? ServerResponse { get; set; }
    public string? LastError { get; set; }
}

public enum OutboxStatus
{
    Pending = 0,
    /// <summary>Claimed by a sender; the SMTP transaction may be under way.</summary>
    Sending = 1,
    Sent = 2,
    /// <summary>Gave up after repeated failures or a permanent refusal; the national office may retry it.</summary>
    Failed = 3,
    /// <summary>
    /// A sender claimed it and never reported back (the app stopped mid-send). It may or may not have
    /// gone out, so it is not resent automatically; the national office decides.
    /// </summary>
    Uncertain = 4,
}

/// <summary>A user's notification choices. No row means the defaults: everything on, no digest.</summary>
public class NotificationSettings : IVersioned
{
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }

    /// <summary>Kind codes the user switched off, comma-separated.</summary>
    public string DisabledKinds { get; set; } = "";
    public DigestFrequency Digest { get; set; } = DigestFrequency.Off;
    public DateTime? LastDigestAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

public enum DigestFrequency
{
    Off = 0,
    Daily = 1,
    Weekly = 2,
}

/// <summary>An opening already sent to an expert in a digest, so no digest repeats it.</summary>
public class DigestItem
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public int OpeningId { get; set; }
    public DateTime SentAt { get; set; }
}

/// <summary>A reminder already written for (kind, subject, recipient), so a job run twice reminds once.</summary>
public class ReminderLog
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string SubjectKey { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
