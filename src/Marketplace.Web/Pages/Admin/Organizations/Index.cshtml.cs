using Marketplace.Web.Features.Organizations;

namespace Marketplace.Web.Pages.Admin.Organizations;

/// <summary>The list of registered governments (filterable) and a form to add one municipality.</summary>
public sealed class IndexModel(OrganizationService organizations, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Element ids of the add form's inputs, by the field names OrganizationService reports.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldIds = new Dictionary<string, string>
    {
        ["Code"] = "new-code",
        ["Kind"] = "new-kind",
        ["NameJa"] = "new-name-ja",
        ["NameEn"] = "new-name-en",
    };

    public sealed class AddInput
    {
        public string? Code { get; set; }
        public string? Kind { get; set; }
        public string? NameJa { get; set; }
        public string? NameEn { get; set; }
    }

    [BindProperty]
    public AddInput Input { get; set; } = new();

    public string? Q { get; private set; }
    public string? Prefecture { get; private set; }
    public string? Kind { get; private set; }
    public List<Prefecture> Prefectures { get; private set; } = [];
    public Paged<Organization> Result { get; private set; } = Paged<Organization>.Empty(OrganizationService.PageSize);
    /// <summary>What to fix in the add form, by the field names OrganizationService reports (see <see cref="FieldIds"/>).</summary>
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ReadFilter();
        var input = new NewOrganization(Input.Code, Input.Kind, Input.NameJa, Input.NameEn);
        var result = await organizations.AddAsync(input, ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            await LoadAsync(ct);
            return Page();
        }
        TempData["Notice"] = t["Admin_OrgAdded", Input.NameJa?.Trim() ?? "", JapaneseText.NormalizeCode(Input.Code)].Value;
        return LocalRedirect("/admin/organizations" + FilterQuery(null));
    }

    /// <summary>This page's address for another page of results, keeping the filter.</summary>
    public string PageUrl(int page) => "/admin/organizations" + FilterQuery(page);

    private string FilterQuery(int? page)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrEmpty(Q)) pairs.Add(new("q", Q));
        if (!string.IsNullOrEmpty(Prefecture)) pairs.Add(new("prefecture", Prefecture));
        if (!string.IsNullOrEmpty(Kind)) pairs.Add(new("kind", Kind));
        if (page is > 1) pairs.Add(new("page", page.Value.ToString(CultureInfo.InvariantCulture)));
        return QueryString.Create(pairs).ToUriComponent();
    }

    /// <summary>The filter comes from the query string, also on POST (the add form posts back to the filtered address).</summary>
    private void ReadFilter()
    {
        Q = NullIfBlank(Request.Query["q"]);
        Prefecture = NullIfBlank(Request.Query["prefecture"]);
        Kind = OrganizationKinds.Parse(Request.Query["kind"]) is null ? null : NullIfBlank(Request.Query["kind"]);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ReadFilter();
        var page = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;

        Prefectures = await organizations.PrefecturesAsync(ct);
        Result = await organizations.SearchAsync(Q, Prefecture, Kind, page, ct);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
