using System.Globalization;
using Marketplace.Matching.Csv;

namespace Marketplace.Matching.Geo;

/// <summary>A prefecture with the coordinates of its government office (seed/prefectures.csv, embedded).</summary>
public sealed record Prefecture(string Code, string NameJa, string NameEn, double Latitude, double Longitude);

/// <summary>Prefectures and the great-circle distances between their government offices.</summary>
public static class Prefectures
{
    private static readonly Lazy<Prefecture[]> All = new(Load);
    private static readonly Lazy<float[]> Distances = new(BuildDistances);

    /// <summary>The 47 prefectures in code order (index = code − 1).</summary>
    public static IReadOnlyList<Prefecture> List => All.Value;

    /// <summary>0-based index of a "01"–"47" code, or -1.</summary>
    public static int IndexOf(string? code) =>
        code is { Length: 2 } && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 47 ? n - 1 : -1;

    public static bool IsValid(string? code) => IndexOf(code) >= 0;

    /// <summary>Kilometres between two prefectures' offices; 0 within a prefecture.</summary>
    public static double DistanceKm(string a, string b) => DistanceKm(IndexOf(a), IndexOf(b));

    /// <summary>Kilometres between two prefecture indexes (0-based); 0 within a prefecture.</summary>
    public static float DistanceKm(int a, int b) => a < 0 || b < 0 ? 0 : Distances.Value[a * 47 + b];

    /// <summary>The row of distances from one prefecture to all 47, for tight loops.</summary>
    public static ReadOnlySpan<float> DistanceRow(int from) => Distances.Value.AsSpan(from * 47, 47);

    private static float[] BuildDistances()
    {
        var p = All.Value;
        var d = new float[47 * 47];
        for (var i = 0; i < 47; i++)
            for (var j = 0; j < 47; j++)
                d[i * 47 + j] = i == j ? 0 : (float)Haversine(p[i].Latitude, p[i].Longitude, p[j].Latitude, p[j].Longitude);
        return d;
    }

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0;
        double Rad(double x) => x * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static Prefecture[] Load()
    {
        using var stream = typeof(Prefectures).Assembly.GetManifestResourceStream("Marketplace.Matching.prefectures.csv")
            ?? throw new InvalidOperationException("The embedded prefecture list is missing.");
        using var reader = new StreamReader(stream);
        var (records, _) = CsvTable.Parse(reader);
        var header = records[0].Fields.ToList();
        int C(string n) => header.IndexOf(n);
        var result = new Prefecture[47];
        foreach (var r in records.Skip(1))
        {
            var code = r.Fields[C("prefecture_code")];
            var i = IndexOf(code);
            if (i < 0) continue;
            result[i] = new Prefecture(code, r.Fields[C("name_ja")], r.Fields[C("name_en")],
                double.Parse(r.Fields[C("latitude")], CultureInfo.InvariantCulture),
                double.Parse(r.Fields[C("longitude")], CultureInfo.InvariantCulture));
        }
        if (result.Any(p => p is null)) throw new InvalidOperationException("The embedded prefecture list is incomplete.");
        return result;
    }
}
