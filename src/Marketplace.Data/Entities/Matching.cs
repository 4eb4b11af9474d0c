namespace Marketplace.Data.Entities;

/// <summary>A trained (or rule-based) ranker with its evaluation figures; at most one is current.</summary>
public class RankerModel
{
    public int Id { get; set; }
    public string VersionId { get; set; } = "";
    /// <summary>"model" (learned) or "rules" (cold start).</summary>
    public string Kind { get; set; } = "";
    public DateTime TrainedAt { get; set; }
    public int Openings { get; set; }
    public int Experts { get; set; }
    public int Outcomes { get; set; }
    public double? ModelNdcg5 { get; set; }
    public double? ModelNdcg10 { get; set; }
    public double? Bm25Ndcg10 { get; set; }
    public double? RulesNdcg10 { get; set; }
    public bool IsCurrent { get; set; }
    /// <summary>Why the promotion gate let it replace the current model, or why not.</summary>
    public string Decision { get; set; } = "";
    public string ColdStartReason { get; set; } = "";
    public string ColdStartReasonEn { get; set; } = "";
    public byte[] Bytes { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}

/// <summary>One training run, requested by the national office or the nightly schedule, with its progress.</summary>
public class TrainingRun
{
    public int Id { get; set; }
    public TrainingRunStatus Status { get; set; }
    public string Progress { get; set; } = "";
    public string? RequestedByUserId { get; set; }
    public DateTime QueuedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public int? RankerModelId { get; set; }
    public string? Error { get; set; }
}

public enum TrainingRunStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>Staff invite a recommended expert to apply to one of their openings.</summary>
public class ExpertInvitation
{
    public int Id { get; set; }
    public int OpeningId { get; set; }
    public Opening? Opening { get; set; }
    public int ExpertProfileId { get; set; }
    public ExpertProfile? Expert { get; set; }
    public string InvitedByUserId { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One entry of the matching change sequence: written in the same save as the change it describes, and polled by
/// every app instance to keep its in-memory expert index current (Id order is the sequence).
/// </summary>
public class MatchingChange
{
    public long Id { get; set; }
    public MatchingChangeKind Kind { get; set; }
    /// <summary>The profile that changed (set through the navigation for a profile added in the same save).</summary>
    public int? ExpertProfileId { get; set; }
    public ExpertProfile? Expert { get; set; }
    /// <summary>The id of a profile removed from the database (no foreign key: the row is gone).</summary>
    public int? RemovedExpertProfileId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum MatchingChangeKind
{
    /// <summary>A profile (or its skills) was added, saved, hidden, anonymised or removed, or its certification changed.</summary>
    Expert = 0,
    /// <summary>A government's vendor contracts changed: conflicts of interest must be recomputed.</summary>
    Conflicts = 1,
    /// <summary>Another ranker became current: the index is rebuilt with its text weights.</summary>
    Model = 2,
}
