namespace Marketplace.Web.Infrastructure;

/// <summary>
/// Addresses of filtered, paged list pages. Every filter lives in the query string (so a bookmark or a shared
/// link shows the same list); empty filters are left out and page 1 is implied.
/// </summary>
public static class ListUrl
{
    public static string Of(string path, int page, params (string Key, string? Value)[] filters)
    {
        var pairs = filters.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => new KeyValuePair<string, string?>(f.Key, f.Value!.Trim())).ToList();
        if (page > 1) pairs.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        return path + QueryString.Create(pairs).ToUriComponent();
    }

    /// <summary>A date filter typed as yyyy-mm-dd (what a date input sends); anything else is no filter.</summary>
    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>The UTC instant a Japanese calendar day starts, for comparing stored UTC times with a date filter.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Localization.DisplayFormatter.Jst);

    /// <summary>
    /// The page asked for in the query string. Read from the query alone: Razor Pages keep the page's own path under
    /// the route value "page", which model binding would try (and fail) to read as a number on a POST.
    /// </summary>
    public static int PageOf(HttpRequest request) => Paging.PageNumber(request.Query["page"]);

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
