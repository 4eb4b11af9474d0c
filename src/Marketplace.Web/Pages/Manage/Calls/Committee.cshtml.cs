namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>The evaluation committee of an own call: staff accounts of the same government, one of them chair.</summary>
public sealed class CommitteeModel(EvaluationService evaluation, IStringLocalizer<SharedResource> t) : PageModel
{
    public ProposalCall Call { get; private set; } = null!;
    public List<StaffAccount> Staff { get; private set; } = [];
    public List<CommitteeMember> Members { get; private set; } = [];

    private int OrganizationId => User.OrganizationId()!.Value;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var call = await evaluation.FindOwnCallAsync(OrganizationId, id, ct);
        if (call is null) return NotFound();
        Call = call;
        Staff = await evaluation.StaffOfAsync(OrganizationId, ct);
        Members = await evaluation.MembersAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, List<string> members, string? chair, CancellationToken ct)
    {
        var result = await evaluation.SetCommitteeAsync(OrganizationId, id, members, chair, ct);
        return await this.OutcomeAsync(result, t["Eval_CommitteeSaved"].Value, new { id }, () => OnGetAsync(id, ct), invalidIs422: true);
    }
}
