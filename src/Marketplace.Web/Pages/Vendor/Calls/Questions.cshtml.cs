namespace Marketplace.Web.Pages.Vendor.Calls;

/// <summary>The vendor's own questions to a call, and the form to ask one before the question deadline.</summary>
public sealed class QuestionsModel(ProposalService proposals, VendorService vendors, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    public ProposalCall Call { get; private set; } = null!;
    public List<CallQuestion> Mine { get; private set; } = [];
    public string? Body { get; private set; }
    public bool Open => Call.Status == CallStatus.Published && clock.GetUtcNow().UtcDateTime <= Call.QuestionDeadline;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await vendors.CompanyIdAsync(User.UserId()!, ct) is not { } companyId) return NotFound();
        var call = await proposals.FindPublicCallAsync(id, ct);
        if (call is null) return NotFound();
        Call = call;
        Mine = await vendors.OwnQuestionsAsync(companyId, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? body, CancellationToken ct)
    {
        var result = await vendors.AskAsync(User.UserId()!, id, body, ct);
        return await this.OutcomeAsync(result, t["Call_QuestionSent"].Value, new { id }, async () =>
        {
            var page = await OnGetAsync(id, ct);
            Body = body;
            return page;
        }, invalidIs422: true);
    }
}
