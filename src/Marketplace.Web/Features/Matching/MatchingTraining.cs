using Marketplace.Matching.Training;

namespace Marketplace.Web.Features.Matching;

/// <summary>
/// Trains a ranker from the database's own application history. Each run is recorded with its progress;
/// the new model is stored with its figures and becomes current only if the promotion gate lets it
/// (held-out NDCG@10 not worse than the current model measured on the same held-out openings).
/// </summary>
public sealed class MatchingTraining(MarketplaceDbContext db, MatchingService matching, TimeProvider clock, ILogger<MatchingTraining> log)
{
    public const int Seed = 42;

    public async Task<TrainingRun> QueueAsync(string? requestedBy, CancellationToken ct = default)
    {
        var run = new TrainingRun { Status = TrainingRunStatus.Queued, QueuedAt = Now, RequestedByUserId = requestedBy, Progress = "待機中 / queued" };
        db.TrainingRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    /// <summary>Runs a queued (or interrupted) run; a finished one is left as it is, so a retried job does nothing twice.</summary>
    public async Task RunAsync(int runId, CancellationToken ct = default)
    {
        var run = await db.TrainingRuns.SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || run.Status is TrainingRunStatus.Succeeded or TrainingRunStatus.Failed) return;
        run.Status = TrainingRunStatus.Running;
        run.StartedAt = Now;
        run.Progress = "学習データを読み込み中 / loading data";
        await db.SaveChangesAsync(ct);
        try
        {
            var data = await matching.TrainingDataAsync(ct);
            var progressLock = new object();
            void Progress(string message)
            {
                lock (progressLock)
                {
                    run.Progress = message.Length > 500 ? message[..500] : message;
                    db.SaveChanges();
                }
            }
            var trainedAt = clock.GetUtcNow();
            var result = await Task.Run(() => MatchingTrainer.Train(data, new TrainingOptions { Seed = Seed, TrainedAt = trainedAt, Tuning = CapacityGrid.Default }, Progress), ct);
            var candidate = result.Model;

            var current = await db.RankerModels.Where(m => m.IsCurrent).OrderByDescending(m => m.Id).FirstOrDefaultAsync(ct);
            ModelMetadata? currentMeta = null;
            if (current is not null)
            {
                var currentModel = MatchingModel.FromBytes(current.Bytes);
                // Compare on the candidate's held-out openings, so both models are judged on the same questions.
                currentMeta = candidate.HeldOutOpeningIds.Count > 0 && currentModel.Metadata.Kind == "model"
                    ? currentModel.Metadata with { HeldOut = MatchingTrainer.Reevaluate(currentModel, data, candidate.HeldOutOpeningIds) }
                    : currentModel.Metadata;
            }
            var decision = PromotionGate.ShouldPromote(currentMeta, candidate.Metadata);
            var meta = candidate.Metadata;
            var row = new RankerModel
            {
                VersionId = meta.VersionId,
                Kind = meta.Kind,
                TrainedAt = meta.TrainedAt.UtcDateTime,
                Openings = meta.Openings,
                Experts = meta.Experts,
                Outcomes = meta.Outcomes,
                ModelNdcg5 = meta.HeldOut?.Model.Ndcg5,
                ModelNdcg10 = meta.HeldOut?.Model.Ndcg10,
                Bm25Ndcg10 = meta.HeldOut?.Bm25.Ndcg10,
                RulesNdcg10 = meta.HeldOut?.Rules.Ndcg10,
                Decision = decision.Reason,
                ColdStartReason = meta.ColdStart.ReasonJa,
                ColdStartReasonEn = meta.ColdStart.ReasonEn,
                IsCurrent = decision.Promote,
                Bytes = candidate.ToBytes(),
                CreatedAt = Now,
            };
            if (decision.Promote)
            {
                await db.RankerModels.Where(m => m.IsCurrent).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsCurrent, false), ct);
            }
            db.RankerModels.Add(row);
            run.Status = TrainingRunStatus.Succeeded;
            run.FinishedAt = Now;
            run.Progress = (decision.Promote ? "採用 / promoted: " : "不採用 / not promoted: ") + decision.Reason;
            await db.SaveChangesAsync(ct);
            run.RankerModelId = row.Id;
            await db.SaveChangesAsync(ct);
            log.LogInformation("Training run {Run}: model {Version} ({Kind}) {Decision}", runId, meta.VersionId, meta.Kind, decision.Reason);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Training run {Run} failed", runId);
            db.ChangeTracker.Clear();
            var failed = await db.TrainingRuns.SingleAsync(r => r.Id == runId, CancellationToken.None);
            failed.Status = TrainingRunStatus.Failed;
            failed.FinishedAt = Now;
            failed.Error = ex.Message.Length > 2_000 ? ex.Message[..2_000] : ex.Message;
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
