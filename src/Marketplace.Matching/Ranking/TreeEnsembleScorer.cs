using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Marketplace.Matching.Features;
using Microsoft.ML.Trainers.FastTree;

namespace Marketplace.Matching.Ranking;

/// <summary>
/// Evaluates a trained LightGBM ensemble directly on flat arrays: the same scores as ML.NET
/// (a node goes left when feature ≤ threshold; ~i encodes leaf i), without PredictionEngine's per-row cost.
/// It can stop early when the trees left cannot lift a candidate above the current k-th best.
/// </summary>
internal sealed class TreeEnsembleScorer : IPairScorer
{
    internal struct Node
    {
        public int Feature;
        public float Threshold;
        public int Left;   // >= 0: global node index; < 0: ~global leaf index
        public int Right;
    }

    private const int CheckEvery = 8;
    private readonly Node[] _nodes;
    private readonly double[] _leaves;
    private readonly int[] _roots;        // per tree: global node index, or ~leaf for a one-leaf tree
    private readonly double _bias;
    private readonly double[] _remainingMax;  // [t] = Σ over trees ≥ t of the largest leaf
    private readonly float[] _baseline;

    public int TreeCount => _roots.Length;

    /// <summary>How the exact top-k search groups candidates for this ensemble.</summary>
    public PartitionScheme Partitions { get; }

    public TreeEnsembleScorer(RegressionTreeEnsemble ensemble, float[] baseline) : this(PlainTrees.From(ensemble), baseline)
    {
    }

    /// <summary>The trees as trained (no ML.NET types): what the model file keeps so that ranking never loads ML.NET.</summary>
    public PlainTrees Plain { get; }

    public TreeEnsembleScorer(PlainTrees plain, float[] baseline)
    {
        Plain = plain;
        _baseline = baseline;
        _bias = plain.Bias;
        var trees = plain.Trees;
        var nodes = new List<Node>();
        var leaves = new List<double>();
        _roots = new int[trees.Length];
        _remainingMax = new double[trees.Length + 1];
        var maxLeaf = new double[trees.Length];
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = trees[t];
            var w = tree.Weight;
            var nodeBase = nodes.Count;
            var leafBase = leaves.Count;
            foreach (var v in tree.LeafValues) leaves.Add(v * w);
            maxLeaf[t] = tree.LeafValues.Length == 0 ? 0 : tree.LeafValues.Max() * w;
            if (tree.Features.Length == 0)
            {
                _roots[t] = ~leafBase;
                continue;
            }
            int Map(int child) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
            for (var i = 0; i < tree.Features.Length; i++)
            {
                nodes.Add(new Node
                {
                    Feature = tree.Features[i],
                    Threshold = tree.Thresholds[i],
                    Left = Map(tree.Left[i]),
                    Right = Map(tree.Right[i]),
                });
            }
            _roots[t] = nodeBase;
        }
        _nodes = nodes.ToArray();
        _leaves = leaves.ToArray();
        for (var t = trees.Length - 1; t >= 0; t--) _remainingMax[t] = _remainingMax[t + 1] + maxLeaf[t];
        if (_nodes.Any(n => n.Feature < 0 || n.Feature >= MatchFeatures.Count)) throw new InvalidDataException("The trees use an unknown feature.");
        double Max(int n) => n < 0 ? _leaves[~n] : Math.Max(Max(_nodes[n].Left), Max(_nodes[n].Right));
        Partitions = PartitionScheme.FromSplits(_nodes.Select(n => (n.Feature, n.Threshold, Math.Abs(Max(n.Left) - Max(n.Right)))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Tree(int t, ReadOnlySpan<float> f)
    {
        var n = _roots[t];
        var nodes = _nodes;
        while (n >= 0)
        {
            ref readonly var node = ref nodes[n];
            n = f[node.Feature] <= node.Threshold ? node.Left : node.Right;
        }
        return _leaves[~n];
    }

    /// <summary>The value tree <paramref name="t"/> adds for <paramref name="f"/> (the score is the bias plus every tree's value).</summary>
    public double TreeValue(int t, ReadOnlySpan<float> f) => Tree(t, f);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Score(ReadOnlySpan<float> f)
    {
        double s = 0;
        for (var t = 0; t < _roots.Length; t++) s += Tree(t, f);
        return (float)(s + _bias);
    }

    public bool TryScoreAbove(ReadOnlySpan<float> f, double threshold, out double score)
    {
        double s = 0;
        var count = _roots.Length;
        var t = 0;
        // Safety margin for the float rounding of the final score.
        var target = threshold - _bias - 1e-6 * (1 + Math.Abs(threshold));
        while (t < count)
        {
            var end = Math.Min(count, t + CheckEvery);
            for (; t < end; t++) s += Tree(t, f);
            if (s + _remainingMax[t] < target)
            {
                score = double.NegativeInfinity;
                return false;
            }
        }
        score = (float)(s + _bias);
        return true;
    }

    /// <summary>
    /// The largest score any feature vector inside the box [lo, hi] can get (exact for the trees: a branch is followed
    /// when some value of the box can take it). Fills <paramref name="suffix"/>[t] with the bound of trees t.. (length TreeCount + 1).
    /// </summary>
    public double UpperBound(ReadOnlySpan<float> lo, ReadOnlySpan<float> hi, Span<double> suffix)
    {
        suffix[_roots.Length] = 0;
        for (var t = _roots.Length - 1; t >= 0; t--) suffix[t] = suffix[t + 1] + MaxLeaf(_roots[t], lo, hi);
        return suffix[0] + _bias;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double MaxLeaf(int n, ReadOnlySpan<float> lo, ReadOnlySpan<float> hi)
    {
        if (n < 0) return _leaves[~n];
        ref readonly var node = ref _nodes[n];
        var best = double.NegativeInfinity;
        if (lo[node.Feature] <= node.Threshold) best = MaxLeaf(node.Left, lo, hi);
        if (hi[node.Feature] > node.Threshold) best = Math.Max(best, MaxLeaf(node.Right, lo, hi));
        return best;
    }

    /// <summary>
    /// The ensemble restricted to the feature box [lo, hi]: splits the box decides are resolved, trees that become a
    /// single leaf are folded into a constant, and the remaining trees are ordered by how much they can still move the
    /// score, so that early exit triggers sooner. Scores equal the full ensemble's for any vector inside the box
    /// (up to float rounding of the summation order).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Specialized Specialize(ReadOnlySpan<float> lo, ReadOnlySpan<float> hi)
    {
        var nodes = new List<Node>();
        var trees = new List<(int Root, double Max, double Min)>();
        double constant = _bias;
        for (var t = 0; t < _roots.Length; t++)
        {
            var root = Copy(_roots[t], lo, hi, nodes);
            if (root < 0) constant += _leaves[~root];
            else trees.Add((root, MaxLeaf(root, nodes, true), MaxLeaf(root, nodes, false)));
        }
        // Trees that do not read the lazy feature first, each part by how much a tree can still move the score.
        bool Lazy(int n) => n >= 0 && (nodes[n].Feature == LazyFeature || Lazy(nodes[n].Left) || Lazy(nodes[n].Right));
        var ordered = trees.Select(x => (x.Root, x.Max, x.Min, Lazy: Lazy(x.Root)))
            .OrderBy(x => x.Lazy).ThenByDescending(x => x.Max - x.Min).ToList();
        var suffix = new double[ordered.Count + 1];
        for (var t = ordered.Count - 1; t >= 0; t--) suffix[t] = suffix[t + 1] + ordered[t].Max;
        var nodeArray = nodes.ToArray();
        var roots = ordered.Select(x => x.Root).ToArray();
        var lazyFrom = ordered.TakeWhile(x => !x.Lazy).Count();
        return new Specialized(nodeArray, roots, _leaves, constant, suffix, lazyFrom, Complete(nodeArray, roots));
    }

    /// <summary>
    /// Complete binary trees of a fixed depth (padding splits that always go left, leaves repeated), so that
    /// evaluation is branch-free: i = 2i + 1 + (x &gt; t). Null when a tree is deeper than <see cref="MaxCompleteDepth"/>.
    /// </summary>
    private CompleteTrees? Complete(Node[] nodes, int[] roots)
    {
        int Depth(int n) => n < 0 ? 0 : 1 + Math.Max(Depth(nodes[n].Left), Depth(nodes[n].Right));
        var depth = roots.Length == 0 ? 0 : roots.Max(Depth);
        if (depth > MaxCompleteDepth) return null;
        var inner = (1 << depth) - 1;
        var feats = new byte[roots.Length * Math.Max(1, inner)];
        var thresholds = new float[roots.Length * Math.Max(1, inner)];
        var leaves = new double[roots.Length << depth];
        for (var t = 0; t < roots.Length; t++)
        {
            void Fill(int n, int slot, int level)
            {
                if (level == depth)
                {
                    leaves[(t << depth) + slot - inner] = _leaves[~n];
                    return;
                }
                if (n < 0)
                {
                    feats[t * inner + slot] = 0;
                    thresholds[t * inner + slot] = float.PositiveInfinity;
                    Fill(n, 2 * slot + 1, level + 1);
                    Fill(n, 2 * slot + 2, level + 1);
                    return;
                }
                feats[t * inner + slot] = (byte)nodes[n].Feature;
                thresholds[t * inner + slot] = nodes[n].Threshold;
                Fill(nodes[n].Left, 2 * slot + 1, level + 1);
                Fill(nodes[n].Right, 2 * slot + 2, level + 1);
            }
            Fill(roots[t], 0, 0);
        }
        return new CompleteTrees(depth, feats, thresholds, leaves);
    }

    internal const int MaxCompleteDepth = 6;

    /// <summary>The feature <see cref="Specialized.TryStart"/> leaves open: the costliest to compute.</summary>
    internal const int LazyFeature = MatchFeatures.TextSimilarity;

    internal sealed record CompleteTrees(int Depth, byte[] Features, float[] Thresholds, double[] Leaves);

    private int Copy(int n, ReadOnlySpan<float> lo, ReadOnlySpan<float> hi, List<Node> into)
    {
        while (n >= 0)
        {
            var node = _nodes[n];
            var canLeft = lo[node.Feature] <= node.Threshold;
            var canRight = hi[node.Feature] > node.Threshold;
            if (canLeft && canRight)
            {
                var at = into.Count;
                into.Add(node);
                var left = Copy(node.Left, lo, hi, into);
                var right = Copy(node.Right, lo, hi, into);
                into[at] = new Node { Feature = node.Feature, Threshold = node.Threshold, Left = left, Right = right };
                return at;
            }
            n = canLeft ? node.Left : node.Right;
        }
        return n;
    }

    private double MaxLeaf(int n, List<Node> nodes, bool max)
    {
        if (n < 0) return _leaves[~n];
        var a = MaxLeaf(nodes[n].Left, nodes, max);
        var b = MaxLeaf(nodes[n].Right, nodes, max);
        return max ? Math.Max(a, b) : Math.Min(a, b);
    }

    /// <summary>An ensemble specialised to a feature box (see <see cref="Specialize"/>).</summary>
    internal sealed class Specialized(Node[] nodes, int[] roots, double[] leaves, double constant, double[] suffix, int lazyFrom, CompleteTrees? complete)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private double Tree(int t, ReadOnlySpan<float> f)
        {
            var n = roots[t];
            while (n >= 0)
            {
                ref readonly var node = ref nodes[n];
                n = f[node.Feature] <= node.Threshold ? node.Left : node.Right;
            }
            return leaves[~n];
        }

        public int TreeCount => roots.Length;

        /// <summary>Bounds of the remaining trees over the whole box the ensemble was specialised to.</summary>
        public ReadOnlySpan<double> Suffix => suffix;

        /// <summary>
        /// The largest leaf of every tree in every one of up to 64 sub-boxes of the box [<paramref name="lo"/>,
        /// <paramref name="hi"/>] in one walk per tree (instead of one per sub-box). Sub-box s narrows only the features
        /// in <paramref name="narrowed"/>, to [subLo[s·Count + i], subHi[s·Count + i]]; only subs in <paramref name="subs"/>
        /// are bounded. Fills <paramref name="table"/>[t·<paramref name="subCount"/> + s] (−∞ where no leaf is reachable).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void SubBoxMaxima(float[] lo, float[] hi, ulong narrowed, float[] subLo, float[] subHi, int subCount, ulong subs, double[] table)
        {
            if (subCount > 64) throw new ArgumentOutOfRangeException(nameof(subCount));
            Array.Fill(table, double.NegativeInfinity, 0, roots.Length * subCount);
            for (var t = 0; t < roots.Length; t++) Walk(roots[t], subs, t * subCount);

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            void Walk(int n, ulong mask, int row)
            {
                while (n >= 0)
                {
                    ref readonly var node = ref nodes[n];
                    var feature = node.Feature;
                    var threshold = node.Threshold;
                    ulong left = 0, right = 0;
                    if ((narrowed >> feature & 1) != 0)
                    {
                        for (var m = mask; m != 0; m &= m - 1)
                        {
                            var sub = System.Numerics.BitOperations.TrailingZeroCount(m);
                            if (subLo[sub * MatchFeatures.Count + feature] <= threshold) left |= 1UL << sub;
                            if (subHi[sub * MatchFeatures.Count + feature] > threshold) right |= 1UL << sub;
                        }
                    }
                    else
                    {
                        if (lo[feature] <= threshold) left = mask;
                        if (hi[feature] > threshold) right = mask;
                    }
                    if (left != 0 && right != 0) Walk(node.Right, right, row);
                    if (left == 0 && right == 0) return;
                    (n, mask) = left != 0 ? (node.Left, left) : (node.Right, right);
                }
                var v = leaves[~n];
                for (var m = mask; m != 0; m &= m - 1)
                {
                    ref var cell = ref table[row + System.Numerics.BitOperations.TrailingZeroCount(m)];
                    if (v > cell) cell = v;
                }
            }
        }

        /// <summary>The bound of sub-box <paramref name="sub"/> from <see cref="SubBoxMaxima"/>, with suffix bounds for early exit.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double SubBound(double[] table, int subCount, int sub, Span<double> bounds)
        {
            bounds[roots.Length] = 0;
            for (var t = roots.Length - 1; t >= 0; t--) bounds[t] = bounds[t + 1] + table[t * subCount + sub];
            return constant + bounds[0];
        }

        /// <summary>
        /// Scoring in two stages, with the remaining-tree bounds of a box (<see cref="Suffix"/>, <see cref="SubBound"/>).
        /// The first stage: only the trees that do not read <see cref="LazyFeature"/> (its slot in <paramref name="f"/> is ignored).
        /// False when the candidate certainly stays below <paramref name="threshold"/>; otherwise compute the lazy
        /// feature and finish with <see cref="TryFinish"/>.
        /// </summary>
        public bool TryStart(ReadOnlySpan<float> f, double threshold, ReadOnlySpan<double> bounds, out double partial)
        {
            partial = constant;
            return Run(f, Target(threshold), bounds, 0, lazyFrom, ref partial);
        }

        /// <summary>The second stage after <see cref="TryStart"/>, with every feature of <paramref name="f"/> set.</summary>
        public bool TryFinish(ReadOnlySpan<float> f, double threshold, ReadOnlySpan<double> bounds, double partial, out double score)
        {
            score = partial;
            if (Run(f, Target(threshold), bounds, lazyFrom, roots.Length, ref score)) return true;
            score = double.NegativeInfinity;
            return false;
        }

        // Safety margin for the float rounding of sums taken in another order than ML.NET's.
        private static double Target(double threshold) => threshold - 1e-6 * (1 + Math.Abs(threshold));

        /// <summary>Adds trees [from, to) to <paramref name="s"/>; false as soon as the bounds of the rest cannot reach <paramref name="target"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Run(ReadOnlySpan<float> f, double target, ReadOnlySpan<double> bounds, int from, int to, ref double s)
        {
            if (f.Length < MatchFeatures.Count || bounds.Length < roots.Length + 1) throw new ArgumentException("Feature or bound vector too short.");
            if (complete is not { } c)
            {
                // The trees are ordered by range, so the first few decide most rejections: check after every tree.
                for (var k = from; k < to; k++)
                {
                    s += Tree(k, f);
                    if (s + bounds[k + 1] < target) return false;
                }
                return true;
            }
            // Four trees at a time: their root-to-leaf walks do not depend on each other, so the processor overlaps
            // them. The vectors were checked above and the tree arrays at construction, hence no bounds checks.
            var depth = c.Depth;
            var inner = (1 << depth) - 1;
            ref var fr = ref MemoryMarshal.GetReference(f);
            ref var feats = ref MemoryMarshal.GetArrayDataReference(c.Features);
            ref var thr = ref MemoryMarshal.GetArrayDataReference(c.Thresholds);
            ref var leafValues = ref MemoryMarshal.GetArrayDataReference(c.Leaves);
            ref var bound = ref MemoryMarshal.GetReference(bounds);
            var t = from;
            for (; t + 4 <= to; t += 4)
            {
                int b0 = t * inner, b1 = b0 + inner, b2 = b1 + inner, b3 = b2 + inner;
                int i0 = 0, i1 = 0, i2 = 0, i3 = 0;
                for (var level = 0; level < depth; level++)
                {
                    i0 = 2 * i0 + 1 + (Unsafe.Add(ref fr, Unsafe.Add(ref feats, b0 + i0)) > Unsafe.Add(ref thr, b0 + i0) ? 1 : 0);
                    i1 = 2 * i1 + 1 + (Unsafe.Add(ref fr, Unsafe.Add(ref feats, b1 + i1)) > Unsafe.Add(ref thr, b1 + i1) ? 1 : 0);
                    i2 = 2 * i2 + 1 + (Unsafe.Add(ref fr, Unsafe.Add(ref feats, b2 + i2)) > Unsafe.Add(ref thr, b2 + i2) ? 1 : 0);
                    i3 = 2 * i3 + 1 + (Unsafe.Add(ref fr, Unsafe.Add(ref feats, b3 + i3)) > Unsafe.Add(ref thr, b3 + i3) ? 1 : 0);
                }
                s += Unsafe.Add(ref leafValues, (t << depth) + i0 - inner)
                    + Unsafe.Add(ref leafValues, ((t + 1) << depth) + i1 - inner)
                    + Unsafe.Add(ref leafValues, ((t + 2) << depth) + i2 - inner)
                    + Unsafe.Add(ref leafValues, ((t + 3) << depth) + i3 - inner);
                if (s + Unsafe.Add(ref bound, t + 4) < target) return false;
            }
            for (; t < to; t++)
            {
                var b = t * inner;
                var i = 0;
                for (var level = 0; level < depth; level++)
                    i = 2 * i + 1 + (Unsafe.Add(ref fr, Unsafe.Add(ref feats, b + i)) > Unsafe.Add(ref thr, b + i) ? 1 : 0);
                s += Unsafe.Add(ref leafValues, (t << depth) + i - inner);
            }
            return s + Unsafe.Add(ref bound, to) >= target;
        }
    }

    /// <summary>Contribution of a group = score − score with the group's features set to the training mean.</summary>
    public void Contributions(ReadOnlySpan<float> f, Span<double> byGroup)
    {
        byGroup.Clear();
        var full = Score(f);
        Span<float> copy = stackalloc float[f.Length];
        foreach (var g in MatchFeatures.ExplainedGroups)
        {
            f.CopyTo(copy);
            var any = false;
            for (var i = 0; i < MatchFeatures.Count; i++)
            {
                if (MatchFeatures.Groups[i] != g) continue;
                copy[i] = _baseline[i];
                any = true;
            }
            if (any) byGroup[(int)g] = full - Score(copy);
        }
    }
}

/// <summary>
/// A trained tree ensemble as plain arrays, exactly as ML.NET holds it (leaf values before the tree's weight, splits
/// "feature ≤ threshold goes left", ~i for leaf i), with a compact binary form for the model file.
/// </summary>
internal sealed class PlainTrees
{
    /// <summary>One regression tree: per split node its feature, threshold and children; per leaf its value.</summary>
    public sealed record Tree(double Weight, double[] LeafValues, int[] Features, float[] Thresholds, int[] Left, int[] Right);

    private const int Magic = 0x54504D4D; // "MMPT"
    private const int Version = 1;

    public double Bias { get; }
    public Tree[] Trees { get; }

    public PlainTrees(double bias, Tree[] trees)
    {
        Bias = bias;
        Trees = trees;
    }

    /// <summary>Copies ML.NET's trees (numerical splits only).</summary>
    public static PlainTrees From(RegressionTreeEnsemble ensemble)
    {
        var weights = ensemble.TreeWeights;
        var trees = new Tree[ensemble.Trees.Count];
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.NumberOfNodes > 0 && tree.CategoricalSplitFlags.Any(c => c)) throw new NotSupportedException("Categorical splits are not used by the matcher.");
            var n = tree.NumberOfNodes;
            trees[t] = new Tree(weights.Count > t ? weights[t] : 1.0, tree.LeafValues.ToArray(),
                n == 0 ? [] : tree.NumericalSplitFeatureIndexes.ToArray(), n == 0 ? [] : tree.NumericalSplitThresholds.ToArray(),
                n == 0 ? [] : tree.LeftChild.ToArray(), n == 0 ? [] : tree.RightChild.ToArray());
        }
        return new PlainTrees(ensemble.Bias, trees);
    }

    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(Bias);
            w.Write(Trees.Length);
            foreach (var t in Trees)
            {
                w.Write(t.Weight);
                w.Write(t.LeafValues.Length);
                foreach (var v in t.LeafValues) w.Write(v);
                w.Write(t.Features.Length);
                for (var i = 0; i < t.Features.Length; i++)
                {
                    w.Write(t.Features[i]);
                    w.Write(t.Thresholds[i]);
                    w.Write(t.Left[i]);
                    w.Write(t.Right[i]);
                }
            }
        }
        return ms.ToArray();
    }

    /// <summary>Reads <see cref="ToBytes"/>; a file that is cut short or whose children point outside its tree is refused.</summary>
    public static PlainTrees FromBytes(byte[] bytes)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes));
            if (r.ReadInt32() != Magic || r.ReadInt32() != Version) throw new InvalidDataException("The model's trees are in an unknown format.");
            var bias = r.ReadDouble();
            var trees = new Tree[Count(r, bytes.Length)];
            for (var t = 0; t < trees.Length; t++)
            {
                var weight = r.ReadDouble();
                var leaves = new double[Count(r, bytes.Length)];
                for (var i = 0; i < leaves.Length; i++) leaves[i] = r.ReadDouble();
                var n = Count(r, bytes.Length);
                var features = new int[n];
                var thresholds = new float[n];
                var left = new int[n];
                var right = new int[n];
                for (var i = 0; i < n; i++)
                {
                    features[i] = r.ReadInt32();
                    thresholds[i] = r.ReadSingle();
                    left[i] = r.ReadInt32();
                    right[i] = r.ReadInt32();
                    if (!Child(left[i], i, n, leaves.Length) || !Child(right[i], i, n, leaves.Length)) throw new InvalidDataException("The model's trees are damaged.");
                }
                if (leaves.Length == 0 || (n > 0 && leaves.Length != n + 1)) throw new InvalidDataException("The model's trees are damaged.");
                trees[t] = new Tree(weight, leaves, features, thresholds, left, right);
            }
            if (r.BaseStream.Position != bytes.Length) throw new InvalidDataException("The model's trees are damaged.");
            return new PlainTrees(bias, trees);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("The model's trees are cut short.");
        }
    }

    private static int Count(BinaryReader r, int limit)
    {
        var n = r.ReadInt32();
        return n >= 0 && n <= limit ? n : throw new InvalidDataException("The model's trees are damaged.");
    }

    // A split's children come after it (as ML.NET numbers them), so a walk always ends at a leaf.
    private static bool Child(int c, int parent, int nodes, int leaves) => c >= 0 ? c > parent && c < nodes : ~c < leaves;
}
