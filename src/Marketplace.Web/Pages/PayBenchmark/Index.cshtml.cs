using Marketplace.Web.Features.PayBenchmark;
using Microsoft.AspNetCore.OutputCaching;

namespace Marketplace.Web.Pages.PayBenchmark;

/// <summary>
/// The public pay benchmark: the selection's total and its breakdown by one dimension (the first one not filtered,
/// unless <see cref="By"/> names another), as a box chart and as a table with the number of postings in each group.
/// </summary>
[OutputCache(PolicyName = PublicCacheSetup.Policy)]
public sealed class IndexModel(PayBenchmarkService benchmark, PayBenchmarkDisplay display, TaxonomyCatalog taxonomy) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Engagement { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Band { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? By { get; set; }

    public PayDistribution Distribution { get; private set; } = PayDistribution.Empty;
    public List<BenchmarkRow> Rows { get; private set; } = [];
    public PayChart Chart { get; private set; } = null!;
    public int HiddenRows => Rows.Count(r => !PayDistribution.Shown(r.Group) && r.Group is not null);

    public static readonly IReadOnlyList<string> Dimensions = ["role", "engagement", "band"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // An unknown code (an old link) filters nothing rather than failing the page.
        if (!TaxonomyCatalog.Contains(taxonomy.Roles, Role)) Role = null;
        if (!TaxonomyCatalog.Contains(taxonomy.Engagements, Engagement)) Engagement = null;
        if (!WorkloadBands.IsKnown(Band)) Band = null;
        var open = Dimensions.Where(d => Filter(d) is null).ToList();
        By = By is not null && open.Contains(By) ? By : open.FirstOrDefault();

        Distribution = await benchmark.CurrentAsync(ct);
        var total = new GroupKey(Role, Engagement, Band);
        Rows = [new BenchmarkRow(display.GroupLabel(total), display.GroupLabel(total), total, Distribution.Find(total), true)];
        var values = By switch
        {
            "role" => taxonomy.Roles.Select(r => r.Code),
            "engagement" => taxonomy.Engagements.Select(e => e.Code),
            "band" => WorkloadBands.All,
            _ => [],
        };
        foreach (var v in values)
        {
            var key = By switch
            {
                "role" => total with { RoleCode = v },
                "engagement" => total with { EngagementCode = v },
                _ => total with { Band = v },
            };
            var label = By switch { "role" => display.RoleLabel(v), "engagement" => display.EngagementLabel(v), _ => display.BandLabel(v) };
            Rows.Add(new BenchmarkRow(label, display.GroupLabel(key), key, Distribution.Find(key), false));
        }
        Chart = display.Chart([.. Rows.Where(r => PayDistribution.Shown(r.Group)).Select(r => (r.IsTotal ? display.TotalLabel() : r.Label, r.Group!))]);
    }

    private string? Filter(string dimension) => dimension switch { "role" => Role, "engagement" => Engagement, _ => Band };

    public string ApiUrl => QueryHelpers("/api/pay-benchmark", ("role", Role), ("engagement", Engagement), ("band", Band));

    private static string QueryHelpers(string path, params (string Key, string? Value)[] query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value)));
}

/// <summary>One line of the table: a group (null when no posting is in it), its label in the chart and in full.</summary>
public sealed record BenchmarkRow(string Label, string FullLabel, GroupKey Key, PayGroup? Group, bool IsTotal);
