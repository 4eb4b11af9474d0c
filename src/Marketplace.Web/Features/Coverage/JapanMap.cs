using System.Text;
using System.Text.Json;

namespace Marketplace.Web.Features.Coverage;

/// <summary>One prefecture's outline as SVG path data, in the map's coordinates.</summary>
public sealed record PrefectureShape(string Code, string PathData);

/// <summary>
/// The 47 prefecture outlines of the coverage maps, read once at start-up from seed/japan-map.json (already projected
/// by its source; see that file's "source" and "licence"). Okinawa is moved into an enlarged inset in the empty sea
/// to the north-west, as Japanese maps usually draw it, and the view box is fitted to what is drawn. Pages only
/// write the precomputed path strings.
/// </summary>
public sealed class JapanMap
{
    public const string OkinawaCode = "47";
    private const double InsetScale = 1.8, InsetX = 12, InsetY = 24;

    public IReadOnlyList<PrefectureShape> Prefectures { get; }
    public string ViewBox { get; }

    /// <summary>The frame drawn around the Okinawa inset (x, y, width, height).</summary>
    public (double X, double Y, double Width, double Height) InsetFrame { get; }

    public string Source { get; }
    public string Licence { get; }

    public JapanMap(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var root = doc.RootElement;
        Source = root.GetProperty("source").GetString()!;
        Licence = root.GetProperty("licence").GetString()!;
        var rings = root.GetProperty("prefectures").EnumerateArray()
            .Select(p => (Code: p.GetProperty("code").GetString()!, Rings: Parse(p.GetProperty("path").GetString()!))).ToList();
        if (rings.Count != 47 || rings.Select(r => r.Code).Distinct().Count() != 47)
            throw new InvalidDataException($"{file} must hold the 47 prefectures once each.");

        var okinawa = rings.Single(r => r.Code == OkinawaCode).Rings.SelectMany(r => r).ToList();
        double minX = okinawa.Min(p => p.X), minY = okinawa.Min(p => p.Y);
        (double X, double Y) Inset((double X, double Y) p) => (InsetX + (p.X - minX) * InsetScale, InsetY + (p.Y - minY) * InsetScale);
        rings = rings.Select(r => r.Code == OkinawaCode ? (r.Code, r.Rings.Select(ring => ring.Select(Inset).ToList()).ToList()) : r).ToList();
        var inset = rings.Single(r => r.Code == OkinawaCode).Rings.SelectMany(r => r).ToList();
        InsetFrame = (InsetX - 6, InsetY - 6, inset.Max(p => p.X) - InsetX + 12, inset.Max(p => p.Y) - InsetY + 12);

        var all = rings.SelectMany(r => r.Rings).SelectMany(r => r).ToList();
        double left = Math.Min(all.Min(p => p.X), InsetFrame.X) - 4, top = Math.Min(all.Min(p => p.Y), InsetFrame.Y) - 4;
        ViewBox = string.Join(' ', new[] { left, top, all.Max(p => p.X) - left + 4, all.Max(p => p.Y) - top + 4 }.Select(Number));
        Prefectures = rings.Select(r => new PrefectureShape(r.Code, Path(r.Rings))).ToList();
    }

    public PrefectureShape this[string code] => Prefectures.First(p => p.Code == code);

    private static List<List<(double X, double Y)>> Parse(string path)
    {
        var rings = new List<List<(double X, double Y)>>();
        foreach (var part in path.Split('Z', StringSplitOptions.RemoveEmptyEntries))
        {
            var points = part.TrimStart('M').Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
            {
                var xy = pair.Split(',');
                return (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture));
            }).ToList();
            if (points.Count >= 3) rings.Add(points);
        }
        return rings;
    }

    private static string Path(List<List<(double X, double Y)>> rings)
    {
        var sb = new StringBuilder();
        foreach (var ring in rings)
        {
            sb.Append('M');
            sb.AppendJoin(' ', ring.Select(p => Number(p.X) + "," + Number(p.Y)));
            sb.Append('Z');
        }
        return sb.ToString();
    }

    private static string Number(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>How a count is shaded: 0 alone, then four equal steps up to the largest count shown.</summary>
public sealed record MapShading(int Max)
{
    public const int Steps = 4;

    public int Shade(int count) => count <= 0 ? 0 : Math.Clamp((int)Math.Ceiling(count * (double)Steps / Math.Max(1, Max)), 1, Steps);

    /// <summary>The legend: each shade in use with the counts it stands for (from, to).</summary>
    public IReadOnlyList<(int Shade, int From, int To)> Legend()
    {
        var rows = new List<(int, int, int)> { (0, 0, 0) };
        for (var k = 1; k <= Steps; k++)
        {
            var from = (int)Math.Floor((k - 1) * (double)Max / Steps) + 1;
            var to = (int)Math.Floor(k * (double)Max / Steps);
            if (from <= to) rows.Add((k, from, to));
        }
        return rows;
    }
}

/// <summary>What one map shows: a count per prefecture code (missing codes count 0), its caption and the measure's name.</summary>
public sealed record CoverageMapModel(string Id, string Caption, string MeasureLabel, IReadOnlyDictionary<string, int> Counts)
{
    public int CountOf(string code) => Counts.TryGetValue(code, out var c) ? c : 0;
    public MapShading Shading => new(Counts.Values.DefaultIfEmpty(0).Max());
}

public static class CoverageServices
{
    public static IServiceCollection AddCoverage(this IServiceCollection services) =>
        services.AddSingleton(_ => new JapanMap(SeedFiles.PathOf("japan-map.json")));
}
