using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketplace.Matching;
using Marketplace.Matching.Data;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Synthetic;
using Marketplace.Matching.Training;

namespace Marketplace.Web.Cli;

/// <summary>
/// The <c>matching</c> verbs: generate, train, rank, evaluate, bench. Results go to stdout, progress and errors to stderr.
/// Exit codes: 0 success, 1 invalid input (nothing trained or written), 2 usage error.
/// </summary>
public static class MatchingCommand
{
    private const string Usage = """
        usage: matching <verb> [options]
          generate --out DIR [--openings N=1000] [--experts M=3000] [--seed S=1]
                   writes a synthetic dataset with a hidden structure in the interchange format
          train    --data DIR --model FILE [--seed S=42] [--negatives N=100] [--hard-negatives H=0]
                   trains the LightGBM ranker (capacity chosen on a validation split; or a rule-based ranker when
                   outcomes are too few) and the plain reference beside it, prints held-out
                   figures and replaces FILE only if the new model's held-out NDCG@10 is not worse
          rank     --data DIR --model FILE --top K [--openings IDS_FILE]
                   one JSON line per opening: {"opening_id":..,"experts":[{"expert_id":..,"score":..,"reasons":[..]}]}
                   (default openings: those with no rows in outcomes.csv)
          evaluate --data DIR --model FILE [--spread STRENGTH=0.5]
                   NDCG@5/@10 of the model, its plain reference (300 trees × 31 leaves), BM25 and the rules on openings
                   of DIR the model was not trained on; how the model's top 20s spread over the experts, without and
                   with re-ranking at STRENGTH, and what re-ranking costs in NDCG
          bench    --experts N [--openings 200] [--top 20] [--engine-openings ALL] [--seed S=7] [--repeat R=3]
                   latency of top-K queries against scoring every candidate with ML.NET's PredictionEngine
                   (each query timed R times in rounds over all openings; an opening's latency is its median)
          bench-app --experts N [--requests 15] [--keep 0]
                   times the recommended-experts page of 大洲市's staff in the running app (own process, throwaway
                   SQLite database): with the demo's experts, then with copies bulk-inserted up to N experts
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Error.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        Options o;
        try
        {
            o = Options.Parse(args.AsSpan(1));
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"matching {args[0]}: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        try
        {
            return args[0] switch
            {
                "generate" => Generate(o),
                "train" => Train(o),
                "rank" => await Rank(o),
                "evaluate" => Evaluate(o),
                "bench-app" => await AppBench.RunAsync(o.Int("experts"), o.Int("requests", 15), o.Int("keep", 0) != 0),
                "bench" => MatchingBench.Run(o.Int("experts"), o.Int("openings", 200), o.Int("top", 20), o.Int("engine-openings", o.Int("openings", 200)), o.Int("seed", 7), o.Int("repeat", 3)),
                _ => throw new UsageException($"unknown verb '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"matching {args[0]}: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"matching {args[0]}: {e.Message}");
            return 1;
        }
    }

    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    // Each line says how long the verb has run and how much processor time the process has used so far (on a shared
    // machine the second is the steadier measure).
    private static void Progress(string message) =>
        Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message} ({Clock.ElapsedMilliseconds} ms, cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:0} ms)");

    private static MatchingData? LoadData(string dir)
    {
        Progress($"reading {dir}");
        var result = MatchingDataset.Load(dir);
        if (result.Success)
        {
            var d = result.Data!;
            Progress($"{d.Openings.Count} openings, {d.Experts.Count} experts, {d.Outcomes.Count} outcomes");
            return d;
        }
        foreach (var e in result.Errors) Console.Error.WriteLine(e);
        Console.Error.WriteLine($"{result.Errors.Count} problem(s) found; nothing was read.");
        return null;
    }

    private static int Generate(Options o)
    {
        var dir = o.Require("out");
        var data = SyntheticDataGenerator.Generate(new GeneratorOptions(o.Int("openings", 1000), o.Int("experts", 3000), o.Int("seed", 1)));
        MatchingDataset.Write(dir, data);
        Console.WriteLine($"wrote {data.Openings.Count} openings, {data.Experts.Count} experts, {data.Outcomes.Count} outcomes to {dir}");
        return 0;
    }

    private static int Train(Options o)
    {
        var data = LoadData(o.Require("data"));
        var path = o.Require("model");
        if (data is null)
        {
            Console.Error.WriteLine("nothing was trained.");
            return 1;
        }
        var result = MatchingTrainer.Train(data, new TrainingOptions { Seed = o.Int("seed", 42), Tuning = CapacityGrid.Default, TrainReference = true,
            RandomNegatives = o.Int("negatives", 100), HardNegatives = o.Int("hard-negatives", 0) }, Progress);
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
                        Progress($"comparing both models on {fair.Count} held-out openings neither was trained on");
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

    private static int Evaluate(Options o)
    {
        var data = LoadData(o.Require("data"));
        var model = LoadModel(o.Require("model"));
        if (data is null) return 1;
        var ranker = model.CreateRanker();
        Progress($"ranker in use: {ranker.Kind}: {ranker.Description}");
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
        var strength = o.Get("spread") is { } v
            ? double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x >= 0 ? x : throw new UsageException($"--spread: '{v}' is not a number ≥ 0")
            : SpreadOptions.DefaultStrength;
        var figures = MatchingEvaluator.Evaluate(model, data, heldOut, Progress, new SpreadOptions(strength));
        PrintFigures(figures);
        return 0;
    }

    private static async Task<int> Rank(Options o)
    {
        var data = LoadData(o.Require("data"));
        var model = LoadModel(o.Require("model"));
        Progress("model loaded");
        var top = o.Int("top");
        if (top <= 0) throw new UsageException("--top must be at least 1");
        if (data is null) return 1;
        IReadOnlyList<OpeningRecord> openings;
        var byId = data.Openings.ToDictionary(x => x.Id, StringComparer.Ordinal);
        if (o.Get("openings") is { } idsFile)
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
        var ranker = model.CreateRanker();
        Progress($"ranker in use: {ranker.Kind}: {ranker.Description}");
        if (ranker.Kind == "rules") Progress(model.Metadata.ColdStart.ReasonEn);
        var index = ranker.BuildIndex(data.Experts);
        Progress($"index of {index.Count} experts built");
        Progress($"ranking {data.Experts.Count} experts for {openings.Count} openings, top {top}");
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = false };
        var sw = Stopwatch.StartNew();
        foreach (var opening in openings)
        {
            var ranked = ranker.RankExperts(opening, index, top);
            await stdout.WriteLineAsync(RankingJson.Line(opening.Id, ranked, "ja"));
        }
        await stdout.FlushAsync();
        Progress($"ranked {openings.Count} openings in {sw.ElapsedMilliseconds} ms");
        return 0;
    }

    internal sealed class UsageException(string message) : Exception(message);

    internal sealed class Options
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public static Options Parse(ReadOnlySpan<string> args)
        {
            var o = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                var a = args[i];
                if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2) throw new UsageException($"unexpected argument '{a}'");
                var name = a[2..];
                var eq = name.IndexOf('=');
                if (eq > 0) o._values[name[..eq]] = name[(eq + 1)..];
                else if (i + 1 < args.Length) o._values[name] = args[++i];
                else throw new UsageException($"--{name} needs a value");
            }
            return o;
        }

        public string? Get(string name) => _values.GetValueOrDefault(name);

        public string Require(string name) => Get(name) ?? throw new UsageException($"--{name} is required");

        public int Int(string name, int? fallback = null)
        {
            var v = Get(name);
            if (v is null) return fallback ?? throw new UsageException($"--{name} is required");
            return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException($"--{name}: '{v}' is not a whole number");
        }
    }
}
