using Marketplace.Web.Features.Matching;

namespace Marketplace.Web.Pages.Admin.Dispatch;

/// <summary>
/// The office's matching page for one request: the request, its hosts' readiness, certified CIOs ranked with reasons,
/// the proposal (one at a time) and, once both sides accepted, approval of the dispatch.
/// </summary>
public sealed class RequestModel(RequestService requests, DispatchMatchingService matching, ReadinessService readiness, IStringLocalizer<SharedResource> t) : PageModel
{
    public DispatchRequest Item { get; private set; } = null!;
    public RankerInUse? Ranker { get; private set; }
    public List<DispatchCandidate> Candidates { get; private set; } = [];
    public List<DispatchProposal> Proposals { get; private set; } = [];
    public Dictionary<int, bool> Ready { get; private set; } = [];
    public Dictionary<int, string> Tokens { get; private set; } = [];
    public int? ChosenExpertId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await requests.FindForOfficeAsync(id, ct);
        if (found is null) return NotFound();
        Item = found;
        foreach (var h in found.Hosts) Ready[h.OrganizationId] = (await readiness.StatusAsync(h.OrganizationId, ct)).IsReady;
        Proposals = await matching.ProposalsOfRequestAsync(id, ct);
        Tokens = Proposals.ToDictionary(p => p.Id, matching.TokenOf);
        if (found.Status == DispatchRequestStatus.Submitted && !Proposals.Any(p => p.IsOpen))
        {
            (Ranker, Candidates) = await matching.CandidatesAsync(found, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostProposeAsync(int id, int? expertId, string? overrideReason, CancellationToken ct)
    {
        if (expertId is null)
        {
            ModelState.AddModelError("expertId", t["Val_Choose", t["Dispatch_Cio"]]);
            return await OnGetAsync(id, ct); // NotFound when a posted id names nothing
        }
        return await Handle(id, matching.ProposeAsync(User.UserId()!, id, expertId.Value, overrideReason, ct), "Dispatch_Proposed", ct, expertId);
    }

    public Task<IActionResult> OnPostWithdrawAsync(int id, int proposalId, string? reason, string? token, CancellationToken ct) =>
        Handle(id, matching.WithdrawAsync(proposalId, reason, token, ct), "Dispatch_ProposalWithdrawn", ct);

    public async Task<IActionResult> OnPostApproveAsync(int id, int proposalId, string? start, string? termMonths, CancellationToken ct)
    {
        var result = await matching.ApproveAsync(User.UserId()!, proposalId, start, termMonths, ct);
        // Shown again through OnGetAsync: NotFound when a posted id names nothing.
        return await this.OutcomeAtAsync(result, t["Dispatch_Approved"].Value, $"/admin/dispatch/dispatches/{result.Id}", () => OnGetAsync(id, ct));
    }

    private async Task<IActionResult> Handle(int id, Task<ServiceResult> action, string notice, CancellationToken ct, int? chosen = null)
    {
        return await this.OutcomeAsync(await action, t[notice].Value, new { id }, async () =>
        {
            var page = await OnGetAsync(id, ct); // NotFound when a posted id names nothing
            ChosenExpertId = chosen;
            return page;
        });
    }
}
