namespace Marketplace.Data.Entities;

/// <summary>
/// A public search an expert or vendor saved under a name (its query string, as <c>/openings</c> reads it), with
/// the alert mailed when new postings match it: daily, weekly, or off.
/// </summary>
public class SavedSearch : IVersioned
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The search's query string without the page, e.g. <c>?prefecture=25&amp;kind=call</c>.</summary>
    public string Query { get; set; } = "";
    public DigestFrequency Frequency { get; set; } = DigestFrequency.Daily;
    /// <summary>Postings published after this are new to the search (its creation at first, then each alert run).</summary>
    public DateTime AlertsSince { get; set; }
    public DateTime? LastAlertAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

/// <summary>A posting already mailed to a person in a saved-search alert, so no alert repeats it.</summary>
public class SavedSearchAlertItem
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public int SavedSearchId { get; set; }
    /// <summary>0 an opening, 1 a call for proposals.</summary>
    public int PostingKind { get; set; }
    public int PostingId { get; set; }
    public DateTime SentAt { get; set; }
}
