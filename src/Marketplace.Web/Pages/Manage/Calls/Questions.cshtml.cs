namespace Marketplace.Web.Pages.Manage.Calls;

/// <summary>Vendors' questions on an own call; an answer is published on the call page without the asker's name.</summary>
public sealed class QuestionsModel(CallService calls, MarketplaceDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public ProposalCall Call { get; private set; } = null!;
    public List<CallQuestion> Questions { get; private set; } = [];
    public Dictionary<int, string> CompanyNames { get; private set; } = [];

    private int OrganizationId => User.OrganizationId()!.Value;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var call = await calls.FindOwnAsync(OrganizationId, id, ct);
        if (call is null) return NotFound();
        Call = call;
        Questions = await calls.QuestionsAsync(OrganizationId, id, ct);
        var ids = Questions.Select(q => q.VendorCompanyId).Distinct().ToList();
        CompanyNames = await db.VendorCompanies.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAnswerAsync(int id, int questionId, string? answer, CancellationToken ct)
    {
        var result = await calls.AnswerAsync(OrganizationId, id, questionId, User.UserId()!, answer, ct);
        return await this.OutcomeAsync(result, t["Call_AnswerPublished"].Value, new { id }, () => OnGetAsync(id, ct),
            key: field => field.Length == 0 ? "" : $"answer-{questionId}", invalidIs422: true);
    }
}
