namespace Marketplace.Web.Pages.Admin.Dispatch;

/// <summary>Coverage of Japan by prefecture, the round's budget and the pipeline, each table downloadable as CSV.</summary>
public sealed class DashboardModel(DispatchDashboard dashboard, RoundService rounds) : PageModel
{
    public DashboardData Data { get; private set; } = null!;
    public List<DispatchRound> Rounds { get; private set; } = [];

    /// <summary>What the coverage map shades by (<see cref="PrefectureCoverage.Measures"/>; dispatches unless asked).</summary>
    public string Measure { get; private set; } = PrefectureCoverage.Measures[0];

    public async Task OnGetAsync(int? round, string? map, CancellationToken ct)
    {
        if (map is not null && PrefectureCoverage.Measures.Contains(map)) Measure = map;
        Rounds = await rounds.ListAsync(ct);
        Data = await dashboard.LoadAsync(round, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(int? round, string? table, CancellationToken ct)
    {
        if (table is null || !DispatchDashboard.Tables.Contains(table)) return NotFound();
        var data = await dashboard.LoadAsync(round, ct);
        return File(dashboard.Csv(data, table), "text/csv; charset=utf-8", $"dispatch-{table}-{data.Round?.FiscalYear.ToString() ?? "all"}.csv");
    }

    public string CsvUrl(string table) => $"/admin/dispatch/dashboard?handler=Csv&table={table}" + (Data.Round is { } r ? $"&round={r.Id}" : "");
}
