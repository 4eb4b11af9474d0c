using Hangfire;
using Marketplace.Web.Features.Matching;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Pages.Admin.Matching;

/// <summary>The national office trains the ranker on demand and sees which one is in use, with figures.</summary>
public sealed class IndexModel(MatchingService matching, MatchingTraining training, IBackgroundJobClient jobs, MarketplaceDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public string RankerWhy { get; private set; } = "";
    public List<TrainingRun> Runs { get; private set; } = [];
    public List<RankerModel> Models { get; private set; } = [];
    public bool Active => Runs.Any(r => r.Status is TrainingRunStatus.Queued or TrainingRunStatus.Running);

    public async Task OnGetAsync(CancellationToken ct)
    {
        RankerWhy = (await matching.RankerAsync(ct)).Why;
        Runs = await db.TrainingRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(20).ToListAsync(ct);
        // Bytes stay in the database: only the figures are listed.
        Models = await db.RankerModels.AsNoTracking().OrderByDescending(m => m.Id).Take(20)
            .Select(m => new RankerModel
            {
                Id = m.Id, VersionId = m.VersionId, Kind = m.Kind, TrainedAt = m.TrainedAt, Openings = m.Openings, Experts = m.Experts,
                Outcomes = m.Outcomes, ModelNdcg5 = m.ModelNdcg5, ModelNdcg10 = m.ModelNdcg10, Bm25Ndcg10 = m.Bm25Ndcg10, RulesNdcg10 = m.RulesNdcg10,
                IsCurrent = m.IsCurrent, Decision = m.Decision, ColdStartReason = m.ColdStartReason, ColdStartReasonEn = m.ColdStartReasonEn,
            })
            .ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostTrainAsync(CancellationToken ct)
    {
        if (await db.TrainingRuns.AnyAsync(r => r.Status == TrainingRunStatus.Queued || r.Status == TrainingRunStatus.Running, ct))
        {
            TempData["Notice"] = t["MatchingAdmin_AlreadyRunning"].Value;
            return RedirectToPage();
        }
        var run = await training.QueueAsync(User.UserId(), ct);
        jobs.Enqueue<TrainRankerJob>(j => j.Run(run.Id));
        TempData["Notice"] = t["MatchingAdmin_Queued_Notice"].Value;
        return RedirectToPage();
    }
}
