namespace Marketplace.Data.Entities;

/// <summary>
/// One correction of a published opening or call for proposals (訂正): what changed, when, by whom and why.
/// Shown on the posting's public page as its change log; the people who applied, asked or are writing a
/// proposal are told of it by mail.
/// </summary>
public class PostingCorrection
{
    public long Id { get; set; }
    public int? OpeningId { get; set; }
    public Opening? Opening { get; set; }
    public int? CallId { get; set; }
    public ProposalCall? Call { get; set; }
    public DateTime CorrectedAt { get; set; }
    public string CorrectedByUserId { get; set; } = "";
    public string Reason { get; set; } = "";
    /// <summary>
    /// The changed fields as a JSON array of <c>{"Field","Before","After"}</c> in the form's own terms (codes, amounts
    /// as typed), so the log can be shown in the reader's language.
    /// </summary>
    public string ChangesJson { get; set; } = "[]";
    /// <summary>How many people were sent the notice of this correction.</summary>
    public int Notified { get; set; }
}
