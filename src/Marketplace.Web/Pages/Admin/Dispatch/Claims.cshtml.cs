namespace Marketplace.Web.Pages.Admin.Dispatch;

/// <summary>Every host's incentive claims, filterable by status and round (national office only).</summary>
public sealed class ClaimsModel(IncentiveService incentives, RoundService rounds) : PageModel
{
    public Paged<IncentiveClaim> Result { get; private set; } = Paged<IncentiveClaim>.Empty();
    public List<DispatchRound> Rounds { get; private set; } = [];
    public ClaimStatus? Status { get; private set; }
    public int? RoundId { get; private set; }

    public async Task OnGetAsync(ClaimStatus? status, int? round, CancellationToken ct = default)
    {
        Status = status;
        RoundId = round;
        Rounds = await rounds.ListAsync(ct);
        Result = await incentives.ListAsync(null, status, round, Infrastructure.ListUrl.PageOf(Request), ct);
    }

    public string PageUrl(int page)
    {
        var q = new List<KeyValuePair<string, string?>>();
        if (Status is { } s) q.Add(new("status", s.ToString()));
        if (RoundId is { } r) q.Add(new("round", r.ToString(CultureInfo.InvariantCulture)));
        if (page > 1) q.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        return "/admin/dispatch/claims" + QueryString.Create(q).ToUriComponent();
    }
}
