using System.Runtime.CompilerServices;
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

    public TreeEnsembleScorer(RegressionTreeEnsemble ensemble, float[] baseline)
    {
        _baseline = baseline;
        _bias = ensemble.Bias;
        var trees = ensemble.Trees;
        var weights = ensemble.TreeWeights;
        var nodes = new List<Node>();
        var leaves = new List<double>();
        _roots = new int[trees.Count];
        _remainingMax = new double[trees.Count + 1];
        var maxLeaf = new double[trees.Count];
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            var w = weights.Count > t ? weights[t] : 1.0;
            var nodeBase = nodes.Count;
            var leafBase = leaves.Count;
            foreach (var v in tree.LeafValues) leaves.Add(v * w);
            maxLeaf[t] = tree.LeafValues.Count == 0 ? 0 : tree.LeafValues.Max() * w;
            if (tree.NumberOfNodes == 0)
            {
                _roots[t] = ~leafBase;
                continue;
            }
            if (tree.CategoricalSplitFlags.Any(c => c)) throw new NotSupportedException("Categorical splits are not used by the matcher.");
            int Map(int child) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
            for (var i = 0; i < tree.NumberOfNodes; i++)
            {
                nodes.Add(new Node
                {
                    Feature = tree.NumericalSplitFeatureIndexes[i],
                    Threshold = tree.NumericalSplitThresholds[i],
                    Left = Map(tree.LeftChild[i]),
                    Right = Map(tree.RightChild[i]),
                });
            }
            _roots[t] = nodeBase;
        }
        _nodes = nodes.ToArray();
        _leaves = leaves.ToArray();
        for (var t = trees.Count - 1; t >= 0; t--) _remainingMax[t] = _remainingMax[t + 1] + maxLeaf[t];
        if (_nodes.Any(n => n.Feature < 0 || n.Feature >= MatchFeatures.Count)) throw new InvalidDataException("The trees use an unknown feature.");
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

    private double MaxLeaf(int n, ReadOnlySpan<float> lo, ReadOnlySpan<float> hi)
    {
        if (n < 0) return _leaves[~n];
        ref readonly var node = ref _nodes[n];
        var best = double.NegativeInfinity;
        if (lo[node.Feature] <= node.Threshold) best = MaxLeaf(node.Left, lo, hi);
        if (hi[node.Feature] > node.Threshold) best = Math.Max(best, MaxLeaf(node.Right, lo, hi));
        return best;
    }

    /// <summary>Like <see cref="TryScoreAbove(ReadOnlySpan{float}, double, out double)"/> with bounds of the remaining trees from <see cref="UpperBound"/>.</summary>
    public bool TryScoreAbove(ReadOnlySpan<float> f, double threshold, ReadOnlySpan<double> suffix, out double score)
    {
        double s = 0;
        var count = _roots.Length;
        var t = 0;
        var target = threshold - _bias - 1e-6 * (1 + Math.Abs(threshold));
        while (t < count)
        {
            var end = Math.Min(count, t + CheckEvery);
            for (; t < end; t++) s += Tree(t, f);
            if (s + suffix[t] < target)
            {
                score = double.NegativeInfinity;
                return false;
            }
        }
        score = (float)(s + _bias);
        return true;
    }

    /// <summary>
    /// The ensemble restricted to the feature box [lo, hi]: splits the box decides are resolved, trees that become a
    /// single leaf are folded into a constant, and the remaining trees are ordered by how much they can still move the
    /// score, so that early exit triggers sooner. Scores equal the full ensemble's for any vector inside the box
    /// (up to float rounding of the summation order).
    /// </summary>
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
        trees.Sort((a, b) => (b.Max - b.Min).CompareTo(a.Max - a.Min));
        var suffix = new double[trees.Count + 1];
        for (var t = trees.Count - 1; t >= 0; t--) suffix[t] = suffix[t + 1] + trees[t].Max;
        var nodeArray = nodes.ToArray();
        var roots = trees.Select(x => x.Root).ToArray();
        return new Specialized(nodeArray, roots, _leaves, constant, suffix, Complete(nodeArray, roots));
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
    internal sealed class Specialized(Node[] nodes, int[] roots, double[] leaves, double constant, double[] suffix, CompleteTrees? complete)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private double Tree(int t, ReadOnlySpan<float> f)
        {
            if (complete is { } c)
            {
                var depth = c.Depth;
                var inner = (1 << depth) - 1;
                var baseIndex = t * inner;
                var i = 0;
                var feats = c.Features;
                var thr = c.Thresholds;
                for (var level = 0; level < depth; level++)
                {
                    var k = baseIndex + i;
                    i = 2 * i + 1 + (f[feats[k]] > thr[k] ? 1 : 0);
                }
                return c.Leaves[(t << depth) + i - inner];
            }
            var n = roots[t];
            while (n >= 0)
            {
                ref readonly var node = ref nodes[n];
                n = f[node.Feature] <= node.Threshold ? node.Left : node.Right;
            }
            return leaves[~n];
        }

        public int TreeCount => roots.Length;

        /// <summary>Upper bound inside a narrower box, with per-tree suffix bounds (length TreeCount + 1) for early exit.</summary>
        public double UpperBound(ReadOnlySpan<float> lo, ReadOnlySpan<float> hi, Span<double> bounds)
        {
            bounds[roots.Length] = 0;
            for (var t = roots.Length - 1; t >= 0; t--) bounds[t] = bounds[t + 1] + Max(roots[t], lo, hi);
            return constant + bounds[0];
        }

        private double Max(int n, ReadOnlySpan<float> lo, ReadOnlySpan<float> hi)
        {
            if (n < 0) return leaves[~n];
            ref readonly var node = ref nodes[n];
            var best = double.NegativeInfinity;
            if (lo[node.Feature] <= node.Threshold) best = Max(node.Left, lo, hi);
            if (hi[node.Feature] > node.Threshold) best = Math.Max(best, Max(node.Right, lo, hi));
            return best;
        }

        /// <summary>Scores with the remaining-tree bounds of a narrower box (from <see cref="UpperBound"/>).</summary>
        public bool TryScoreAbove(ReadOnlySpan<float> f, double threshold, ReadOnlySpan<double> bounds, out double score)
        {
            var target = threshold - 1e-6 * (1 + Math.Abs(threshold));
            // The trees are ordered by range, so the first few decide most rejections: check the bound after every tree.
            var s = constant;
            var count = roots.Length;
            if (complete is { } c)
            {
                var depth = c.Depth;
                var inner = (1 << depth) - 1;
                var feats = c.Features;
                var thr = c.Thresholds;
                var leafValues = c.Leaves;
                for (var t = 0; t < count; t++)
                {
                    var baseIndex = t * inner;
                    var i = 0;
                    for (var level = 0; level < depth; level++)
                    {
                        var k = baseIndex + i;
                        i = 2 * i + 1 + (f[feats[k]] > thr[k] ? 1 : 0);
                    }
                    s += leafValues[(t << depth) + i - inner];
                    if (s + bounds[t + 1] < target)
                    {
                        score = double.NegativeInfinity;
                        return false;
                    }
                }
            }
            else
            {
                for (var t = 0; t < count; t++)
                {
                    s += Tree(t, f);
                    if (s + bounds[t + 1] < target)
                    {
                        score = double.NegativeInfinity;
                        return false;
                    }
                }
            }
            score = s;
            return true;
        }

        public bool TryScoreAbove(ReadOnlySpan<float> f, double threshold, out double score) => TryScoreAbove(f, threshold, suffix, out score);
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
