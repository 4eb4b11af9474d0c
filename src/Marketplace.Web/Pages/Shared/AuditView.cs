namespace Marketplace.Web.Pages.Shared;

/// <summary>What the shared audit-log partial shows: one page of entries, the filter, and the addresses of pages and CSV.</summary>
public sealed record AuditView(AuditPage Page, string? Action, string BasePath)
{
    private string Filter => string.IsNullOrEmpty(Action) ? "" : "action=" + Uri.EscapeDataString(Action);
    public string PageUrl(int page) => $"{BasePath}?{Filter}{(Filter.Length > 0 ? "&" : "")}page={page}";
    public string CsvUrl => $"{BasePath}?handler=Csv{(Filter.Length > 0 ? "&" + Filter : "")}";
}
