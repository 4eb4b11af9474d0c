namespace Marketplace.Web.Pages.Dispatch;

/// <summary>A proposal to the signed-in CIO: the request it is for, and accept or decline.</summary>
public sealed class ProposalModel(DispatchMatchingService matching, IStringLocalizer<SharedResource> t) : PageModel
{
    public DispatchProposal Proposal { get; private set; } = null!;
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var p = await matching.ForExpertAsync(User.UserId()!, id, ct);
        if (p is null) return NotFound();
        Proposal = p;
        Token = matching.TokenOf(p);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? answer, string? reason, string? token, CancellationToken ct)
    {
        return await this.OutcomeAsync(await matching.CioAnswerAsync(User.UserId()!, id, answer == "accept", reason, token, ct), t[answer == "accept" ? "Dispatch_AcceptedNotice" : "Dispatch_DeclinedNotice"].Value, new { id }, () => OnGetAsync(id, ct));
    }
}
