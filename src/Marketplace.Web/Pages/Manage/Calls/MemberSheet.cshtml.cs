namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>Another member's sheet: for the chair once proposals are opened, and for all own staff once confirmed.</summary>
public sealed class MemberSheetModel(EvaluationService evaluation, Features.Security.AuditLog audit) : PageModel
{
    public ProposalCall Call { get; private set; } = null!;
    public CommitteeMember Member { get; private set; } = null!;
    public List<Proposal> Proposals { get; private set; } = [];
    public List<EvaluationScore> Scores { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int memberId, CancellationToken ct)
    {
        var call = await evaluation.FindOwnCallAsync(User.OrganizationId()!.Value, id, ct);
        if (call is null || !await evaluation.MaySeeRankingAsync(call, User.UserId()!, ct)) return NotFound();
        var member = (await evaluation.MembersAsync(id, ct)).FirstOrDefault(m => m.Id == memberId);
        if (member is null) return NotFound();
        Call = call;
        Member = member;
        Proposals = await evaluation.OpenedProposalsAsync(call, ct) ?? [];
        Scores = await evaluation.ScoresOfAsync(memberId, ct);
        await audit.WriteAsync(Features.Security.AuditActions.EvaluationSheetRead, "evaluation_sheet", memberId, call.OrganizationId, $"call {id}", ct);
        return Page();
    }
}
