namespace Marketplace.Web.Pages.Manage.Dispatch;

/// <summary>Files a dispatch request in the open round, alone or jointly with other municipalities.</summary>
public sealed class NewRequestModel(RoundService rounds, RequestService requests, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public RequestInput Input { get; set; } = new();

    public DispatchRound? Round { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Round = await rounds.OpenForRequestsAsync(ct);
        if (Round is not null) Input.TermMonths = Round.MinTermMonths.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await requests.SubmitAsync(User.OrganizationId()!.Value, User.UserId()!, Input, ct);
        return await this.OutcomeAtAsync(result, t["Dispatch_RequestSubmitted"].Value, $"/manage/dispatch/requests/{result.Id}", async () =>
        {
            Round = await rounds.OpenForRequestsAsync(ct);
            return Page();
        }, prefix: "Input", clearFirst: true);
    }
}
