namespace Marketplace.Web.Pages.Cases.Advice;

/// <summary>One advice thread, for its two sides only: the answer, messages and the outcome.</summary>
[Authorize]
public sealed class ThreadModel(AdviceService advice, IStringLocalizer<SharedResource> t) : PageModel
{
    public AdviceRequest Item { get; private set; } = null!;
    public AdviceSide Side { get; private set; }
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var me = User.AdviceParty();
        var r = await advice.FindAsync(me, id, ct);
        if (r is null) return NotFound();
        Item = r;
        Side = advice.SideOf(me, r);
        Token = advice.TokenOf(r);
        return Page();
    }

    public async Task<IActionResult> OnPostAnswerAsync(int id, string? answer, string? time, string? note, string? token, CancellationToken ct) =>
        await this.OutcomeAsync(await advice.AnswerAsync(User.AdviceParty(), id, answer, time, note, token, ct), t["Advice_Answered"].Value, new { id }, () => OnGetAsync(id, ct));

    public async Task<IActionResult> OnPostMessageAsync(int id, string? text, CancellationToken ct) =>
        await this.OutcomeAsync(await advice.MessageAsync(User.AdviceParty(), id, text, ct), t["Advice_MessageSent"].Value, new { id }, () => OnGetAsync(id, ct));

    public async Task<IActionResult> OnPostCompleteAsync(int id, string? outcome, string? token, CancellationToken ct) =>
        await this.OutcomeAsync(await advice.CompleteAsync(User.AdviceParty(), id, outcome, token, ct), t["Advice_Completed"].Value, new { id }, () => OnGetAsync(id, ct));
}
