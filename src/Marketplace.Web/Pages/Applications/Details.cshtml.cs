namespace Marketplace.Web.Pages.Applications;

/// <summary>The expert's own application: stage, history, messages, withdraw or decline an offer.</summary>
public sealed class DetailsModel(ApplicationService applications, MarketplaceDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public Application Application { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public string? MessageError { get; private set; }

    /// <summary>A refused message as typed, shown again in the box so nothing is lost.</summary>
    public string? MessageBody { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await applications.FindForExpertAsync(User.UserId()!, id, ct);
        if (found is null) return NotFound();
        Application = found;
        Token = db.ConcurrencyTokenOf(found);
        return Page();
    }

    /// <summary>Set when the page shows the confirmation step of withdrawing.</summary>
    public ConfirmStep? Confirm { get; private set; }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, string? token, string? reason, bool confirm, CancellationToken ct)
    {
        if (confirm) return await Handle(id, applications.WithdrawAsync(User.UserId()!, id, token, ct, reason), "Application_Withdrawn", ct);
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult) return page;
        if (!Stages.IsOpen(Application.Stage))
        {
            ModelState.AddModelError("", t["Stage_CannotWithdraw"]);
            return page;
        }
        Confirm = new ConfirmStep(t["Application_ConfirmWithdrawTitle", Application.Opening!.Title], t["Application_ConfirmWithdrawWarning"],
            $"/applications/{id}?handler=Withdraw", t["Application_ConfirmWithdraw"], $"/applications/{id}", [new("token", token ?? Token)],
            ReasonLabel: t["Application_WithdrawReason"], Reason: reason);
        return page;
    }

    public Task<IActionResult> OnPostDeclineAsync(int id, string? token, CancellationToken ct) =>
        Handle(id, applications.DeclineOfferAsync(User.UserId()!, id, token, ct), "Application_Declined", ct);

    public async Task<IActionResult> OnPostMessageAsync(int id, string? body, CancellationToken ct) =>
        await this.OutcomeAsync(await applications.ExpertMessageAsync(User.UserId()!, id, body, ct), t["Application_MessageSent"].Value, new { id }, refused =>
        {
            MessageError = refused.FirstError;
            MessageBody = body;
            return OnGetAsync(id, ct);
        });

    private async Task<IActionResult> Handle(int id, Task<ServiceResult<Application>> action, string doneKey, CancellationToken ct) =>
        await this.OutcomeAsync(await action, t[doneKey].Value, new { id }, () => OnGetAsync(id, ct), conflictIs409: true);
}
