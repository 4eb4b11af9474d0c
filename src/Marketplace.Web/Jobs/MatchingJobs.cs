using Marketplace.Web.Features.Matching;

namespace Marketplace.Web.Jobs;

/// <summary>Runs one queued training run.</summary>
public sealed class TrainRankerJob(MatchingTraining training)
{
    public Task Run(int runId) => training.RunAsync(runId);
}

/// <summary>The nightly retraining: queues a run and runs it.</summary>
public sealed class NightlyRetrainJob(MatchingTraining training)
{
    public async Task Run()
    {
        var run = await training.QueueAsync(requestedBy: null);
        await training.RunAsync(run.Id);
    }
}
