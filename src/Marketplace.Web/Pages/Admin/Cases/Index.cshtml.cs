namespace Marketplace.Web.Pages.Admin.Cases;

/// <summary>The office's case queue (submitted first) and the outcomes across dispatches.</summary>
public sealed class IndexModel(CaseService cases, CaseOutcomes outcomes) : PageModel
{
    [BindProperty(SupportsGet = true)] public CaseStatus? Status { get; set; }
    /// <summary>The page asked for: read from the query alone (<see cref="ListUrl.PageOf"/>).</summary>
    public int PageNumber => ListUrl.PageOf(Request);
    public Paged<CaseStudy> Result { get; private set; } = new([], 1, 20, 0);
    public OutcomeFigures Figures { get; private set; } = null!;

    public Infrastructure.Pager Pager => new(Result.Page, Result.PageCount, p => $"/admin/cases?page={p}" + (Status is { } s ? $"&status={s}" : ""));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await cases.ForOfficeListAsync(Status, PageNumber, ct);
        Figures = await outcomes.FiguresAsync(ct);
    }
}
