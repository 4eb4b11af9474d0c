using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Matching.Features;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Marketplace.Matching.Training;

/// <summary>What a model is: version, training date, data size and held-out figures.</summary>
/// <param name="VersionId">Unique id, e.g. model-20250401T120000Z-3f2a9c1d.</param>
/// <param name="Kind">"model" (LightGBM lambdarank) or "rules" (cold start: no trained trees).</param>
/// <param name="TrainedAt">When it was trained (UTC).</param>
/// <param name="Seed">The seed used for the split, negative sampling and LightGBM.</param>
/// <param name="Openings">Openings in the training data.</param>
/// <param name="Experts">Experts in the training data.</param>
/// <param name="Outcomes">Outcomes in the training data.</param>
/// <param name="TrainingOpenings">Openings (groups) the trees were trained on.</param>
/// <param name="TrainingRows">Rows (applicants + sampled non-applicants) the trees were trained on.</param>
/// <param name="HeldOut">NDCG of the model, BM25 and rules on the held-out openings (null when not evaluated).</param>
/// <param name="ColdStart">Why this kind was chosen.</param>
/// <param name="Capacity">Trees, leaves and the rest of the ensemble's size, and the validation figure that chose it (null for rules and older models).</param>
public sealed record ModelMetadata(
    string VersionId,
    string Kind,
    DateTimeOffset TrainedAt,
    int Seed,
    int Openings,
    int Experts,
    int Outcomes,
    int TrainingOpenings,
    int TrainingRows,
    EvaluationFigures? HeldOut,
    ColdStartDecision ColdStart,
    Capacity? Capacity = null)
{
    public const int FormatVersion = 1;
}

/// <summary>
/// A trained matcher: metadata, the ML.NET LightGBM model, the text weights and the feature means used to explain
/// scores. Saved as one zip stream (the app stores the bytes in its database). A "rules" model carries no trees and
/// ranks with the rule-based scorer.
/// </summary>
public sealed class MatchingModel
{
    private const string MetadataEntry = "matching-model.json";
    private const string MlNetEntry = "mlnet-model.zip";
    private const string ReferenceEntry = "reference-model.zip";
    private const string TreesEntry = "trees.bin";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public ModelMetadata Metadata { get; }

    /// <summary>Openings held out from training (evaluated, never trained on).</summary>
    public IReadOnlyList<string> HeldOutOpeningIds { get; }

    internal TextIdf Idf { get; }
    internal float[] Baseline { get; }
    internal byte[]? MlNetBytes { get; }
    internal HashSet<ulong> TrainingFingerprints { get; }
    internal byte[]? ReferenceBytes { get; }
    private readonly Lazy<ITransformer?> _transformer;
    private readonly Lazy<TreeEnsembleScorer?> _trees;
    private readonly Lazy<MatchingModel?> _reference;
    // ML.NET (its context, the model's transformer) is loaded only when asked for: ranking evaluates the trees itself.
    private readonly Lazy<MLContext> _ml = new(() => new MLContext(seed: 0));

    internal MatchingModel(ModelMetadata metadata, IReadOnlyList<string> heldOut, TextIdf idf, float[] baseline, byte[]? mlNet, HashSet<ulong> trainingFingerprints,
        byte[]? reference = null, PlainTrees? trees = null)
    {
        Metadata = metadata;
        HeldOutOpeningIds = heldOut;
        Idf = idf;
        Baseline = baseline;
        MlNetBytes = mlNet;
        TrainingFingerprints = trainingFingerprints;
        ReferenceBytes = reference;
        _transformer = new(LoadMlNet);
        _trees = new(() => trees is not null ? new TreeEnsembleScorer(trees, baseline)
            : _transformer.Value is { } t ? new TreeEnsembleScorer(Parameters(t).TrainedTreeEnsemble, baseline) : null);
        _reference = new(() => reference is null ? null
            : new MatchingModel(metadata with { VersionId = metadata.VersionId + "-reference", Capacity = Training.Capacity.Reference, HeldOut = null },
                heldOut, idf, baseline, reference, trainingFingerprints));
        if (metadata.Kind == "model" && mlNet is null) throw new InvalidDataException("A trained model needs its trees.");
    }

    /// <summary>
    /// The plain reference trained on the same rows and features (LightGBM lambdarank, 300 trees × 31 leaves), kept to
    /// show in evaluations what the tuned model gains over it; null when it was not trained.
    /// </summary>
    public MatchingModel? Reference => _reference.Value;

    /// <summary>The ranker this model stands for: the learned model, or the rule-based scorer for a cold-start model.</summary>
    public IMatchRanker CreateRanker() =>
        Metadata.Kind == "model" ? new ModelRanker(this, Trees) : new RuleBasedRanker(Idf.DocumentCount > 0 ? Idf : null);

    /// <summary>True when this opening's outcomes were used to train the trees.</summary>
    public bool WasTrainedOn(OpeningRecord opening) => TrainingFingerprints.Contains(Fingerprint(opening));

    internal static ulong Fingerprint(OpeningRecord o)
    {
        var h = 14695981039346656037UL;
        foreach (var s in new[] { o.Id, o.OrgCode, o.Title, o.Description })
        {
            foreach (var c in s) h = (h ^ c) * 1099511628211UL;
            h = (h ^ 0x1F) * 1099511628211UL;
        }
        return h;
    }

    /// <summary>Whether ML.NET's copy of the trees has been loaded (ranking with a file that keeps the compact trees never needs it).</summary>
    internal bool MlNetLoaded => _transformer.IsValueCreated;

    internal ITransformer Transformer => _transformer.Value ?? throw new InvalidOperationException("A rules model has no ML.NET transformer.");
    internal TreeEnsembleScorer Trees => _trees.Value ?? throw new InvalidOperationException("A rules model has no trees.");

    private ITransformer? LoadMlNet()
    {
        if (MlNetBytes is null) return null;
        using var ms = new MemoryStream(MlNetBytes);
        var transformer = _ml.Value.Model.Load(ms, out _);
        _ = Parameters(transformer);
        return transformer;
    }

    private static LightGbmRankingModelParameters Parameters(ITransformer transformer) => transformer switch
    {
        RankingPredictionTransformer<LightGbmRankingModelParameters> r => r.Model,
        TransformerChain<ITransformer> chain => chain.OfType<RankingPredictionTransformer<LightGbmRankingModelParameters>>().Last().Model,
        _ => throw new InvalidDataException($"Unexpected ML.NET model type {transformer.GetType().Name}."),
    };

    /// <summary>Scores feature vectors one by one with ML.NET's PredictionEngine (the reference the fast scorer must equal).</summary>
    internal Func<float[], float> CreatePredictionEngine()
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, MatchFeatures.Count);
        var engine = _ml.Value.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(Transformer, inputSchemaDefinition: schema);
        var row = new FeatureRow();
        var output = new ScoreRow();
        return f =>
        {
            row.Features = f;
            engine.Predict(row, ref output);
            return output.Score;
        };
    }

    /// <summary>Scores feature vectors in one batch with ML.NET's Transform.</summary>
    internal float[] ScoreWithMlNet(IReadOnlyList<float[]> rows)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, MatchFeatures.Count);
        var view = _ml.Value.Data.LoadFromEnumerable(rows.Select(r => new FeatureRow { Features = r }), schema);
        return Transformer.Transform(view).GetColumn<float>("Score").ToArray();
    }

    public void Save(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var dto = new ModelFile
        {
            FormatVersion = ModelMetadata.FormatVersion,
            FeatureSchemaVersion = MatchFeatures.SchemaVersion,
            FeatureNames = MatchFeatures.Names,
            Metadata = Metadata,
            HeldOutOpeningIds = HeldOutOpeningIds.ToArray(),
            Baseline = Baseline,
            IdfDocuments = Idf.DocumentCount,
            IdfFrequencies = Idf.DocumentFrequencies.OrderBy(kv => kv.Key).SelectMany(kv => new[] { kv.Key, kv.Value }).ToArray(),
            TrainingOpenings = Convert.ToBase64String(TrainingFingerprints.Order().SelectMany(BitConverter.GetBytes).ToArray()),
        };
        using (var s = zip.CreateEntry(MetadataEntry).Open()) JsonSerializer.Serialize(s, dto, Json);
        if (MlNetBytes is not null)
        {
            using var s = zip.CreateEntry(MlNetEntry, CompressionLevel.NoCompression).Open();
            s.Write(MlNetBytes);
        }
        if (MlNetBytes is not null)
        {
            // The trees once more in the product's own compact form: loading them for ranking takes milliseconds,
            // where ML.NET's model loader takes most of a second.
            using var s = zip.CreateEntry(TreesEntry, CompressionLevel.Fastest).Open();
            s.Write(Trees.Plain.ToBytes());
        }
        if (ReferenceBytes is not null)
        {
            using var s = zip.CreateEntry(ReferenceEntry, CompressionLevel.NoCompression).Open();
            s.Write(ReferenceBytes);
        }
    }

    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        Save(ms);
        return ms.ToArray();
    }

    public void SaveToFile(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var tmp = path + ".tmp";
        using (var f = File.Create(tmp)) Save(f);
        File.Move(tmp, path, overwrite: true);
    }

    public static MatchingModel Load(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var entry = zip.GetEntry(MetadataEntry) ?? throw new InvalidDataException("Not a matching model: metadata missing.");
        ModelFile dto;
        using (var s = entry.Open()) dto = JsonSerializer.Deserialize<ModelFile>(s, Json) ?? throw new InvalidDataException("Empty model metadata.");
        if (dto.FormatVersion != ModelMetadata.FormatVersion) throw new InvalidDataException($"Model format {dto.FormatVersion} is not supported.");
        if (dto.FeatureSchemaVersion != MatchFeatures.SchemaVersion || dto.Baseline.Length != MatchFeatures.Count)
            throw new InvalidDataException($"The model was trained on feature schema {dto.FeatureSchemaVersion}; this build uses {MatchFeatures.SchemaVersion}. Retrain it.");
        static byte[]? Read(ZipArchiveEntry? entry)
        {
            if (entry is null) return null;
            using var s = entry.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        }
        var ml = Read(zip.GetEntry(MlNetEntry));
        var reference = Read(zip.GetEntry(ReferenceEntry));
        // Files written before the compact trees were kept have only ML.NET's copy, which is then loaded.
        var trees = ml is not null && Read(zip.GetEntry(TreesEntry)) is { } treeBytes ? PlainTrees.FromBytes(treeBytes) : null;
        var df = new Dictionary<int, int>();
        for (var i = 0; i + 1 < dto.IdfFrequencies.Length; i += 2) df[dto.IdfFrequencies[i]] = dto.IdfFrequencies[i + 1];
        var fp = Convert.FromBase64String(dto.TrainingOpenings);
        var prints = new HashSet<ulong>();
        for (var i = 0; i + 8 <= fp.Length; i += 8) prints.Add(BitConverter.ToUInt64(fp, i));
        var model = new MatchingModel(dto.Metadata, dto.HeldOutOpeningIds, TextIdf.FromFrequencies(dto.IdfDocuments, df), dto.Baseline, ml, prints, reference, trees);
        if (ml is not null) _ = model.Trees; // fail now, not at the first query
        return model;
    }

    public static MatchingModel LoadFromFile(string path)
    {
        using var f = File.OpenRead(path);
        return Load(f);
    }

    public static MatchingModel FromBytes(byte[] bytes)
    {
        using var ms = new MemoryStream(bytes);
        return Load(ms);
    }

    private sealed class ModelFile
    {
        public int FormatVersion { get; set; }
        public int FeatureSchemaVersion { get; set; }
        public string[] FeatureNames { get; set; } = [];
        public ModelMetadata Metadata { get; set; } = null!;
        public string[] HeldOutOpeningIds { get; set; } = [];
        public float[] Baseline { get; set; } = [];
        public int IdfDocuments { get; set; }
        public int[] IdfFrequencies { get; set; } = [];
        public string TrainingOpenings { get; set; } = "";
    }
}

internal sealed class FeatureRow
{
    public float[] Features { get; set; } = [];
}

internal sealed class ScoreRow
{
    public float Score { get; set; }
}

/// <summary>The learned ranker: LightGBM lambdarank trees evaluated directly (same scores as ML.NET), explained by feature-group contributions.</summary>
internal sealed class ModelRanker : MatchRankerBase
{
    private readonly MatchingModel _model;
    private readonly TreeEnsembleScorer _trees;

    internal ModelRanker(MatchingModel model, TreeEnsembleScorer trees)
    {
        _model = model;
        _trees = trees;
    }

    public ModelMetadata Metadata => _model.Metadata;
    internal override IPairScorer Scorer => _trees;
    internal override TextIdf? Idf => _model.Idf;
    public override string Kind => "model";

    public override string Description
    {
        get
        {
            var m = _model.Metadata;
            var ndcg = m.HeldOut is { } h ? $", held-out NDCG@10 {h.Model.Ndcg10:0.000}" : "";
            var size = m.Capacity is { } c ? $"{_trees.TreeCount} trees × {c.Leaves} leaves" : $"{_trees.TreeCount} trees";
            return $"model {m.VersionId} trained {m.TrainedAt:yyyy-MM-dd} on {m.Outcomes} outcomes / {m.Openings} openings / {m.Experts} experts ({size}{ndcg})";
        }
    }
}

/// <summary>The outcome of the promotion gate.</summary>
public sealed record PromotionDecision(bool Promote, string Reason);

/// <summary>A new model replaces the current one only if its held-out NDCG@10 is not worse.</summary>
public static class PromotionGate
{
    /// <summary>
    /// Compares held-out NDCG@10. For a fair comparison, pass the current model's metadata with figures measured on the
    /// candidate's held-out openings (<see cref="MatchingTrainer.Reevaluate"/>).
    /// </summary>
    public static PromotionDecision ShouldPromote(ModelMetadata? current, ModelMetadata candidate)
    {
        if (current is null) return new(true, "no current model");
        if (candidate.Kind != "model")
            return current.Kind == "model"
                ? new(false, "a rule-based (cold-start) ranker does not replace a trained model")
                : new(true, "replaces a rule-based ranker with a rule-based ranker");
        if (candidate.HeldOut is null) return new(false, "the candidate has no held-out figures");
        if (current.Kind != "model" || current.HeldOut is null) return new(true, "a trained model replaces the rule-based ranker");
        var c = candidate.HeldOut.Model.Ndcg10;
        var p = current.HeldOut.Model.Ndcg10;
        return c + 1e-9 >= p
            ? new(true, $"held-out NDCG@10 {c:0.0000} is not worse than the current {p:0.0000}")
            : new(false, $"held-out NDCG@10 {c:0.0000} is worse than the current {p:0.0000}");
    }
}
