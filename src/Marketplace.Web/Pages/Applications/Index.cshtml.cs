namespace Marketplace.Web.Pages.Applications;

/// <summary>The signed-in expert's own applications, paged and filtered by stage, keyword and date applied.</summary>
public sealed class IndexModel(MarketplaceDbContext db) : DatedListPageModel<Application>
{
    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    public bool HasAny { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.UserId()!;
        var mine = db.Applications.AsNoTracking().Where(a => a.Expert!.UserId == userId);
        HasAny = await mine.AnyAsync(ct);
        var q = mine.Include(a => a.Opening).ThenInclude(o => o!.Organization).AsQueryable();
        if (Stage is { } stage && Stages.All.Contains(stage)) q = q.Where(a => a.Stage == stage);
        if (Keyword is { } text)
        {
            q = q.Where(a => a.Opening!.Title.Contains(text) || a.Opening.Organization!.NameJa.Contains(text) || a.Opening.Organization.NameEn.Contains(text));
        }
        if (FromUtc is { } since) q = q.Where(a => a.CreatedAt >= since);
        Result = await q.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id).ToPagedAsync(RequestedPage, ct: ct);
    }

    public string PageUrl(int page) => ListUrl.Of("/applications", page, ("stage", Stage), ("q", Q), ("from", From));
}
