using System.Globalization;
using System.Text;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Matching.Text;
using Marketplace.Web.Features.Openings;
using Marketplace.Web.Features.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Admin.Organizations;

/// <summary>The list of registered governments (filterable) and a form to add one municipality.</summary>
public sealed class IndexModel(MarketplaceDbContext db, OrganizationService organizations, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 50;

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
    public Paged<Organization> Result { get; private set; } = new([], 1, PageSize, 0);
    public List<(string Field, string Message)> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ReadFilter();
        var input = new NewOrganization(Input.Code, Input.Kind, Input.NameJa, Input.NameEn);
        Errors = await organizations.AddAsync(input, ct);
        if (Errors.Count > 0)
        {
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

        Prefectures = await db.Prefectures.AsNoTracking().OrderBy(x => x.Code).ToListAsync(ct);

        var query = db.Organizations.AsNoTracking().Include(o => o.Prefecture).AsQueryable();
        if (Q is not null)
        {
            var text = Q.Normalize(NormalizationForm.FormKC).Trim();
            var lower = text.ToLowerInvariant();
            var code = JapaneseText.NormalizeCode(Q);
            query = code.Length > 0
                ? query.Where(o => o.NameJa.Contains(text) || o.NameEn.ToLower().Contains(lower) || o.Code.Contains(code))
                : query.Where(o => o.NameJa.Contains(text) || o.NameEn.ToLower().Contains(lower));
        }
        if (Prefecture is not null) query = query.Where(o => o.PrefectureCode == Prefecture);
        if (OrganizationKinds.Parse(Kind) is { } kind) query = query.Where(o => o.Kind == kind);

        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Min(page, pageCount);
        var items = await query.OrderBy(o => o.Code).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Result = new Paged<Organization>(items, page, PageSize, total);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
