namespace Marketplace.Web.Features.PayBenchmark;

/// <summary>The pay benchmark as JSON: the groups (never one under the minimum size), and where a typed pay would stand.</summary>
public static class PayBenchmarkApi
{
    public static IEndpointRouteBuilder MapPayBenchmarkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/pay-benchmark").WithTags("Pay benchmark");
        api.MapGet("/", async (string? role, string? engagement, string? band, PayBenchmarkService benchmark, TaxonomyCatalog taxonomy, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (!string.IsNullOrEmpty(role) && !TaxonomyCatalog.Contains(taxonomy.Roles, role)) errors["role"] = [$"Unknown role code: {role}"];
            if (!string.IsNullOrEmpty(engagement) && !TaxonomyCatalog.Contains(taxonomy.Engagements, engagement)) errors["engagement"] = [$"Unknown engagement code: {engagement}"];
            if (!string.IsNullOrEmpty(band) && !WorkloadBands.IsKnown(band)) errors["band"] = [$"Unknown workload band: {band} (one of {string.Join(", ", WorkloadBands.All)})"];
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var d = await benchmark.CurrentAsync(ct);
            var filter = new GroupKey(NullIfEmpty(role), NullIfEmpty(engagement), NullIfEmpty(band));
            return Results.Ok(new
            {
                PayDistribution.MinimumGroupSize,
                Percentiles = "linear interpolation between closest ranks (Excel PERCENTILE.INC, R type 7), rounded to the yen",
                d.PostingCount,
                d.BuiltAt,
                Filter = new { filter.RoleCode, filter.EngagementCode, filter.Band },
                Groups = d.ShownGroups(filter)
                    .OrderBy(g => g.Key.RoleCode is null ? "" : g.Key.RoleCode, StringComparer.Ordinal)
                    .ThenBy(g => g.Key.EngagementCode is null ? "" : g.Key.EngagementCode, StringComparer.Ordinal)
                    .ThenBy(g => g.Key.Band is null ? "" : g.Key.Band, StringComparer.Ordinal)
                    .Select(Group),
                HiddenGroupCount = d.HiddenGroupCount(filter),
            });
        }).CacheForAnonymous()
          .WithName("PayBenchmark")
          .WithSummary("Day rates of published postings and recorded awards by role, engagement form and workload band (upto1, 2to3, 4to5, unstated): "
              + "count, min, 10th/25th/50th/75th/90th percentile, max. A null dimension is the group over every value of it. Filters: role, engagement, band. "
              + "Groups of fewer than minimumGroupSize postings are left out and only counted.");
        api.MapGet("/position", async ([AsParameters] PayQuery query, PayBenchmarkService benchmark, PayBenchmarkDisplay display, CancellationToken ct) =>
        {
            var read = benchmark.Read(query);
            var position = await benchmark.PositionOfAsync(query, ct);
            return Results.Ok(new
            {
                DayRateYen = read?.DayRateYen,
                WorkloadBand = read?.Band,
                PayDistribution.MinimumGroupSize,
                Group = position?.Group is { } g ? Group(g) : null,
                Percentile = position?.Group is null ? (int?)null : position.Percentile,
                CountBelow = position?.Group is null ? (int?)null : position.Below,
                Text = position is null ? display.EnterPayText() : display.Describe(position),
            });
        }).WithName("PayBenchmarkPosition")
          .WithSummary("Where a posted pay would stand among comparable postings, with the same fields as the opening form: role, engagement, payAmount "
              + "(as written, e.g. 27万3,800円), payUnit (Year, Month, Day, Hour, ContractTotal), payNotStated, payTaxIncluded, daysPerWeek, daysPerWeekNotStated, "
              + "firstTermMonths. The comparison group is the same role, form and workload band, else the same role and form; none under minimumGroupSize.");
        return app;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static object Group(PayGroup g) => new
    {
        Role = g.Key.RoleCode, Engagement = g.Key.EngagementCode, Band = g.Key.Band, g.Count,
        MinYen = g.Min, P10Yen = g.P10, P25Yen = g.P25, MedianYen = g.Median, P75Yen = g.P75, P90Yen = g.P90, MaxYen = g.Max,
    };
}
