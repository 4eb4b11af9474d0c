namespace Marketplace.Web.Pages.Admin.Dispatch;

/// <summary>Certification applications, filterable by status and name.</summary>
public sealed class CertificationsModel(CertificationService certification) : PageModel
{
    public Paged<CertificationApplication> Result { get; private set; } = Paged<CertificationApplication>.Empty();
    public CertificationApplicationStatus? Status { get; private set; }
    public string? Q { get; private set; }

    public async Task OnGetAsync(CertificationApplicationStatus? status, string? q, CancellationToken ct = default)
    {
        Status = status;
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        Result = await certification.ApplicationsAsync(status, Q, Infrastructure.ListUrl.PageOf(Request), Paging.PageSize, ct);
    }

    public string PageUrl(int page)
    {
        var q = new List<KeyValuePair<string, string?>>();
        if (Status is { } s) q.Add(new("status", s.ToString()));
        if (Q is not null) q.Add(new("q", Q));
        if (page > 1) q.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        return "/admin/dispatch/certifications" + QueryString.Create(q).ToUriComponent();
    }
}
