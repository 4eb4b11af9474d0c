namespace Marketplace.Web.Pages.Admin.Dispatch;

/// <summary>One claim: how its amount was computed, the decision (approve, reduce, reject) and payments.</summary>
public sealed class ClaimModel(IncentiveService incentives, IStringLocalizer<SharedResource> t, TimeProvider clock, Localization.DisplayFormatter fmt) : PageModel
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

    /// <summary>Set when the page shows the confirmation step of recording a payment.</summary>
    public ConfirmStep? Confirm { get; private set; }

    public async Task<IActionResult> OnPostPayAsync(int id, string? payAmount, string? paidOn, string? token, bool confirm, CancellationToken ct)
    {
        if (confirm) return await Handle(id, incentives.PayAsync(User.UserId()!, id, payAmount, paidOn, token, ct), "Claim_PaymentRecorded", ct);
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult) return page;
        // The amounts are shown as the office will record them; the service validates them once confirmed.
        var amount = Marketplace.Matching.Text.JapaneseText.TryParseYen(payAmount, out var yen) ? fmt.Yen(yen) : payAmount ?? "";
        var day = Features.Openings.OpeningService.TryParseDate(paidOn, out var d) ? fmt.Date(d) : paidOn ?? "";
        Confirm = new ConfirmStep(t["Claim_ConfirmPayTitle"], t["Claim_ConfirmPayWarning", amount, day], $"/admin/dispatch/claims/{id}?handler=Pay",
            t["Claim_ConfirmPay"], $"/admin/dispatch/claims/{id}", [new("payAmount", payAmount ?? ""), new("paidOn", paidOn ?? ""), new("token", token ?? Token)], Danger: false);
        return page;
    }

    // Shown again through OnGetAsync: NotFound when a posted id names nothing.
    private async Task<IActionResult> Handle(int id, Task<ServiceResult> action, string notice, CancellationToken ct) =>
        await this.OutcomeAsync(await action, t[notice].Value, new { id }, () => OnGetAsync(id, ct));
}
