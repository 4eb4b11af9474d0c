using System.Security.Cryptography;
using Marketplace.Matching.Features;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Marketplace.Matching.Training;

/// <summary>Training settings. The defaults are what the CLI uses.</summary>
public sealed record TrainingOptions
{
    /// <summary>Seeds the held-out split, negative sampling and LightGBM: same data + same seed → same model.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>Share of the openings with outcomes held out for evaluation (at least one).</summary>
    public double HeldOutFraction { get; init; } = 0.2;
    /// <summary>Non-applicants sampled at random per opening (label 0).</summary>
    public int RandomNegatives { get; init; } = 100;
    /// <summary>Non-applicants the rule-based scorer ranks highest, per opening (label 0): they teach the fine distinctions.</summary>
    public int HardNegatives { get; init; } = 0;
    public int Trees { get; init; } = 100;
    public int Leaves { get; init; } = 8;
    public int MaxDepth { get; init; } = 4;
    public double LearningRate { get; init; } = 0.15;
    public int MinimumExamplesPerLeaf { get; init; } = 20;
    /// <summary>
    /// When set, the capacity (trees, leaves, learning rate, examples per leaf) is chosen on a validation split of the
    /// training openings instead of <see cref="Trees"/>, <see cref="Leaves"/>, <see cref="LearningRate"/> and
    /// <see cref="MinimumExamplesPerLeaf"/>; then the chosen capacity is trained on all training openings.
    /// </summary>
    public CapacityGrid? Tuning { get; init; }
    /// <summary>Also train the plain reference (LightGBM lambdarank, 300 trees × 31 leaves, defaults otherwise) on the same rows and keep it in the model file.</summary>
    public bool TrainReference { get; init; }
    /// <summary>Training date to record; defaults to now.</summary>
    public DateTimeOffset? TrainedAt { get; init; }
    public ColdStartRule ColdStart { get; init; } = ColdStartRule.Default;
}

/// <summary>The trained model and the decision that chose its kind.</summary>
public sealed record TrainingResult(MatchingModel Model, ColdStartDecision Decision);

/// <summary>
/// Learning to rank with ML.NET LightGBM (lambdarank), one group per opening: applicants carry their stage's level
/// (<see cref="StageLabels"/>), sampled non-applicants level 0. Hard-constrained experts never appear in training rows.
/// With too few outcomes (<see cref="ColdStartRule"/>) it returns a "rules" model instead.
/// </summary>
public static class MatchingTrainer
{
    public static TrainingResult Train(MatchingData data, TrainingOptions? options = null, Action<string>? progress = null)
    {
        options ??= new TrainingOptions();
        var trainedAt = options.TrainedAt ?? DateTimeOffset.UtcNow;
        var decision = options.ColdStart.Evaluate(data);
        var idf = TextIdf.FromCorpus(data.Experts.Select(x => x.Summary));
        var index = ExpertIndex.Build(data.Experts, idf);
        var openingsById = data.Openings.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var labels = MatchingEvaluator.LabelsByOpening(data, index);
        var withOutcomes = labels.Keys.Where(openingsById.ContainsKey).Order(StringComparer.Ordinal).ToList();

        if (!decision.UseModel)
        {
            progress?.Invoke(decision.ReasonEn);
            var meta = new ModelMetadata($"rules-{trainedAt:yyyyMMdd'T'HHmmss'Z'}", "rules", trainedAt, options.Seed,
                data.Openings.Count, data.Experts.Count, data.Outcomes.Count, 0, 0, null, decision);
            return new(new MatchingModel(meta, [], idf, new float[MatchFeatures.Count], null, []), decision);
        }

        var rng = new Random(options.Seed);
        var shuffled = withOutcomes.OrderBy(_ => rng.Next()).ToList();
        var heldOutCount = Math.Clamp((int)Math.Round(shuffled.Count * options.HeldOutFraction), 1, shuffled.Count - 1);
        var heldOut = shuffled.Take(heldOutCount).Order(StringComparer.Ordinal).ToList();
        var train = shuffled.Skip(heldOutCount).Order(StringComparer.Ordinal).ToList();
        progress?.Invoke($"{withOutcomes.Count} openings with outcomes: {train.Count} for training, {heldOut.Count} held out");

        var trainOpenings = train.Select(id => openingsById[id]).ToList();
        var rows = BuildRows(trainOpenings, index, labels, options, rng);
        progress?.Invoke($"{rows.Count} training rows");

        var baseline = new float[MatchFeatures.Count];
        foreach (var r in rows)
            for (var i = 0; i < baseline.Length; i++) baseline[i] += r.Features[i];
        for (var i = 0; i < baseline.Length; i++) baseline[i] /= Math.Max(1, rows.Count);

        var capacity = options.Tuning is { } grid
            ? CapacityTuner.Choose(grid, trainOpenings, rows, index, labels, baseline, options, progress)
            : new Capacity(options.Trees, options.Leaves, options.LearningRate, options.MinimumExamplesPerLeaf, options.MaxDepth, null);
        progress?.Invoke($"training LightGBM lambdarank: {capacity}, seed {options.Seed}");
        var (parameters, mlBytes) = Fit(rows, train.Count, capacity, options.Seed);
        var hash = Convert.ToHexString(SHA256.HashData(TreeBytes(parameters))).ToLowerInvariant()[..8];
        var fingerprints = train.Select(id => MatchingModel.Fingerprint(openingsById[id])).ToHashSet();
        byte[]? referenceBytes = null;
        if (options.TrainReference)
        {
            progress?.Invoke($"training the reference: {Capacity.Reference}");
            referenceBytes = Fit(rows, train.Count, Capacity.Reference, options.Seed).Bytes;
        }
        var provisional = new ModelMetadata($"model-{trainedAt:yyyyMMdd'T'HHmmss'Z'}-{hash}", "model", trainedAt, options.Seed,
            data.Openings.Count, data.Experts.Count, data.Outcomes.Count, train.Count, rows.Count, null, decision, capacity);
        var model = new MatchingModel(provisional, heldOut, idf, baseline, mlBytes, fingerprints, referenceBytes);

        progress?.Invoke($"evaluating on {heldOut.Count} held-out openings");
        var figures = MatchingEvaluator.Evaluate(model, index, data, heldOut, progress);
        var final = new MatchingModel(provisional with { HeldOut = figures }, heldOut, idf, baseline, mlBytes, fingerprints, referenceBytes);
        return new(final, decision);
    }

    /// <summary>Fits LightGBM lambdarank on <paramref name="rows"/> (groups 1..<paramref name="groups"/>) with the given capacity.</summary>
    internal static (LightGbmRankingModelParameters Parameters, byte[] Bytes) Fit(IReadOnlyList<TrainingRow> rows, int groups, Capacity capacity, int seed)
    {
        var ml = new MLContext(seed: seed);
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, MatchFeatures.Count);
        schema[nameof(TrainingRow.GroupId)].ColumnType = new KeyDataViewType(typeof(uint), groups + 1);
        var view = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
        {
            LabelColumnName = nameof(TrainingRow.Label),
            FeatureColumnName = nameof(TrainingRow.Features),
            RowGroupColumnName = nameof(TrainingRow.GroupId),
            NumberOfIterations = capacity.Trees,
            NumberOfLeaves = capacity.Leaves,
            LearningRate = capacity.LearningRate,
            MinimumExampleCountPerLeaf = capacity.MinimumExamplesPerLeaf,
            CustomGains = StageLabels.LightGbmGains,
            Seed = seed,
            Deterministic = true,
            NumberOfThreads = 1,
            Silent = true,
            Verbose = false,
            Booster = new GradientBooster.Options { MaximumTreeDepth = capacity.MaxDepth },
        });
        var transformer = trainer.Fit(view);
        using var ms = new MemoryStream();
        ml.Model.Save(transformer, view.Schema, ms);
        return (transformer.Model, ms.ToArray());
    }

    /// <summary>
    /// Figures of an existing model on <paramref name="openingIds"/> of <paramref name="data"/> (e.g. the candidate's
    /// held-out openings), so that the promotion gate compares like with like.
    /// </summary>
    public static EvaluationFigures Reevaluate(MatchingModel current, MatchingData data, IReadOnlyCollection<string> openingIds) =>
        MatchingEvaluator.Evaluate(current.CreateRanker(), data, openingIds);

    internal static List<TrainingRow> BuildRows(IReadOnlyList<OpeningRecord> openings, ExpertIndex index,
        Dictionary<string, Dictionary<int, int>> labels, TrainingOptions options, Random rng)
    {
        var rows = new List<TrainingRow>();
        var rules = new RuleScorer();
        var f = new float[MatchFeatures.Count];
        const int maxPool = 5000;
        uint group = 0;
        foreach (var o in openings)
        {
            group++;
            using var ctx = new OpeningContext(o, index.Idf);
            var conflicted = index.ConflictedWith(o.OrgCode).ToHashSet();
            var applicants = labels[o.Id];
            bool Eligible(int e) => !ctx.Excluded(index, e) && !conflicted.Contains(e);
            // Applicants in index order, for determinism.
            foreach (var (e, level) in applicants.OrderBy(kv => kv.Key))
            {
                if (!Eligible(e)) continue;
                ctx.Compute(index, e, f);
                rows.Add(new TrainingRow { Label = level, GroupId = group, Features = (float[])f.Clone() });
            }
            // Non-applicants: a random pool, the best of it by the rules (hard negatives) plus random ones.
            var pool = new List<int>();
            if (index.Count <= maxPool)
            {
                for (var e = 0; e < index.Count; e++) if (!applicants.ContainsKey(e) && Eligible(e)) pool.Add(e);
            }
            else
            {
                var picked = new HashSet<int>();
                for (var tries = 0; tries < maxPool * 2 && pool.Count < maxPool; tries++)
                {
                    var e = rng.Next(index.Count);
                    if (picked.Add(e) && !applicants.ContainsKey(e) && Eligible(e)) pool.Add(e);
                }
            }
            var scored = pool.Select(e => { ctx.Compute(index, e, f); return (e, s: rules.Score(f)); })
                .OrderByDescending(x => x.s).ThenBy(x => x.e).ToList();
            var chosen = scored.Take(options.HardNegatives).Select(x => x.e).ToList();
            var rest = scored.Skip(options.HardNegatives).Select(x => x.e).ToList();
            for (var k = 0; k < options.RandomNegatives && rest.Count > 0; k++)
            {
                var j = rng.Next(rest.Count);
                chosen.Add(rest[j]);
                rest[j] = rest[^1];
                rest.RemoveAt(rest.Count - 1);
            }
            foreach (var e in chosen.Order())
            {
                ctx.Compute(index, e, f);
                rows.Add(new TrainingRow { Label = StageLabels.NonApplicant, GroupId = group, Features = (float[])f.Clone() });
            }
        }
        return rows;
    }

    private static byte[] TreeBytes(LightGbmRankingModelParameters p)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        foreach (var t in p.TrainedTreeEnsemble.Trees)
        {
            foreach (var v in t.LeafValues) w.Write(v);
            foreach (var v in t.NumericalSplitThresholds) w.Write(v);
            foreach (var v in t.NumericalSplitFeatureIndexes) w.Write(v);
        }
        w.Flush();
        return ms.ToArray();
    }

    internal sealed class TrainingRow
    {
        public float Label { get; set; }
        public uint GroupId { get; set; }
        public float[] Features { get; set; } = [];
    }
}
