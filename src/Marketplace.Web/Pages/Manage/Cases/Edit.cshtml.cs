namespace Marketplace.Web.Pages.Manage.Cases;

/// <summary>One of this government's cases: edit the draft, attach PDFs, send it to the office for review.</summary>
public sealed class EditModel(CaseService cases, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public CaseInput Input { get; set; } = new();
    public CaseStudy Case { get; private set; } = null!;
    public string Token { get; private set; } = "";
    private int Org => User.OrganizationId()!.Value;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, true, ct);

    private async Task<IActionResult> LoadAsync(int id, bool fillForm, CancellationToken ct)
    {
        var c = await cases.ForOwnerAsync(Org, id, ct);
        if (c is null) return NotFound();
        Case = c;
        Token = cases.TokenOf(c);
        if (fillForm) Input = CaseInput.From(c);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? token, CancellationToken ct)
    {
        var result = await cases.UpdateAsync(Org, id, Input, token, ct);
        return await this.OutcomeAsync(result, t["Case_Saved"].Value, new { id }, () => LoadAsync(id, false, ct), prefix: "Input", clearFirst: true);
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id, string? token, CancellationToken ct) =>
        await this.OutcomeAsync(await cases.SubmitAsync(Org, id, token, ct), t["Case_SubmittedNotice"].Value, new { id }, () => LoadAsync(id, true, ct));

    public async Task<IActionResult> OnPostAttachAsync(int id, IFormFile? file, CancellationToken ct) =>
        await this.OutcomeAsync(await cases.AddAttachmentAsync(Org, id, file, ct), t["Case_AttachmentAdded"].Value, new { id }, () => LoadAsync(id, true, ct));
}
