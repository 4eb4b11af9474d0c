namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>
/// The evaluation of an own call: the committee's progress, the ranking (for the chair, and for every staff
/// member once confirmed), the chair's confirmation and the award.
/// </summary>
public sealed class EvaluationModel(EvaluationService evaluation, IStringLocalizer<SharedResource> t, Features.Security.AuditLog audit) : PageModel
{
    public ProposalCall Call { get; private set; } = null!;
    public bool Sealed { get; private set; }
    public List<CommitteeMember> Members { get; private set; } = [];
    public CommitteeMember? Me { get; private set; }
    public Ranking? Ranking { get; private set; }
    public string Token { get; private set; } = "";
    /// <summary>The call's presentation and result dates still ahead: awarding now needs a reason.</summary>
    public List<string> EarlyDates { get; private set; } = [];

    private int OrganizationId => User.OrganizationId()!.Value;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var call = await evaluation.FindOwnCallAsync(OrganizationId, id, ct);
        if (call is null) return NotFound();
        Call = call;
        Token = evaluation.TokenOf(call);
        Sealed = evaluation.IsSealed(call);
        EarlyDates = evaluation.EarlyAwardDates(call);
        Members = await evaluation.MembersAsync(id, ct);
        Me = Members.FirstOrDefault(m => m.UserId == User.UserId());
        if (await evaluation.MaySeeRankingAsync(call, User.UserId()!, ct))
        {
            Ranking = await evaluation.RankingAsync(call, ct);
            // The ranking shows every member's scores: reading it is reading their evaluations.
            if (Ranking is not null) await audit.WriteAsync(Features.Security.AuditActions.EvaluationRankingRead, "call", id, call.OrganizationId, $"call {id}", ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct)
    {
        var result = await evaluation.ConfirmAsync(OrganizationId, id, User.UserId()!, ct);
        return await AfterAsync(id, result, "Eval_Confirmed", ct);
    }

    public async Task<IActionResult> OnPostAwardAsync(int id, int proposalId, string? amount, string? earlyReason, string? token, CancellationToken ct)
    {
        var result = await evaluation.AwardAsync(OrganizationId, id, proposalId, amount, earlyReason, User.UserId()!, token, ct);
        return await AfterAsync(id, result, "Eval_Awarded", ct);
    }

    private Task<IActionResult> AfterAsync(int id, ServiceResult<bool> result, string doneKey, CancellationToken ct) =>
        this.OutcomeAsync(result, t[doneKey].Value, new { id }, () => OnGetAsync(id, ct), conflictIs409: true, invalidIs422: true);
}
