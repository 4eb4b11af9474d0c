using Marketplace.Matching.Synthetic;
using Marketplace.Matching.Training;

namespace Marketplace.Matching.Tests.Matching;

/// <summary>Hand-built records for feature and constraint tests.</summary>
internal static class TestData
{
    public static OpeningRecord Opening(
        string id = "O1", string pref = "13", string org = "131016", string role = "cio_advisor", string engagement = "part_time_appointee",
        long pay = 273_800, string unit = "month", double days = 2, double onsite = 2, string[]? required = null, string[]? preferred = null,
        bool pub = false, bool certifiedOnly = false, string title = "CIO補佐官の募集", string description = "クラウド導入とセキュリティ") =>
        new(id, org, pref, role, engagement, 6, pay, unit, false, days, onsite, required ?? ["cloud", "cybersecurity", "it_strategy"],
            preferred ?? ["data_utilization"], pub, certifiedOnly, title, description);

    public static ExpertRecord Expert(
        string id = "E1", string pref = "13", Dictionary<string, int>? skills = null, string[]? certs = null, int years = 15, int pub = 5,
        double avail = 3, double maxOnsite = 4, long desired = 30_000, string[]? accepts = null, bool certified = false,
        string summary = "クラウド導入を10年担当しました。", string[]? conflicts = null) =>
        new(id, pref, skills ?? new Dictionary<string, int> { ["cloud"] = 10, ["cybersecurity"] = 4 }, certs ?? [], years, pub, avail, maxOnsite,
            desired, accepts ?? ["part_time_appointee"], certified, summary, conflicts ?? []);
}

/// <summary>One generated dataset and a model trained on it, shared by the slower tests.</summary>
public sealed class TrainedModelFixture
{
    public MatchingData Data { get; } = SyntheticDataGenerator.Generate(new GeneratorOptions(700, 2000, 11));
    public MatchingData OtherSeed { get; } = SyntheticDataGenerator.Generate(new GeneratorOptions(500, 2000, 12));
    public MatchingModel Model { get; }

    public TrainedModelFixture()
    {
        Model = MatchingTrainer.Train(Data, new TrainingOptions { Seed = 5, TrainedAt = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero) }).Model;
    }
}
