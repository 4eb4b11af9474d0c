namespace Marketplace.Web.Pages.Manage.Dispatch;

/// <summary>This government's own incentive claims, filterable by status.</summary>
public sealed class ClaimsModel(IncentiveService incentives) : PageModel
{
    public Paged<IncentiveClaim> Result { get; private set; } = Paged<IncentiveClaim>.Empty();
    public ClaimStatus? Status { get; private set; }

    public async Task OnGetAsync(ClaimStatus? status, CancellationToken ct = default)
    {
        Status = status;
        Result = await incentives.ListAsync(User.OrganizationId()!.Value, status, null, Infrastructure.ListUrl.PageOf(Request), ct);
    }

    public string PageUrl(int page)
    {
        var q = new List<KeyValuePair<string, string?>>();
        if (Status is { } s) q.Add(new("status", s.ToString()));
        if (page > 1) q.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        return "/manage/dispatch/claims" + QueryString.Create(q).ToUriComponent();
    }
}
