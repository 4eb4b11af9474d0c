namespace Marketplace.Matching.Ranking;

/// <summary>A bounded min-heap keeping the best k (score, index) pairs; ties go to the lower index.</summary>
internal sealed class TopK(int k)
{
    private readonly double[] _s = new double[k];
    private readonly int[] _i = new int[k];
    private int _n;

    public bool Full => _n == k;
    public double MinScore => _s[0];

    public static int BestFirst((double Score, int Index) a, (double Score, int Index) b)
    {
        var c = b.Score.CompareTo(a.Score);
        return c != 0 ? c : a.Index.CompareTo(b.Index);
    }

    // a is worse than b
    private bool Worse(int a, int b) => _s[a] < _s[b] || (_s[a] == _s[b] && _i[a] > _i[b]);

    public void Offer(double score, int index)
    {
        if (_n < k)
        {
            _s[_n] = score; _i[_n] = index; _n++;
            var c = _n - 1;
            while (c > 0)
            {
                var p = (c - 1) / 2;
                if (!Worse(c, p)) break;
                Swap(c, p); c = p;
            }
            return;
        }
        if (score < _s[0] || (score == _s[0] && index > _i[0])) return;
        _s[0] = score; _i[0] = index;
        var i = 0;
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < _n && Worse(l, m)) m = l;
            if (r < _n && Worse(r, m)) m = r;
            if (m == i) break;
            Swap(i, m); i = m;
        }
    }

    private void Swap(int a, int b)
    {
        (_s[a], _s[b]) = (_s[b], _s[a]);
        (_i[a], _i[b]) = (_i[b], _i[a]);
    }

    public IEnumerable<(double Score, int Index)> Items()
    {
        for (var j = 0; j < _n; j++) yield return (_s[j], _i[j]);
    }
}
