using Marketplace.Data.Entities;
using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.Dispatch;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Admin.Dispatch;

/// <summary>One claim: how its amount was computed, the decision (approve, reduce, reject) and payments.</summary>
public sealed class ClaimModel(IncentiveService incentives, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    public IncentiveClaim Claim { get; private set; } = null!;
    public TaxMeasureLine? Line { get; private set; }
    public string Token { get; private set; } = "";
    public string Today { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var claim = await incentives.ForOfficeAsync(id, ct);
        if (claim is null) return NotFound();
        Claim = claim;
        Token = incentives.TokenOf(claim);
        Line = IncentiveService.LineOf(claim);
        Today = Localization.DisplayFormatter.TodayInJapan(clock).ToString("yyyy-MM-dd");
        return Page();
    }

    public Task<IActionResult> OnPostDecideAsync(int id, ClaimDecision decision, string? amount, string? reason, string? token, CancellationToken ct) =>
        Handle(id, incentives.DecideAsync(User.UserId()!, id, decision, amount, reason, token, ct), "Claim_Decided", ct);

    public Task<IActionResult> OnPostPayAsync(int id, string? payAmount, string? paidOn, string? token, CancellationToken ct) =>
        Handle(id, incentives.PayAsync(User.UserId()!, id, payAmount, paidOn, token, ct), "Claim_PaymentRecorded", ct);

    private async Task<IActionResult> Handle(int id, Task<DispatchResult> action, string notice, CancellationToken ct)
    {
        return await this.OutcomeAsync(await action, t[notice].Value, new { id }, async () =>
        {
            await OnGetAsync(id, ct);
            return Page();
        });
    }
}
