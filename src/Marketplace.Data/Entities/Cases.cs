namespace Marketplace.Data.Entities;

/// <summary>
/// A case of the case library (事例集): what one or more governments did, which obstacles they overcame, what made it
/// work and what came of it in figures. Written by a government about itself, from a dispatch's final report with the
/// host's consent, or by the national office; public only once the office has published it.
/// </summary>
public class CaseStudy : IVersioned
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    /// <summary>A few plain sentences for the result list.</summary>
    public string Summary { get; set; } = "";
    /// <summary>What was done, in Markdown.</summary>
    public string Body { get; set; } = "";
    /// <summary>"What another government should know", in Markdown.</summary>
    public string Lessons { get; set; } = "";
    /// <summary>The government that writes and answers for the case; null for a case the office wrote alone.</summary>
    public int? OwnerOrganizationId { get; set; }
    public Organization? OwnerOrganization { get; set; }
    public List<CaseGovernment> Governments { get; set; } = [];
    public DateOnly PeriodFrom { get; set; }
    public DateOnly? PeriodTo { get; set; }
    /// <summary>Skill codes of the taxonomy.</summary>
    public List<string> Themes { get; set; } = [];
    /// <summary>Codes of <c>CaseCodes.Obstacles</c>.</summary>
    public List<string> Obstacles { get; set; } = [];
    /// <summary>Codes of <c>CaseCodes.SuccessFactors</c>.</summary>
    public List<string> SuccessFactors { get; set; } = [];
    public List<CaseKpi> Kpis { get; set; } = [];
    public long? BudgetYen { get; set; }
    public string FundingSource { get; set; } = "";
    public List<CasePerson> People { get; set; } = [];
    public List<CaseAttachment> Attachments { get; set; } = [];
    public CaseStatus Status { get; set; }
    public CaseSource Source { get; set; }
    /// <summary>The dispatch whose final report the case was made from.</summary>
    public int? DispatchId { get; set; }
    /// <summary>The office's note when it sent a submitted case back.</summary>
    public string? ReviewNote { get; set; }
    /// <summary>Normalised title, summary, body, lessons and government names, for the keyword search.</summary>
    public string SearchText { get; set; } = "";
    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? PublishedByUserId { get; set; }
    public Guid Version { get; set; }
}

public enum CaseStatus
{
    Draft = 0,
    /// <summary>Waiting for the office's review.</summary>
    Submitted = 1,
    Published = 2,
}

public enum CaseSource
{
    Government = 0,
    DispatchReport = 1,
    Office = 2,
}

/// <summary>A government the case is about (a joint project has several).</summary>
public class CaseGovernment
{
    public int CaseId { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
}

/// <summary>The figures of a KPI: what was measured, before and after, in one unit.</summary>
public interface IKpiFigures
{
    string Name { get; }
    decimal Before { get; }
    decimal After { get; }
    string Unit { get; }
}

/// <summary>
/// A result in figures, kept in the order it was given. A case's and a dispatch's KPIs are the same columns in tables
/// of their own (<see cref="CaseKpi"/>, <see cref="DispatchKpi"/>); this base is not an entity of the model.
/// </summary>
public abstract class Kpi : IKpiFigures
{
    public int Id { get; set; }
    public int Order { get; set; }
    public string Name { get; set; } = "";
    public decimal Before { get; set; }
    public decimal After { get; set; }
    public string Unit { get; set; } = "";

    /// <summary>New KPIs of <typeparamref name="T"/> with the given figures, numbered in their order.</summary>
    public static List<T> Numbered<T>(IEnumerable<IKpiFigures> figures) where T : Kpi, new() =>
        figures.Select((k, i) => new T { Order = i, Name = k.Name, Before = k.Before, After = k.After, Unit = k.Unit }).ToList();
}

/// <summary>A result in figures of a case.</summary>
public class CaseKpi : Kpi
{
    public int CaseId { get; set; }
}

/// <summary>
/// Someone who took part. An expert is linked (named, with a link to their track record) only once the expert has
/// consented; until then the public sees the role alone.
/// </summary>
public class CasePerson
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public string Role { get; set; } = "";
    /// <summary>A name to show for a person who is not a linked expert (e.g. "副知事").</summary>
    public string Name { get; set; } = "";
    public int? ExpertProfileId { get; set; }
    public ExpertProfile? Expert { get; set; }
    public DateTime? ExpertConsentedAt { get; set; }
}

public class CaseAttachment : StoredPdf
{
    public int Id { get; set; }
    public int CaseId { get; set; }
}

/// <summary>
/// A request for advice from those who did it (先進地からの直接的な支援): staff of another government ask a case's
/// government, or its linked expert, for a call, a visit or a document review. Visible to the two parties only.
/// </summary>
public class AdviceRequest : IVersioned
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public CaseStudy? Case { get; set; }
    public int RequesterOrganizationId { get; set; }
    public Organization? RequesterOrganization { get; set; }
    public string RequesterUserId { get; set; } = "";
    /// <summary>Set when the request goes to the case's linked expert; otherwise it goes to the case's government.</summary>
    public int? ExpertProfileId { get; set; }
    /// <summary>call, visit or document_review.</summary>
    public string Kind { get; set; } = "";
    public string Question { get; set; } = "";
    public AdviceStatus Status { get; set; }
    public DateTime? ProposedTime { get; set; }
    public string Outcome { get; set; } = "";
    public List<AdviceMessage> Messages { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public Guid Version { get; set; }
}

public enum AdviceStatus
{
    Requested = 0,
    Accepted = 1,
    TimeProposed = 2,
    Declined = 3,
    Completed = 4,
}

public class AdviceMessage
{
    public int Id { get; set; }
    public int AdviceRequestId { get; set; }
    public string AuthorUserId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>A result in figures reported with a dispatch's final report.</summary>
public class DispatchKpi : Kpi
{
    public int DispatchId { get; set; }
}
