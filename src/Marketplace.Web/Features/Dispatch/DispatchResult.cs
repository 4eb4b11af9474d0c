namespace Marketplace.Web.Features.Dispatch;

/// <summary>
/// The outcome of a dispatch-programme action: done (with the id of what it made or changed), not found
/// (also for another party's data), or refused with messages keyed by input field ("" for the whole form).
/// A refused action has changed nothing.
/// </summary>
public sealed record DispatchResult(bool Succeeded, bool NotFound, IReadOnlyDictionary<string, string> Errors, int Id = 0)
{
    public static DispatchResult Ok(int id = 0) => new(true, false, new Dictionary<string, string>(), id);
    public static readonly DispatchResult Missing = new(false, true, new Dictionary<string, string>());
    public static DispatchResult Fail(string message) => new(false, false, new Dictionary<string, string> { [""] = message });
    public static DispatchResult Fail(Dictionary<string, string> errors) => new(false, false, errors);

    public string? FirstError => Errors.Values.FirstOrDefault();
}
