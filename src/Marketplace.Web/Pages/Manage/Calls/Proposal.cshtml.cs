namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>One opened proposal of an own call, with conflict-of-interest flags on the named people.</summary>
public sealed class ProposalModel(EvaluationService evaluation, ProposalService proposals, Features.Security.AuditLog audit) : PageModel
{
    public ProposalCall Call { get; private set; } = null!;
    public Proposal Proposal { get; private set; } = null!;
    public Dictionary<int, ConflictFlag> Flags { get; private set; } = [];
    public List<AttachmentInfo> Attachments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int proposalId, CancellationToken ct)
    {
        var found = await evaluation.OpenedProposalAsync(User.OrganizationId()!.Value, id, proposalId, ct);
        if (found is null) return NotFound();
        (Call, Proposal, Flags) = found.Value;
        await audit.WriteAsync(Features.Security.AuditActions.ProposalRead, "proposal", proposalId, Call.OrganizationId, $"call {id}", ct);
        Attachments = await proposals.AttachmentsAsync(proposalId, ct);
        return Page();
    }
}
