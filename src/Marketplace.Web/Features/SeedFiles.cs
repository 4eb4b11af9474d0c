namespace Marketplace.Web.Features;

/// <summary>Where the repository's seed/ folder is found at run time (copied beside the app by the build).</summary>
public static class SeedFiles
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "seed");
    public static string PathOf(string name) => Path.Combine(Folder, name);
}
