namespace Marketplace.Web.Pages.Manage.Dispatch;

/// <summary>One of the government's requests: confirm a joint request, answer a proposal, withdraw.</summary>
public sealed class RequestDetailModel(RequestService requests, DispatchMatchingService matching, IStringLocalizer<SharedResource> t) : PageModel
{
    public DispatchRequest Item { get; private set; } = null!;
    public List<DispatchProposal> Proposals { get; private set; } = [];
    public Dictionary<int, string> Tokens { get; private set; } = [];
    public string Token { get; private set; } = "";
    public int Org => User.OrganizationId()!.Value;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var r = await requests.FindForHostAsync(Org, id, ct);
        if (r is null) return NotFound();
        Item = r;
        Token = requests.TokenOf(r);
        Proposals = await matching.ProposalsOfRequestAsync(id, ct);
        Tokens = Proposals.ToDictionary(p => p.Id, matching.TokenOf);
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct) =>
        Handle(id, requests.ConfirmAsync(Org, User.UserId()!, id, ct), "Dispatch_ConfirmedNotice", ct);

    public Task<IActionResult> OnPostWithdrawAsync(int id, string? token, CancellationToken ct) =>
        Handle(id, requests.WithdrawAsync(Org, id, token, ct), "Dispatch_RequestWithdrawnNotice", ct);

    public Task<IActionResult> OnPostAnswerAsync(int id, int proposalId, string? answer, string? reason, string? token, CancellationToken ct) =>
        Handle(id, matching.HostAnswerAsync(Org, User.UserId()!, proposalId, answer == "accept", reason, token, ct), answer == "accept" ? "Dispatch_AcceptedNotice" : "Dispatch_DeclinedNotice", ct);

    private async Task<IActionResult> Handle(int id, Task<ServiceResult> action, string notice, CancellationToken ct)
    {
        return await this.OutcomeAsync(await action, t[notice].Value, new { id }, () => OnGetAsync(id, ct));
    }
}
