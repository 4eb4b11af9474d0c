namespace Marketplace.Web.Features.PayBenchmark;

/// <summary>The benchmark in words and as a chart, in the request's language.</summary>
public sealed class PayBenchmarkDisplay(IStringLocalizer<SharedResource> t, DisplayFormatter fmt, TaxonomyCatalog taxonomy)
{
    public string RoleLabel(string? code) => code is null ? t["PayBenchmark_AnyRole"] : Short(TaxonomyCatalog.Label(taxonomy.Roles, code));

    public string EngagementLabel(string? code) => code is null ? t["PayBenchmark_AnyEngagement"] : TaxonomyCatalog.Label(taxonomy.Engagements, code);

    public string BandLabel(string? code) => code is null ? t["PayBenchmark_AnyBand"] : t[$"PayBenchmark_Band_{code}"];

    /// <summary>役割「CIO補佐官」・特別職非常勤・週1日超〜3日: what the postings of a group have in common.</summary>
    public string GroupLabel(GroupKey k) => t["PayBenchmark_Group", RoleLabel(k.RoleCode), EngagementLabel(k.EngagementCode), BandLabel(k.Band)];

    /// <summary>"…の募集 34件の中で、この日額は下から20%の位置です" or why no comparison is shown; empty without a day rate.</summary>
    public string Describe(PayPosition? p)
    {
        if (p is null) return "";
        if (p.Group is not { } g) return t["PayBenchmark_TooFew", PayDistribution.MinimumGroupSize];
        return t["PayBenchmark_Position", GroupLabel(g.Key), g.Count, fmt.Yen(p.DayRateYen), Ordinal(p.Percentile), fmt.Yen(g.Median), p.Below];
    }

    public string TotalLabel() => t["PayBenchmark_TotalShort"];

    public string EnterPayText() => t["PayBenchmark_EnterPay"];

    /// <summary>20 → "20" in Japanese (the sentence says 下から20%), "20th" in English.</summary>
    public static string Ordinal(int n)
    {
        var s = n.ToString(CultureInfo.InvariantCulture);
        if (!LocalizationSetup.IsEnglish) return s;
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return s + suffix;
    }

    private static string Short(string label) => label.Split('（', '(')[0].Trim();

    /// <summary>
    /// A box chart of the shown groups: whiskers from the 10th to the 90th percentile, the box from the 25th to the
    /// 75th, a bar at the median; the scale runs from 0 to the highest 90th percentile, in round steps.
    /// </summary>
    public PayChart Chart(IReadOnlyList<(string Label, PayGroup Group)> rows)
    {
        const double left = 230, width = 560, rowHeight = 34, top = 10;
        var max = rows.Count == 0 ? 100_000 : rows.Max(r => r.Group.P90);
        var step = NiceStep(max);
        var scaleMax = Math.Max(step, Math.Ceiling(max / (double)step) * step);
        double X(long yen) => Math.Round(left + width * Math.Min(yen, scaleMax) / scaleMax, 1);
        var chartRows = rows.Select((r, i) => new PayChartRow(r.Label, r.Group.Count, top + i * rowHeight + rowHeight / 2,
            X(r.Group.P10), X(r.Group.P25), X(r.Group.Median), X(r.Group.P75), X(r.Group.P90),
            t["PayBenchmark_ChartRow", r.Label, r.Group.Count, fmt.Yen(r.Group.P10), fmt.Yen(r.Group.P25), fmt.Yen(r.Group.Median), fmt.Yen(r.Group.P75), fmt.Yen(r.Group.P90)])).ToList();
        var ticks = new List<PayChartTick>();
        for (var v = 0.0; v <= scaleMax + 0.5; v += step)
        {
            ticks.Add(new PayChartTick(X((long)v), fmt.Yen((long)v)));
        }
        var height = top + rows.Count * rowHeight + 36;
        return new PayChart(chartRows, ticks, left, left + width, top, top + rows.Count * rowHeight, height, left + width + 30);
    }

    private static long NiceStep(long max)
    {
        foreach (var s in new long[] { 5_000, 10_000, 20_000, 25_000, 50_000, 100_000, 200_000, 250_000, 500_000, 1_000_000 })
        {
            if (max / s <= 6) return s;
        }
        return 2_000_000;
    }
}

public sealed record PayChartRow(string Label, int Count, double Y, double X10, double X25, double X50, double X75, double X90, string Description);

public sealed record PayChartTick(double X, string Label);

public sealed record PayChart(IReadOnlyList<PayChartRow> Rows, IReadOnlyList<PayChartTick> Ticks, double Left, double Right, double Top, double Bottom, double Height, double Width);
