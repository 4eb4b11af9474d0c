using System.Globalization;
using Marketplace.Matching.Features;

namespace Marketplace.Matching.Reasons;

/// <summary>
/// One reason for (or against) a proposed match, structured so that the app can show it in the page's language.
/// </summary>
/// <param name="Code">One of <see cref="ReasonCodes"/>.</param>
/// <param name="Args">Invariant-culture arguments (numbers, or taxonomy codes joined by ';').</param>
/// <param name="Contribution">How much this reason's features moved the score (positive = in favour).</param>
public sealed record MatchReason(string Code, IReadOnlyList<string> Args, double Contribution)
{
    /// <summary>The reason in words ("ja" or "en").</summary>
    public string Format(string language) => ReasonFormatter.Format(this, language);

    /// <summary>
    /// True when the reason speaks in favour of the match. A shortfall (a required skill missing, too few days,
    /// too many on-site days, a required experience or engagement form lacking) is never in favour, whatever a
    /// learned model's contribution says: it is what a reader must weigh against the match.
    /// </summary>
    public bool InFavour => !IsShortfall && Contribution >= 0;

    /// <summary>The reason states that the expert falls short of what the opening asks.</summary>
    internal bool IsShortfall => Code switch
    {
        ReasonCodes.RequiredSkills => Args.Count > 2 && Args[2].Length > 0,
        ReasonCodes.AvailabilityShort or ReasonCodes.OnsiteOverLimit or ReasonCodes.PublicSectorMissing or ReasonCodes.EngagementNotAccepted => true,
        _ => false,
    };
}

/// <summary>The reason codes and their arguments.</summary>
internal static class ReasonCodes
{
    /// <summary>have, total, missing skill codes (';'-joined, may be empty).</summary>
    public const string RequiredSkills = "required_skills";
    /// <summary>have, total.</summary>
    public const string PreferredSkills = "preferred_skills";
    /// <summary>percent above the desired day rate.</summary>
    public const string PayAbove = "pay_above";
    /// <summary>no arguments.</summary>
    public const string PayMeets = "pay_meets";
    /// <summary>percent below the desired day rate.</summary>
    public const string PayBelow = "pay_below";
    /// <summary>days a week needed, days available.</summary>
    public const string AvailabilityOk = "availability_ok";
    /// <summary>days a week needed, days available.</summary>
    public const string AvailabilityShort = "availability_short";
    /// <summary>no arguments.</summary>
    public const string FullyRemote = "fully_remote";
    /// <summary>on-site days a month.</summary>
    public const string OnsiteFromHome = "onsite_from_home";
    /// <summary>on-site days a month, km.</summary>
    public const string OnsiteDistance = "onsite_distance";
    /// <summary>on-site days a month, the expert's maximum.</summary>
    public const string OnsiteOverLimit = "onsite_over_limit";
    /// <summary>years.</summary>
    public const string PublicSectorYears = "public_sector_years";
    /// <summary>no arguments.</summary>
    public const string PublicSectorMissing = "public_sector_missing";
    /// <summary>no arguments.</summary>
    public const string PublicSectorNone = "public_sector_none";
    /// <summary>engagement code.</summary>
    public const string EngagementAccepted = "engagement_accepted";
    /// <summary>engagement code.</summary>
    public const string EngagementNotAccepted = "engagement_not_accepted";
    /// <summary>years, role code.</summary>
    public const string ExperienceYears = "experience_years";
    /// <summary>relevant certification codes (';'-joined), or empty and a count.</summary>
    public const string Certifications = "certifications";
    /// <summary>no arguments.</summary>
    public const string CertifiedCio = "certified_cio";
    /// <summary>no arguments.</summary>
    public const string SummaryMatches = "summary_matches";
    /// <summary>number of skills.</summary>
    public const string SkillBreadth = "skill_breadth";
}

/// <summary>Puts reasons into words the way a Japanese HR professional would write them (and in English).</summary>
internal static class ReasonFormatter
{
    public static string Format(MatchReason r, string language)
    {
        var ja = language.StartsWith("ja", StringComparison.OrdinalIgnoreCase);
        string A(int i) => i < r.Args.Count ? r.Args[i] : "";
        string Labels(string codes) => string.Join(ja ? "、" : ", ",
            codes.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(c => MatchingTaxonomy.LabelOf(c, ja ? "ja" : "en")));
        return r.Code switch
        {
            ReasonCodes.RequiredSkills when A(2).Length > 0 => ja
                ? $"必須スキル {A(0)}/{A(1)}（不足: {Labels(A(2))}）"
                : $"Required skills {A(0)}/{A(1)} (missing: {Labels(A(2))})",
            ReasonCodes.RequiredSkills => ja ? $"必須スキル {A(0)}/{A(1)}" : $"Required skills {A(0)}/{A(1)}",
            ReasonCodes.PreferredSkills => ja ? $"歓迎スキル {A(0)}/{A(1)}" : $"Preferred skills {A(0)}/{A(1)}",
            ReasonCodes.PayAbove => ja ? $"希望日額を{A(0)}%上回る" : $"Pays {A(0)}% above the desired day rate",
            ReasonCodes.PayMeets => ja ? "希望日額どおり" : "Pays the desired day rate",
            ReasonCodes.PayBelow => ja ? $"希望日額を{A(0)}%下回る" : $"Pays {A(0)}% below the desired day rate",
            ReasonCodes.AvailabilityOk => ja ? $"週{A(0)}日の勤務に対応可能" : $"Can work the {A(0)} days a week needed",
            ReasonCodes.AvailabilityShort => ja ? $"週{A(0)}日の勤務に対し週{A(1)}日まで" : $"Available {A(1)} of the {A(0)} days a week needed",
            ReasonCodes.FullyRemote => ja ? "登庁不要（フルリモート）" : "Fully remote",
            ReasonCodes.OnsiteFromHome => ja ? $"月{A(0)}日の登庁は居住県から可能" : $"{A(0)} on-site days a month from the home prefecture",
            ReasonCodes.OnsiteDistance => ja ? $"月{A(0)}日の登庁（居住地から約{A(1)}km）" : $"{A(0)} on-site days a month, about {A(1)} km from home",
            ReasonCodes.OnsiteOverLimit => ja ? $"月{A(0)}日の登庁は本人の上限（月{A(1)}日）を超える" : $"{A(0)} on-site days a month exceed the expert's limit of {A(1)}",
            ReasonCodes.PublicSectorYears => ja ? $"行政経験 {A(0)}年" : $"{A(0)} years in the public sector",
            ReasonCodes.PublicSectorMissing => ja ? "行政経験なし（応募要件）" : "No public-sector experience (required)",
            ReasonCodes.PublicSectorNone => ja ? "行政経験なし" : "No public-sector experience",
            ReasonCodes.EngagementAccepted => ja ? $"{Labels(A(0))}での就任を希望" : $"Accepts {Labels(A(0))}",
            ReasonCodes.EngagementNotAccepted => ja ? $"{Labels(A(0))}は希望外" : $"Does not accept {Labels(A(0))}",
            ReasonCodes.ExperienceYears => ja ? $"実務経験 {A(0)}年" : $"{A(0)} years of experience",
            ReasonCodes.Certifications when A(0).Length > 0 => ja ? $"関連資格: {Labels(A(0))}" : $"Relevant certifications: {Labels(A(0))}",
            ReasonCodes.Certifications => ja ? $"保有資格 {A(1)}件" : $"{A(1)} certifications",
            ReasonCodes.CertifiedCio => ja ? "認定CIO" : "Certified CIO",
            ReasonCodes.SummaryMatches => ja ? "自己紹介が募集内容と合致" : "Self-introduction matches the opening",
            ReasonCodes.SkillBreadth => ja ? $"スキル {A(0)}分野" : $"{A(0)} skill areas",
            _ => r.Code,
        };
    }
}

/// <summary>Turns per-group contributions into the main reasons of a match.</summary>
internal static class ReasonBuilder
{
    private static string N(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>At most 4 reasons in favour (largest first), then at most 2 against, then any shortfall the scorer did not count against.</summary>
    public static IReadOnlyList<MatchReason> Select(OpeningContext ctx, ExpertRecord expert, ReadOnlySpan<float> f, ReadOnlySpan<double> contributions)
    {
        var items = new List<MatchReason>();
        foreach (var g in MatchFeatures.ExplainedGroups)
        {
            var r = Describe(g, ctx, expert, f, contributions[(int)g]);
            if (r is not null) items.Add(r);
        }
        var pros = items.Where(r => r.InFavour && r.Contribution > 1e-6).OrderByDescending(r => r.Contribution).Take(4);
        // A shortfall is a minus whatever its contribution: one the scorer did not count against is listed after
        // the (at most 2) largest concerns rather than among the pros.
        var cons = items.Where(r => r.Contribution < -1e-6).OrderBy(r => r.Contribution).Take(2)
            .Concat(items.Where(r => r.IsShortfall && r.Contribution >= -1e-6));
        var result = pros.Concat(cons).ToList();
        if (result.Count == 0 && items.FirstOrDefault(r => r.Code == ReasonCodes.RequiredSkills) is { } req) result.Add(req);
        return result;
    }

    public static MatchReason? Describe(FeatureGroup g, OpeningContext ctx, ExpertRecord x, ReadOnlySpan<float> f, double c)
    {
        var o = ctx.Opening;
        switch (g)
        {
            case FeatureGroup.RequiredSkills:
                if (o.RequiredSkills.Count == 0) return null;
                var missing = o.RequiredSkills.Where(s => !x.Skills.ContainsKey(s)).ToArray();
                return new(ReasonCodes.RequiredSkills, [(o.RequiredSkills.Count - missing.Length).ToString(CultureInfo.InvariantCulture),
                    o.RequiredSkills.Count.ToString(CultureInfo.InvariantCulture), string.Join(';', missing)], c);
            case FeatureGroup.PreferredSkills:
                if (o.PreferredSkills.Count == 0) return null;
                var have = o.PreferredSkills.Count(x.Skills.ContainsKey);
                return new(ReasonCodes.PreferredSkills, [have.ToString(CultureInfo.InvariantCulture), o.PreferredSkills.Count.ToString(CultureInfo.InvariantCulture)], c);
            case FeatureGroup.Pay:
                if (x.DesiredDayRateYen <= 0) return new(ReasonCodes.PayMeets, [], c);
                var pct = (int)Math.Round((ctx.DayRate / x.DesiredDayRateYen - 1) * 100, MidpointRounding.AwayFromZero);
                return pct switch
                {
                    > 0 => new(ReasonCodes.PayAbove, [pct.ToString(CultureInfo.InvariantCulture)], c),
                    < 0 => new(ReasonCodes.PayBelow, [(-pct).ToString(CultureInfo.InvariantCulture)], c),
                    _ => new(ReasonCodes.PayMeets, [], c),
                };
            case FeatureGroup.Availability:
                return x.AvailableDaysPerWeek + 1e-9 >= o.DaysPerWeek
                    ? new(ReasonCodes.AvailabilityOk, [N(o.DaysPerWeek), N(x.AvailableDaysPerWeek)], c)
                    : new(ReasonCodes.AvailabilityShort, [N(o.DaysPerWeek), N(x.AvailableDaysPerWeek)], c);
            case FeatureGroup.Onsite:
                if (o.OnsiteDaysPerMonth <= 0) return new(ReasonCodes.FullyRemote, [], c);
                if (o.OnsiteDaysPerMonth > x.MaxOnsiteDaysPerMonth + 1e-9)
                    return new(ReasonCodes.OnsiteOverLimit, [N(o.OnsiteDaysPerMonth), N(x.MaxOnsiteDaysPerMonth)], c);
                var km = f[MatchFeatures.DistanceKm];
                return km <= 0
                    ? new(ReasonCodes.OnsiteFromHome, [N(o.OnsiteDaysPerMonth)], c)
                    : new(ReasonCodes.OnsiteDistance, [N(o.OnsiteDaysPerMonth), (Math.Round(km / 10) * 10).ToString("0", CultureInfo.InvariantCulture)], c);
            case FeatureGroup.PublicSector:
                if (x.PublicSectorYears > 0) return new(ReasonCodes.PublicSectorYears, [x.PublicSectorYears.ToString(CultureInfo.InvariantCulture)], c);
                return new(o.PublicSectorExperienceRequired ? ReasonCodes.PublicSectorMissing : ReasonCodes.PublicSectorNone, [], c);
            case FeatureGroup.Engagement:
                return new(x.AcceptsEngagements.Contains(o.Engagement) ? ReasonCodes.EngagementAccepted : ReasonCodes.EngagementNotAccepted, [o.Engagement], c);
            case FeatureGroup.Seniority:
                return new(ReasonCodes.ExperienceYears, [x.YearsExperience.ToString(CultureInfo.InvariantCulture), o.Role], c);
            case FeatureGroup.Certifications:
                if (x.Certifications.Count == 0) return null;
                var wanted = o.RequiredSkills.Concat(o.PreferredSkills).ToHashSet();
                var relevant = x.Certifications.Where(cert => MatchingTaxonomy.SkillsAttestedBy(cert).Any(wanted.Contains)).ToArray();
                return new(ReasonCodes.Certifications, [string.Join(';', relevant), x.Certifications.Count.ToString(CultureInfo.InvariantCulture)], c);
            case FeatureGroup.CertifiedCio:
                return x.CertifiedCio ? new(ReasonCodes.CertifiedCio, [], c) : null;
            case FeatureGroup.TextSimilarity:
                return c > 0 ? new(ReasonCodes.SummaryMatches, [], c) : null;
            case FeatureGroup.SkillBreadth:
                return c > 0 ? new(ReasonCodes.SkillBreadth, [x.Skills.Count.ToString(CultureInfo.InvariantCulture)], c) : null;
            default:
                return null;
        }
    }
}
