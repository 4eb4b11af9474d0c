namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>The proposals of an own call: sealed (not even counted) until the submission deadline passes.</summary>
public sealed class ProposalsModel(EvaluationService evaluation, AuditLog audit) : PageModel
{
    public ProposalCall Call { get; private set; } = null!;
    public List<Proposal>? Proposals { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var call = await evaluation.FindOwnCallAsync(User.OrganizationId()!.Value, id, ct);
        if (call is null) return NotFound();
        Call = call;
        Proposals = await evaluation.OpenedProposalsAsync(call, ct);
        // Once opened, the list names every vendor and its price.
        if (Proposals is not null) await audit.WriteAsync(AuditActions.ProposalsRead, "call", id, call.OrganizationId, ct: ct);
        return Page();
    }
}
