using Marketplace.Web.Tests.Localization;

namespace Marketplace.Web.Tests.Layout;

/// <summary>
/// One noun per feature (docs/decisions/0007-one-noun-per-feature.md): every page folder and every test folder is named
/// after a feature folder in <c>src/Marketplace.Web/Features</c>, each feature registers itself as <c>Add&lt;Noun&gt;()</c>,
/// and the README's layout table names every feature and page folder, so a newcomer finds a feature by one word.
/// </summary>
public sealed class FeatureNamingTests
{
    private static readonly string Web = Path.Combine(LocalizationTests.RepoRootPath, "src", "Marketplace.Web");

    /// <summary>Folders that carry an authorisation rule for a role (docs/decisions/0001-role-first-page-folders.md).</summary>
    private static readonly string[] RoleFolders = ["Account", "Admin", "Manage", "Vendor"];

    /// <summary>Page folders named for what they show rather than for their feature, with the feature they belong to.</summary>
    private static readonly Dictionary<string, string> PageFolderFeature = new()
    {
        ["Audit"] = "Security",
        ["Staff"] = "Accounts",
    };

    /// <summary>Test folders that test no one feature: the whole app (accessibility, hosting, walks) or a non-feature folder of src.</summary>
    private static readonly string[] CrossCuttingTestFolders =
        ["Accessibility", "Cli", "Data", "Hosting", "Infrastructure", "Jobs", "Layout", "Lists", "Localization", "WalkFindings"];

    private static HashSet<string> Features() =>
        Directory.EnumerateDirectories(Path.Combine(Web, "Features")).Select(Path.GetFileName).ToHashSet()!;

    /// <summary>Page folders as the README writes them: <c>Openings</c>, <c>Manage/Calls</c>.</summary>
    private static List<string> PageFolders()
    {
        var pages = Path.Combine(Web, "Pages");
        var top = Directory.EnumerateDirectories(pages).Select(Path.GetFileName).Where(n => n != "Shared").ToList();
        return top.SelectMany(n => RoleFolders.Contains(n)
                ? Directory.EnumerateDirectories(Path.Combine(pages, n!)).Select(d => $"{n}/{Path.GetFileName(d)}").Prepend(n!)
                : [n!])
            .ToList();
    }

    [Fact]
    public void PageFolders_NameAFeature()
    {
        var features = Features();
        var strays = PageFolders()
            .Where(f => !RoleFolders.Contains(f))
            .Select(f => (Folder: f, Noun: f.Split('/')[^1]))
            .Where(f => !features.Contains(PageFolderFeature.GetValueOrDefault(f.Noun, f.Noun)))
            .Select(f => f.Folder)
            .ToList();
        Assert.True(strays.Count == 0, $"Page folders that name no folder of Features/ (rename them after their feature, keeping the URL with an absolute @page): {string.Join(", ", strays)}");
    }

    [Fact]
    public void TestFolders_NameAFeature()
    {
        var features = Features();
        var tests = Path.Combine(LocalizationTests.RepoRootPath, "tests", "Marketplace.Web.Tests");
        var strays = Directory.EnumerateDirectories(tests).Select(Path.GetFileName)
            .Where(n => n is not ("bin" or "obj") && !features.Contains(n!) && !CrossCuttingTestFolders.Contains(n))
            .ToList();
        Assert.True(strays.Count == 0, $"Test folders that name no feature (use the feature's noun, or list a cross-cutting folder here): {string.Join(", ", strays)}");
    }

    [Fact]
    public void Features_RegisterThemselvesUnderTheirNoun()
    {
        var missing = Features()
            .Where(f => !Directory.EnumerateFiles(Path.Combine(Web, "Features", f), "*.cs")
                .Any(file => File.ReadAllText(file).Contains($" Add{f}(this IServiceCollection", StringComparison.Ordinal)))
            .ToList();
        Assert.True(missing.Count == 0, $"Features without an Add<Noun>(this IServiceCollection …) of their own name: {string.Join(", ", missing)}");
    }

    [Fact]
    public void ReadmeLayoutTable_NamesEveryFeatureAndPageFolder()
    {
        var readme = File.ReadAllText(Path.Combine(LocalizationTests.RepoRootPath, "README.md"));
        var layout = readme[readme.IndexOf("\n## Layout", StringComparison.Ordinal)..];
        var table = string.Join('\n', layout.Split('\n').Where(l => l.StartsWith('|')));
        var missing = Features().Where(f => !table.Contains($"`{f}/", StringComparison.Ordinal))
            .Concat(PageFolders().Where(p => !table.Contains($"`{p}`", StringComparison.Ordinal) && !table.Contains($"`{p}/", StringComparison.Ordinal)))
            .ToList();
        Assert.True(missing.Count == 0, $"Not in the README's layout table: {string.Join(", ", missing)}");
    }
}
