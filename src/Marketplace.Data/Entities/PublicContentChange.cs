namespace Marketplace.Data.Entities;

/// <summary>
/// One save that changed what anonymous visitors see (a posting published, edited, closed or awarded, a dispatch
/// result...). Written in the same transaction as the change; the highest id is the version every instance's output
/// cache keys its pages by, so a change on one instance retires the cached pages of all of them.
/// </summary>
public class PublicContentChange
{
    public long Id { get; set; }
    public DateTime ChangedAt { get; set; }
}
