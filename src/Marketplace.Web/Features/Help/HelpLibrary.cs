using System.Text.RegularExpressions;
using Marketplace.Matching.Pay;
using Markdig;

namespace Marketplace.Web.Features.Help;

/// <summary>One help page: its address, the resource key of its title and the group of users it is for.</summary>
public sealed record HelpTopic(string Slug, string TitleKey, string AudienceKey);

public static class HelpTopics
{
    public static readonly IReadOnlyList<HelpTopic> All =
    [
        new("post-opening", "Help_PostOpening", "Help_ForStaff"),
        new("apply", "Help_Apply", "Help_ForExperts"),
        new("answer-call", "Help_AnswerCall", "Help_ForVendors"),
        new("request-dispatch", "Help_RequestDispatch", "Help_ForGovernments"),
        new("comparable-pay", "Help_ComparablePay", "Help_ForEveryone"),
    ];

    public static HelpTopic? Find(string slug) => All.FirstOrDefault(t => t.Slug == slug);

    public static IServiceCollection AddHelp(this IServiceCollection services) => services.AddSingleton<HelpLibrary>();
}

/// <summary>
/// The help pages, written in Markdown (Features/Help/Content/&lt;slug&gt;.&lt;ja|en&gt;.md, embedded in the assembly) and
/// rendered to HTML once, at start-up. Worked pay examples are written as <c>{{day:Unit:Amount:DaysPerWeek}}</c> /
/// <c>{{annual:...}}</c> and computed by <see cref="ComparablePay"/>, so the help can never disagree with the figures
/// the site shows; <c>{{weeks}}</c>, <c>{{hours}}</c> and <c>{{tax}}</c> are its constants.
/// </summary>
public sealed partial class HelpLibrary
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();
    private readonly Dictionary<(string Slug, bool English), string> _html = [];

    public HelpLibrary()
    {
        var assembly = typeof(HelpLibrary).Assembly;
        foreach (var topic in HelpTopics.All)
        {
            foreach (var english in new[] { false, true })
            {
                var name = $"help/{topic.Slug}.{(english ? "en" : "ja")}.md";
                using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Help page {name} is not embedded.");
                using var reader = new StreamReader(stream);
                _html[(topic.Slug, english)] = Render(reader.ReadToEnd(), english);
            }
        }
    }

    /// <summary>The page's HTML in the requested language.</summary>
    public string Html(HelpTopic topic, bool english) => _html[(topic.Slug, english)];

    public static string Render(string markdown, bool english)
    {
        var text = Placeholder().Replace(markdown, m => Expand(m.Groups[1].Value, english));
        // Every numbered list of a help page is a sequence of steps.
        return Markdown.ToHtml(text, Pipeline).Replace("<ol>", "<ol class=\"step-indicator\">");
    }

    private static string Expand(string token, bool english)
    {
        var parts = token.Split(':');
        string Yen(long v) => english ? $"¥{v.ToString("N0", CultureInfo.InvariantCulture)}" : $"{v.ToString("N0", CultureInfo.InvariantCulture)}円";
        switch (parts[0])
        {
            case "weeks": return ComparablePay.WorkingWeeksPerYear.ToString(CultureInfo.InvariantCulture);
            case "hours": return ComparablePay.HoursPerDay.ToString(CultureInfo.InvariantCulture);
            case "tax": return (ComparablePay.ConsumptionTaxRate * 100).ToString(CultureInfo.InvariantCulture) + "%";
            case "day" or "annual" when parts.Length >= 4:
                var pay = new PostedPay(long.Parse(parts[2], CultureInfo.InvariantCulture), Enum.Parse<PostedPayUnit>(parts[1]),
                    double.Parse(parts[3], CultureInfo.InvariantCulture), parts.Length > 4 ? int.Parse(parts[4], CultureInfo.InvariantCulture) : 12,
                    parts.Length > 5 && parts[5] == "tax");
                var figures = ComparablePay.Compute(pay);
                return Yen(parts[0] == "day" ? figures.DayRateYen : figures.AnnualEquivalentYen);
            default: throw new FormatException($"Unknown help placeholder {{{{{token}}}}}.");
        }
    }

    [GeneratedRegex(@"\{\{([a-zA-Z0-9:.]+)\}\}")]
    private static partial Regex Placeholder();
}
