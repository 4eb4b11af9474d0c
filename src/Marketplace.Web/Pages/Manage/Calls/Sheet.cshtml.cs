namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>The signed-in committee member's own scoring sheet; staff who are not members find none.</summary>
public sealed class SheetModel(EvaluationService evaluation, IStringLocalizer<SharedResource> t) : PageModel
{
    public ProposalCall Call { get; private set; } = null!;
    public CommitteeMember Member { get; private set; } = null!;
    public List<Proposal>? Proposals { get; private set; }
    public Dictionary<string, string?> Scores { get; private set; } = [];
    public Dictionary<string, string?> Comments { get; private set; } = [];
    public bool Editable => Proposals is not null && Call.ConfirmedAt is null;

    private int OrganizationId => User.OrganizationId()!.Value;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        foreach (var s in await evaluation.ScoresOfAsync(Member.Id, ct))
        {
            Scores[EvaluationService.Cell(s.ProposalId, s.CriterionId)] = s.Score.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Comments[EvaluationService.Cell(s.ProposalId, s.CriterionId)] = s.Comment;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, Dictionary<string, string?> scores, Dictionary<string, string?> comments, string? submit, CancellationToken ct)
    {
        var result = await evaluation.SaveSheetAsync(OrganizationId, id, User.UserId()!, scores, comments, submit == "1", ct);
        return await this.OutcomeAsync(result, t[submit == "1" ? "Eval_SheetSubmittedNotice" : "Eval_SheetSaved"].Value, new { id }, async () =>
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            Scores = scores;
            Comments = comments;
            return Page();
        }, key: field => field.Length == 0 ? "" : $"score-{field}", invalidIs422: true);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var call = await evaluation.FindOwnCallAsync(OrganizationId, id, ct);
        var member = call is null ? null : await evaluation.MemberAsync(id, User.UserId()!, ct);
        if (call is null || member is null) return false;
        Call = call;
        Member = member;
        Proposals = await evaluation.OpenedProposalsAsync(call, ct);
        return true;
    }
}
