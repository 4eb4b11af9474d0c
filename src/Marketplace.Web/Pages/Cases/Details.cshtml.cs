namespace Marketplace.Web.Pages.Cases;

/// <summary>A published case, and for staff of another government the form to ask its government or expert for advice.</summary>
public sealed class DetailsModel(CaseService cases, AdviceService advice) : PageModel
{
    public CaseStudy Case { get; private set; } = null!;
    public int AdviceCount { get; private set; }
    public CasePerson? Expert { get; private set; }
    /// <summary>Staff of a government that is not one of the case's may ask for advice.</summary>
    public bool CanAsk { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var c = await cases.PublicAsync(id, ct);
        if (c is null) return NotFound();
        Case = c;
        AdviceCount = await advice.CountForCaseAsync(id, ct);
        Expert = await advice.ConsentedExpertAsync(id, ct);
        CanAsk = User.IsInRole(Roles.Staff) && User.OrganizationId() is { } org && c.OwnerOrganizationId != org && c.Governments.All(g => g.OrganizationId != org);
        return Page();
    }

    public async Task<IActionResult> OnPostAdviceAsync(int id, string? to, string? kind, string? question, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Staff)) return Forbid();
        var result = await advice.RequestAsync(User.AdviceParty(), id, to, kind, question, ct);
        return await this.OutcomeAtAsync(result, notice: null, $"/cases/advice/{result.Id}", () => OnGetAsync(id, ct));
    }
}
