namespace Marketplace.Web.Infrastructure;

/// <summary>
/// A page of one paged list filtered by a keyword (<c>q</c>) and more filters of its own, all in the query string
/// (see <see cref="ListUrl"/>). The handler sets <see cref="Result"/> from a query cut at <see cref="RequestedPage"/>.
/// </summary>
public abstract class ListPageModel<T> : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public Paged<T> Result { get; protected set; } = Paged<T>.Empty();

    /// <summary>The keyword filter, or null when none was typed.</summary>
    protected string? Keyword => ListUrl.Trimmed(Q);

    protected int RequestedPage => ListUrl.PageOf(Request);
}

/// <summary>A <see cref="ListPageModel{T}"/> that also filters by a day things were made on or after (<c>from</c>).</summary>
public abstract class DatedListPageModel<T> : ListPageModel<T>
{
    /// <summary>Made on or after this day (yyyy-mm-dd).</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>The UTC instant the <see cref="From"/> day starts, or null when no valid day was given.</summary>
    protected DateTime? FromUtc => ListUrl.Date(From) is { } from ? ListUrl.StartOfDayUtc(from) : null;
}
