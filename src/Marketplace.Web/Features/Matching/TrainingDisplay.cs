using System.Text.RegularExpressions;

namespace Marketplace.Web.Features.Matching;

/// <summary>
/// Training runs and promotion decisions in the page's language. The trainer and the promotion gate (in
/// Marketplace.Matching, which knows no resources) word them in English, and older rows are stored that way,
/// so the known wordings are recognised here and put into the page's language.
/// </summary>
public sealed partial class TrainingDisplay(IStringLocalizer<SharedResource> t)
{
    private const string PromotedPrefix = "採用 / promoted: ";
    private const string NotPromotedPrefix = "不採用 / not promoted: ";

    [GeneratedRegex(@"^held-out NDCG@10 (?<c>[\d.]+) is (?<worse>not worse|worse) than the current (?<p>[\d.]+)$")]
    private static partial Regex Compared();

    [GeneratedRegex(@"^evaluated (?<a>\d+)/(?<b>\d+) openings$")]
    private static partial Regex Evaluated();

    [GeneratedRegex(@"^(?<n>\d+) openings with outcomes: (?<train>\d+) for training, (?<held>\d+) held out$")]
    private static partial Regex Split();

    [GeneratedRegex(@"^(?<n>\d+) training rows$")]
    private static partial Regex Rows();

    [GeneratedRegex(@"^training LightGBM lambdarank: (?<trees>\d+) trees, (?<leaves>\d+) leaves, seed (?<seed>\d+)$")]
    private static partial Regex Training();

    [GeneratedRegex(@"^evaluating on (?<n>\d+) held-out openings$")]
    private static partial Regex Evaluating();

    /// <summary>Why a model was or was not promoted.</summary>
    public string Decision(string? reason)
    {
        var r = reason?.Trim() ?? "";
        var key = r switch
        {
            "no current model" => "Training_Decision_NoCurrent",
            "a rule-based (cold-start) ranker does not replace a trained model" => "Training_Decision_RulesKeepModel",
            "replaces a rule-based ranker with a rule-based ranker" => "Training_Decision_RulesReplaceRules",
            "the candidate has no held-out figures" => "Training_Decision_NoFigures",
            "a trained model replaces the rule-based ranker" => "Training_Decision_ModelReplacesRules",
            _ => null,
        };
        if (key is not null) return t[key];
        if (Compared().Match(r) is { Success: true } m)
            return t[m.Groups["worse"].Value == "worse" ? "Training_Decision_Worse" : "Training_Decision_NotWorse", m.Groups["c"].Value, m.Groups["p"].Value];
        return r;
    }

    /// <summary>What a run is doing or how it ended.</summary>
    public string Progress(TrainingRun run)
    {
        var p = run.Progress?.Trim() ?? "";
        if (p.StartsWith(PromotedPrefix, StringComparison.Ordinal)) return t["Training_Promoted", Decision(p[PromotedPrefix.Length..])];
        if (p.StartsWith(NotPromotedPrefix, StringComparison.Ordinal)) return t["Training_NotPromoted", Decision(p[NotPromotedPrefix.Length..])];
        // "待機中 / queued": both languages in one string.
        if (p.Split(" / ") is [var ja, var en] && !ja.Any(char.IsAsciiLetter)) return LocalizationSetup.IsEnglish ? en : ja;
        if (Evaluated().Match(p) is { Success: true } e) return t["Training_Evaluated", e.Groups["a"].Value, e.Groups["b"].Value];
        if (Split().Match(p) is { Success: true } s) return t["Training_Split", s.Groups["n"].Value, s.Groups["train"].Value, s.Groups["held"].Value];
        if (Rows().Match(p) is { Success: true } rows) return t["Training_Rows", rows.Groups["n"].Value];
        if (Training().Match(p) is { Success: true } tr) return t["Training_Fitting", tr.Groups["trees"].Value, tr.Groups["leaves"].Value, tr.Groups["seed"].Value];
        if (Evaluating().Match(p) is { Success: true } ev) return t["Training_Evaluating", ev.Groups["n"].Value];
        var decision = Decision(p);
        return decision == p && p.Any(char.IsAsciiLetter) && !LocalizationSetup.IsEnglish ? t[$"TrainingRun_{run.Status}"] : decision;
    }

    public static string Figure(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "—";
}
