namespace Marketplace.Web.Features.Dispatch;

public sealed record PrefectureCoverage(string Code, string NameJa, string NameEn, int Requests, int Dispatches, int CertifiedCios, int Openings)
{
    /// <summary>What the coverage map can show, in the order the page offers them.</summary>
    public static readonly string[] Measures = ["dispatches", "requests", "openings", "cios"];

    public int Count(string measure) => measure switch
    {
        "requests" => Requests,
        "openings" => Openings,
        "cios" => CertifiedCios,
        _ => Dispatches,
    };
}

/// <summary>One stage of the certification and training pipeline, or of the round's matching, with how many are in it.</summary>
public sealed record PipelineRow(string Key, int Count);

public sealed record DashboardData(
    DispatchRound? Round,
    IReadOnlyList<PrefectureCoverage> Prefectures,
    (long Budget, long Committed, long Paid, long Left)? Budget,
    IReadOnlyList<PipelineRow> Pipeline);

/// <summary>The office's view of coverage, budget and pipeline, and the same tables as CSV.</summary>
public sealed class DispatchDashboard(MarketplaceDbContext db, RoundService rounds, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    public static readonly string[] Tables = ["prefectures", "budget", "pipeline"];

    public async Task<DashboardData> LoadAsync(int? roundId, CancellationToken ct = default)
    {
        var today = DisplayFormatter.TodayInJapan(clock);
        var round = roundId is { } id
            ? await db.DispatchRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)
            : await db.DispatchRounds.AsNoTracking().OrderByDescending(r => r.FiscalYear).FirstOrDefaultAsync(ct);

        var prefectures = await db.Prefectures.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        var rid = round?.Id ?? 0;
        // Each host of a joint request counts in its own prefecture.
        var requestPrefectures = await db.DispatchRequestHosts.AsNoTracking()
            .Where(h => db.DispatchRequests.Any(r => r.Id == h.RequestId && r.RoundId == rid && r.Status != DispatchRequestStatus.Withdrawn))
            .Select(h => new { h.RequestId, h.Organization!.PrefectureCode }).Distinct().ToListAsync(ct);
        var dispatchPrefectures = await db.DispatchRequestHosts.AsNoTracking()
            .Where(h => db.Dispatches.Any(d => d.RequestId == h.RequestId && d.RoundId == rid))
            .Select(h => new { h.RequestId, h.Organization!.PrefectureCode }).Distinct().ToListAsync(ct);
        var cioPrefectures = await db.Certifications.AsNoTracking()
            .Where(c => c.RevokedAt == null && c.ValidFrom <= today && c.ValidUntil >= today && c.Expert!.AnonymizedAt == null)
            .Select(c => c.Expert!.HomePrefectureCode).ToListAsync(ct);
        var openingPrefectures = await db.Openings.AsNoTracking().Where(o => o.Status == OpeningStatus.Published)
            .Select(o => o.Organization!.PrefectureCode).ToListAsync(ct);
        var coverage = prefectures.Select(p => new PrefectureCoverage(p.Code, p.NameJa, p.NameEn,
            requestPrefectures.Count(x => x.PrefectureCode == p.Code),
            dispatchPrefectures.Count(x => x.PrefectureCode == p.Code),
            cioPrefectures.Count(c => c == p.Code),
            openingPrefectures.Count(c => c == p.Code))).ToList();

        var pipeline = new List<PipelineRow>();
        var applications = await db.CertificationApplications.AsNoTracking().GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        foreach (var s in Enum.GetValues<CertificationApplicationStatus>())
            pipeline.Add(new PipelineRow($"Cert_Status_{s}", applications.FirstOrDefault(a => a.Key == s)?.Count ?? 0));
        var cioModules = await db.TrainingModules.CountAsync(m => m.Course!.Audience == TrainingAudience.Cio, ct);
        // Small tables: counted in memory (distinct counts per group need APPLY, which SQLite lacks).
        var cioDone = (await db.TrainingCompletions.AsNoTracking().Where(c => c.ExpertProfileId != null && c.Module!.Course!.Audience == TrainingAudience.Cio)
                .Select(c => new { c.ExpertProfileId, c.ModuleId }).ToListAsync(ct))
            .GroupBy(c => c.ExpertProfileId).Select(g => g.Select(c => c.ModuleId).Distinct().Count()).ToList();
        pipeline.Add(new PipelineRow("Course_Pipeline_CioInTraining", cioDone.Count(c => c < cioModules)));
        pipeline.Add(new PipelineRow("Course_Pipeline_CioTrained", cioDone.Count(c => c >= cioModules && cioModules > 0)));
        pipeline.Add(new PipelineRow("Cert_Pipeline_Valid", cioPrefectures.Count));
        pipeline.Add(new PipelineRow("Cert_Pipeline_Expired", await db.Certifications.CountAsync(c => c.RevokedAt == null && c.ValidUntil < today, ct)));
        pipeline.Add(new PipelineRow("Cert_Pipeline_Revoked", await db.Certifications.CountAsync(c => c.RevokedAt != null, ct)));
        var hostModules = await db.TrainingModules.CountAsync(m => m.Course!.Audience == TrainingAudience.Host, ct);
        var hostPeople = (await db.TrainingCompletions.AsNoTracking().Where(c => c.OrganizationId != null && c.Module!.Course!.Audience == TrainingAudience.Host)
                .Select(c => new { c.OrganizationId, c.PersonName, c.ModuleId }).ToListAsync(ct))
            .GroupBy(c => new { c.OrganizationId, c.PersonName }).Select(g => new { g.Key.OrganizationId, Modules = g.Select(c => c.ModuleId).Distinct().Count() }).ToList();
        var trainedOrgs = hostPeople.Where(p => p.Modules >= hostModules && hostModules > 0).Select(p => p.OrganizationId).Distinct().ToList();
        var checklists = await db.HostReadiness.AsNoTracking().Where(r => r.CioName != "" && r.SupportStaff != "" && r.DecisionRights != "").Select(r => (int?)r.OrganizationId).ToListAsync(ct);
        pipeline.Add(new PipelineRow("Course_Pipeline_HostsTrained", trainedOrgs.Count));
        pipeline.Add(new PipelineRow("Course_Pipeline_HostsReady", trainedOrgs.Intersect(checklists).Count()));
        if (round is not null)
        {
            var requests = await db.DispatchRequests.Where(r => r.RoundId == round.Id).GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            foreach (var s in Enum.GetValues<DispatchRequestStatus>())
                pipeline.Add(new PipelineRow($"Dispatch_RequestStatus_{s}", requests.FirstOrDefault(r => r.Key == s)?.Count ?? 0));
            // An approved dispatch whose start date is still ahead is not yet active: it is counted on its own row.
            var dispatches = await db.Dispatches.Where(d => d.RoundId == round.Id)
                .GroupBy(d => new { d.Status, NotStarted = d.Status == DispatchStatus.Active && d.StartDate > today })
                .Select(g => new { g.Key.Status, g.Key.NotStarted, Count = g.Count() }).ToListAsync(ct);
            pipeline.Add(new PipelineRow("Dispatch_Status_NotStarted", dispatches.Where(d => d.NotStarted).Sum(d => d.Count)));
            foreach (var s in Enum.GetValues<DispatchStatus>())
                pipeline.Add(new PipelineRow($"Dispatch_Status_{s}", dispatches.Where(d => d.Status == s && !d.NotStarted).Sum(d => d.Count)));
        }
        var full = round is null ? null : await db.DispatchRounds.Include(r => r.Bands).SingleAsync(r => r.Id == round.Id, ct);
        return new DashboardData(round, coverage, full is null ? null : await rounds.BudgetAsync(full, ct), pipeline);
    }

    /// <summary>One of the dashboard's tables as CSV (UTF-8 with a BOM, so that Excel opens Japanese correctly).</summary>
    public byte[] Csv(DashboardData data, string table)
    {
        var csv = Infrastructure.Csv.Text();
        void Row(params object[] cells) => csv.Row(cells.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture)));
        switch (table)
        {
            case "prefectures":
                Row(t["Dispatch_Csv_PrefectureCode"].Value, t["Field_Prefecture"].Value, t["Dispatch_Requests"].Value, t["Dispatch_Dispatches"].Value, t["Dispatch_CertifiedCios"].Value, t["Map_Openings"].Value);
                foreach (var p in data.Prefectures) Row(p.Code, LocalizationSetup.IsEnglish ? p.NameEn : p.NameJa, p.Requests, p.Dispatches, p.CertifiedCios, p.Openings);
                break;
            case "budget":
                Row(t["Dispatch_Csv_Item"].Value, t["Dispatch_Csv_Yen"].Value);
                if (data.Budget is { } b)
                {
                    Row(t["Dispatch_Budget"].Value, b.Budget);
                    Row(t["Dispatch_Committed"].Value, b.Committed);
                    Row(t["Dispatch_Paid"].Value, b.Paid);
                    Row(t["Dispatch_Left"].Value, b.Left);
                }
                break;
            default:
                Row(t["Dispatch_Csv_Item"].Value, t["Dispatch_Csv_Count"].Value);
                foreach (var p in data.Pipeline) Row(t[p.Key].Value, p.Count);
                break;
        }
        return Infrastructure.Csv.Encode(csv.ToString(), shiftJis: false);
    }
}
