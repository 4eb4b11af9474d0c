using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Marketplace.Matching;
using Marketplace.Matching.Data;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Synthetic;
using Marketplace.Matching.Training;

namespace Marketplace.Web.Cli;

/// <summary>
/// The <c>matching</c> verbs: generate, train, rank, evaluate, bench, bench-app. Results go to stdout, progress and
/// errors to stderr. Exit codes: 0 success, 1 invalid input (nothing trained or written), 2 usage error.
/// </summary>
public static class MatchingCommand
{
    public static Command Build()
    {
        var matching = new Command("matching", "The matching component: synthetic data, training, evaluation, ranking and benchmarks.");
        matching.Subcommands.Add(GenerateCommand());
        matching.Subcommands.Add(TrainCommand());
        matching.Subcommands.Add(RankCommand());
        matching.Subcommands.Add(EvaluateCommand());
        matching.Subcommands.Add(BenchCommand());
        matching.Subcommands.Add(BenchAppCommand());
        return matching;
    }

    private static Command GenerateCommand()
    {
        var output = CliOptions.Required<string>("--out", "DIR", "folder to write openings.csv, experts.csv and outcomes.csv to");
        var openings = CliOptions.Int("--openings", 1000, "number of openings");
        var experts = CliOptions.Int("--experts", 3000, "number of experts");
        var seed = CliOptions.Int("--seed", 1, "random seed", "S");
        var command = new Command("generate", "Writes a synthetic dataset with a hidden structure in the interchange format.") { output, openings, experts, seed };
        command.SetAction((r, _) => CliOptions.Run("matching generate", p => Task.FromResult(
            Generate(p, r.GetValue(output)!, r.GetValue(openings), r.GetValue(experts), r.GetValue(seed)))));
        return command;
    }

    private static Command TrainCommand()
    {
        var data = DataOption();
        var model = ModelOption();
        var seed = CliOptions.Int("--seed", 42, "random seed", "S");
        var negatives = CliOptions.Int("--negatives", 100, "random non-applicants per opening in the training rows");
        var hard = CliOptions.Int("--hard-negatives", 0, "non-applicants the rules rank high, per opening", "H");
        var command = new Command("train",
            "Trains the LightGBM ranker (capacity chosen on a validation split; or a rule-based ranker when outcomes are too few) " +
            "and the plain reference beside it, prints held-out figures and replaces FILE only if the new model's held-out NDCG@10 is not worse.")
            { data, model, seed, negatives, hard };
        command.SetAction((r, _) => CliOptions.Run("matching train", p => Task.FromResult(
            Train(p, r.GetValue(data)!, r.GetValue(model)!, r.GetValue(seed), r.GetValue(negatives), r.GetValue(hard)))));
        return command;
    }

    private static Command RankCommand()
    {
        var data = DataOption();
        var model = ModelOption();
        var top = CliOptions.Required<int>("--top", "K", "experts per opening");
        CliOptions.AtLeast(top, 1);
        var openings = new Option<string>("--openings") { HelpName = "IDS_FILE", Description = "file of opening ids, one a line (default: the openings with no rows in outcomes.csv)" };
        var command = new Command("rank",
            "One JSON line per opening on stdout: {\"opening_id\":..,\"experts\":[{\"expert_id\":..,\"score\":..,\"reasons\":[..]}]}.")
            { data, model, top, openings };
        command.SetAction((r, _) => CliOptions.Run("matching rank", p =>
            Rank(p, r.GetValue(data)!, r.GetValue(model)!, r.GetValue(top), r.GetValue(openings))));
        return command;
    }

    private static Command EvaluateCommand()
    {
        var data = DataOption();
        var model = ModelOption();
        var spread = new Option<double>("--spread")
        {
            HelpName = "STRENGTH",
            Description = "strength of the spread re-ranking to compare with",
            DefaultValueFactory = _ => SpreadOptions.DefaultStrength,
        };
        CliOptions.Check(spread, x => x >= 0, "--spread must be a number ≥ 0");
        var command = new Command("evaluate",
            "NDCG@5/@10 of the model, its plain reference (300 trees × 31 leaves), BM25 and the rules on openings of DIR the model was not trained on; " +
            "how the model's top 20s spread over the experts, without and with re-ranking at STRENGTH, and what re-ranking costs in NDCG.")
            { data, model, spread };
        command.SetAction((r, _) => CliOptions.Run("matching evaluate", p =>
            Task.FromResult(Evaluate(p, r.GetValue(data)!, r.GetValue(model)!, r.GetValue(spread)))));
        return command;
    }

    private static Command BenchCommand()
    {
        var experts = CliOptions.Required<int>("--experts", "N", "experts in the synthetic pool");
        var openings = CliOptions.Int("--openings", 200, "openings queried");
        var top = CliOptions.Int("--top", 20, "experts per query", "K");
        var engine = new Option<int?>("--engine-openings") { HelpName = "N", Description = "openings also scored with PredictionEngine (default: all of --openings)" };
        var seed = CliOptions.Int("--seed", 7, "random seed", "S");
        var repeat = CliOptions.Int("--repeat", 3, "times each query is timed (its latency is the median)", "R");
        foreach (var o in new Option[] { experts, openings, top, repeat }) CliOptions.AtLeast((Option<int>)o, 1);
        CliOptions.Check(engine, n => n is null or >= 1, "--engine-openings must be at least 1");
        var command = new Command("bench",
            "Latency of top-K queries against scoring every candidate with ML.NET's PredictionEngine " +
            "(each query timed R times in rounds over all openings; an opening's latency is its median).")
            { experts, openings, top, engine, seed, repeat };
        command.SetAction((r, _) => CliOptions.Run("matching bench", p => Task.FromResult(MatchingBench.Run(p,
            r.GetValue(experts), r.GetValue(openings), r.GetValue(top), r.GetValue(engine) ?? r.GetValue(openings), r.GetValue(seed), r.GetValue(repeat))), times: false));
        return command;
    }

    private static Command BenchAppCommand()
    {
        var experts = CliOptions.Required<int>("--experts", "N", "experts to bulk-insert up to");
        var requests = CliOptions.Int("--requests", 15, "timed requests per measurement");
        var keep = CliOptions.Int("--keep", 0, "1 leaves the temporary folder (database) in place", "0|1");
        CliOptions.AtLeast(experts, 1);
        CliOptions.AtLeast(requests, 1);
        var command = new Command("bench-app",
            "Times the recommended-experts page of 大洲市's staff in the running app (own process, throwaway SQLite database): " +
            "with the demo's experts, then with copies bulk-inserted up to N experts.")
            { experts, requests, keep };
        command.SetAction((r, _) => CliOptions.Run("matching bench-app", _ =>
            AppBench.RunAsync(r.GetValue(experts), r.GetValue(requests), r.GetValue(keep) != 0), times: false));
        return command;
    }

    private static Option<string> DataOption() => CliOptions.Required<string>("--data", "DIR", "dataset folder (openings.csv, experts.csv, outcomes.csv)");

    private static Option<string> ModelOption() => CliOptions.Required<string>("--model", "FILE", "model file");

    private static MatchingData? LoadData(CliProgress p, string dir)
    {
        p.Log($"reading {dir}");
        var result = MatchingDataset.Load(dir);
        if (result.Success)
        {
            var d = result.Data!;
            p.Log($"{d.Openings.Count} openings, {d.Experts.Count} experts, {d.Outcomes.Count} outcomes");
            return d;
        }
        foreach (var e in result.Errors) Console.Error.WriteLine(e);
        Console.Error.WriteLine($"{result.Errors.Count} problem(s) found; nothing was read.");
        return null;
    }

    private static int Generate(CliProgress p, string dir, int openings, int experts, int seed)
    {
        p.Log($"generating {openings} openings and {experts} experts");
        var data = SyntheticDataGenerator.Generate(new GeneratorOptions(openings, experts, seed));
        MatchingDataset.Write(dir, data);
        Console.WriteLine($"wrote {data.Openings.Count} openings, {data.Experts.Count} experts, {data.Outcomes.Count} outcomes to {dir}");
        return 0;
    }

    private static int Train(CliProgress p, string dataDir, string path, int seed, int negatives, int hardNegatives)
    {
        var data = LoadData(p, dataDir);
        if (data is null)
        {
            Console.Error.WriteLine("nothing was trained.");
            return 1;
        }
        var result = MatchingTrainer.Train(data, new TrainingOptions { Seed = seed, Tuning = CapacityGrid.Default, TrainReference = true,
            RandomNegatives = negatives, HardNegatives = hardNegatives }, p.Log);
        var candidate = result.Model;
        Console.WriteLine(result.Decision.ReasonEn);
        PrintModel(candidate.Metadata);
        if (candidate.Metadata.HeldOut is { } h) PrintFigures(h);

        ModelMetadata? current = null;
        var candidateMeta = candidate.Metadata;
        if (File.Exists(path))
        {
            try
            {
                var existing = MatchingModel.LoadFromFile(path);
                current = existing.Metadata;
                if (existing.Metadata.Kind == "model" && candidate.Metadata.Kind == "model")
                {
                    // Compare on held-out openings that neither model was trained on.
                    var byId = data.Openings.ToDictionary(x => x.Id, StringComparer.Ordinal);
                    var fair = candidate.HeldOutOpeningIds.Where(id => !existing.WasTrainedOn(byId[id])).ToList();
                    if (fair.Count >= 10)
                    {
                        p.Log($"comparing both models on {fair.Count} held-out openings neither was trained on");
                        current = current with { HeldOut = MatchingTrainer.Reevaluate(existing, data, fair) };
                        candidateMeta = candidateMeta with { HeldOut = MatchingTrainer.Reevaluate(candidate, data, fair) };
                        Console.WriteLine($"on the {current.HeldOut.Openings} openings neither model was trained on: current NDCG@10 {current.HeldOut.Model.Ndcg10:0.0000}, new {candidateMeta.HeldOut.Model.Ndcg10:0.0000}");
                    }
                    else
                    {
                        Console.WriteLine($"too few held-out openings unseen by the current model ({fair.Count}); comparing the recorded figures");
                    }
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException or JsonException or InvalidOperationException)
            {
                Console.Error.WriteLine($"the current model in {path} cannot be read ({e.Message}); it will be replaced.");
                current = null;
            }
        }
        var decision = PromotionGate.ShouldPromote(current, candidateMeta);
        if (decision.Promote)
        {
            candidate.SaveToFile(path);
            Console.WriteLine($"saved {candidate.Metadata.VersionId} to {path}: {decision.Reason}");
        }
        else
        {
            Console.WriteLine($"kept the current model {current!.VersionId} in {path}: {decision.Reason}");
        }
        return 0;
    }

    private static void PrintModel(ModelMetadata m) =>
        Console.WriteLine($"{m.Kind} {m.VersionId} trained {m.TrainedAt:yyyy-MM-dd HH:mm}Z on {m.Openings} openings, {m.Experts} experts, {m.Outcomes} outcomes " +
            $"({m.TrainingOpenings} training openings, {m.TrainingRows} rows, seed {m.Seed})");

    private static void PrintFigures(EvaluationFigures f)
    {
        Console.WriteLine($"held-out: {f.Openings} openings, each ranked against all {f.Experts} experts");
        Console.WriteLine("ranker      NDCG@5  NDCG@10");
        Console.WriteLine($"model       {f.Model.Ndcg5:0.0000}  {f.Model.Ndcg10:0.0000}");
        Console.WriteLine(f.Reference is { } r
            ? $"reference   {r.Ndcg5:0.0000}  {r.Ndcg10:0.0000}   (plain LightGBM lambdarank, {Capacity.Reference.Trees} trees × {Capacity.Reference.Leaves} leaves, same features and rows)"
            : "reference   -       -        (the model file carries no reference: trained before it was kept, or by the app)");
        Console.WriteLine($"BM25        {f.Bm25.Ndcg5:0.0000}  {f.Bm25.Ndcg10:0.0000}");
        Console.WriteLine($"rules       {f.Rules.Ndcg5:0.0000}  {f.Rules.Ndcg10:0.0000}");
        if (f.Spread is { } plain && f.SpreadReranked is { } spread && f.ModelSpread is { } m)
        {
            Console.WriteLine($"spread of the model's top {plain.Top} over the {f.Openings} openings (share of the {f.Experts} experts in anyone's top {plain.Top}; most openings one expert is recommended to):");
            Console.WriteLine($"  model                     {plain.ShareRecommended:P1}  {plain.MostOpeningsPerExpert}");
            Console.WriteLine($"  re-ranked (strength {f.SpreadStrength:0.##})   {spread.ShareRecommended:P1}  {spread.MostOpeningsPerExpert}   NDCG@5 {m.Ndcg5:0.0000}  NDCG@10 {m.Ndcg10:0.0000} (change {m.Ndcg10 - f.Model.Ndcg10:+0.0000;-0.0000;0})");
        }
    }

    private static MatchingModel LoadModel(string path)
    {
        if (!File.Exists(path)) throw new IOException($"model file '{path}' not found (train one with: matching train --data DIR --model {path})");
        var model = MatchingModel.LoadFromFile(path);
        return model;
    }

    private static int Evaluate(CliProgress p, string dataDir, string modelPath, double strength)
    {
        var data = LoadData(p, dataDir);
        var model = LoadModel(modelPath);
        if (data is null) return 1;
        var ranker = model.CreateRanker();
        p.Log($"ranker in use: {ranker.Kind}: {ranker.Description}");
        var withOutcomes = data.Outcomes.Select(r => r.OpeningId).ToHashSet(StringComparer.Ordinal);
        var heldOut = data.Openings.Where(x => withOutcomes.Contains(x.Id) && !model.WasTrainedOn(x)).Select(x => x.Id).ToList();
        var trainedOn = withOutcomes.Count - heldOut.Count;
        if (heldOut.Count == 0)
        {
            Console.Error.WriteLine("every opening with outcomes in this folder was used to train the model: nothing is held out.");
            return 1;
        }
        Console.WriteLine($"ranker: {ranker.Kind}: {ranker.Description}");
        Console.WriteLine($"{heldOut.Count} openings with outcomes were not used for training ({trainedOn} were); those with an outcome at applied or better are evaluated");
        var figures = MatchingEvaluator.Evaluate(model, data, heldOut, p.Log, new SpreadOptions(strength));
        PrintFigures(figures);
        return 0;
    }

    private static async Task<int> Rank(CliProgress p, string dataDir, string modelPath, int top, string? idsFile)
    {
        // The model first: its text weights let the experts be indexed as they are read (no profile objects).
        var model = LoadModel(modelPath);
        p.Log("model loaded");
        var ranker = model.CreateRanker();
        p.Log($"ranker in use: {ranker.Kind}: {ranker.Description}");
        if (ranker.Kind == "rules") p.Log(model.Metadata.ColdStart.ReasonEn);
        p.Log($"reading and indexing {dataDir}");
        var loaded = MatchingDataset.LoadIndexed(dataDir, ranker, textOnDemand: true);
        if (!loaded.Success)
        {
            foreach (var e in loaded.Errors) Console.Error.WriteLine(e);
            Console.Error.WriteLine($"{loaded.Errors.Count} problem(s) found; nothing was read.");
            return 1;
        }
        var (data, index) = (loaded.Data!, loaded.Index!);
        p.Log($"{data.Openings.Count} openings, {data.Experts.Count} experts, {data.Outcomes.Count} outcomes; index of {index.Count} experts built");
        IReadOnlyList<OpeningRecord> openings;
        var byId = data.Openings.ToDictionary(x => x.Id, StringComparer.Ordinal);
        if (idsFile is not null)
        {
            var ids = (await File.ReadAllLinesAsync(idsFile)).Select(l => l.Trim().TrimStart('\uFEFF')).Where(l => l.Length > 0).ToList();
            var unknown = ids.Select((id, i) => (id, line: i + 1)).Where(x => !byId.ContainsKey(x.id)).ToList();
            if (unknown.Count > 0)
            {
                foreach (var (id, line) in unknown) Console.Error.WriteLine($"{Path.GetFileName(idsFile)}:{line}: '{id}' is not in openings.csv");
                return 1;
            }
            openings = ids.Select(id => byId[id]).ToList();
        }
        else
        {
            var withOutcomes = data.Outcomes.Select(r => r.OpeningId).ToHashSet(StringComparer.Ordinal);
            openings = data.Openings.Where(x => !withOutcomes.Contains(x.Id)).ToList();
        }
        p.Log($"ranking {data.Experts.Count} experts for {openings.Count} openings, top {top}");
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = false };
        var sw = Stopwatch.StartNew();
        var stage = p.Stage($"ranking {openings.Count} openings", openings.Count);
        var gate = new object();
        var results = ranker.RankExpertsForAll(openings, index, top, _ =>
        {
            lock (gate) stage.Advance();
        });
        for (var i = 0; i < openings.Count; i++) await stdout.WriteLineAsync(RankingJson.Line(openings[i].Id, results[i], "ja"));
        await stdout.FlushAsync();
        p.Log($"ranked {openings.Count} openings in {sw.ElapsedMilliseconds} ms");
        return 0;
    }

    /// <summary>A usage error found while running (exit code 2), like those the parser reports.</summary>
    internal sealed class UsageException(string message) : Exception(message);
}
