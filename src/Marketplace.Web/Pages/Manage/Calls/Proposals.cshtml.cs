namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>The proposals of an own call: sealed (not even counted) until the submission deadline passes.</summary>
public sealed class ProposalsModel(EvaluationService evaluation) : PageModel
{
    public ProposalCall Call { get; private set; } = null!;
    public List<Proposal>? Proposals { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var call = await evaluation.FindOwnCallAsync(User.OrganizationId()!.Value, id, ct);
        if (call is null) return NotFound();
        Call = call;
        Proposals = await evaluation.OpenedProposalsAsync(call, ct);
        return Page();
    }
}
