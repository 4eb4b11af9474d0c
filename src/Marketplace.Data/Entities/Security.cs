namespace Marketplace.Data.Entities;

/// <summary>
/// One signed-in browser. The sign-in cookie names its session; a cookie whose session row is gone is refused on
/// its next request, so signing out, changing the password or ending a session on the sessions page takes effect at once.
/// </summary>
public class UserSession
{
    /// <summary>Random, 32 hex characters; only its SHA-256 would help nobody, the cookie is already encrypted and signed.</summary>
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    /// <summary>The browser as it named itself, shortened, so the user can tell sessions apart.</summary>
    public string? UserAgent { get; set; }
}

/// <summary>
/// One entry of the audit log: who read, exported or changed something that concerns private data or public money.
/// Append-only: the context refuses to update or delete a saved entry.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>The account that acted (kept after that account is deleted: it is an opaque id, not a name).</summary>
    public string? ActorUserId { get; set; }
    /// <summary>The government whose data was touched, when one was: that government's staff see the entry.</summary>
    public int? OrganizationId { get; set; }
    /// <summary>A code from <c>AuditActions</c>, e.g. "application.read".</summary>
    public string Action { get; set; } = "";
    /// <summary>What was touched, e.g. "application" with its id.</summary>
    public string SubjectType { get; set; } = "";
    public string? SubjectId { get; set; }
    /// <summary>Extra facts (an amount, a role), never personal data.</summary>
    public string? Detail { get; set; }
}
