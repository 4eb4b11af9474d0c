namespace Marketplace.Web.Pages.Admin.Cases;

/// <summary>The office reviews a case: publishes it, or sends it back with a note.</summary>
public sealed class ReviewModel(CaseService cases, IStringLocalizer<SharedResource> t) : PageModel
{
    public CaseStudy Case { get; private set; } = null!;
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var c = await cases.ForOfficeAsync(id, ct);
        if (c is null) return NotFound();
        Case = c;
        Token = cases.TokenOf(c);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, string? token, CancellationToken ct) =>
        await this.OutcomeAsync(await cases.PublishAsync(User.UserId()!, id, token, ct), t["Case_PublishedNotice"].Value, new { id }, () => OnGetAsync(id, ct));

    public async Task<IActionResult> OnPostReturnAsync(int id, string? note, string? token, CancellationToken ct) =>
        await this.OutcomeAsync(await cases.ReturnAsync(id, note, token, ct), t["Case_ReturnedNotice"].Value, new { id }, () => OnGetAsync(id, ct));
}
