namespace Marketplace.Web.Features;

/// <summary>Where the repository's seed/ folder is found at run time (copied beside the app by the build).</summary>
public static class SeedFiles
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "seed");
    public static string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>The rows of a seed CSV file as column name → value, the header row giving the names.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        var (records, errors) = Csv.Read(reader.ReadToEnd());
        if (errors.Count > 0) throw new InvalidDataException($"{path}:{errors[0].Line}:{errors[0].Column}: {errors[0].Message}");
        var header = records[0].Fields;
        return records.Skip(1)
            .Select(r => header.Select((h, i) => (h, v: i < r.Fields.Count ? r.Fields[i] : "")).ToDictionary(x => x.h, x => x.v))
            .ToList();
    }
}
