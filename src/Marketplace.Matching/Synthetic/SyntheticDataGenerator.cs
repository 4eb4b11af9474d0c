using Marketplace.Matching.Codes;
using Marketplace.Matching.Geo;
using Marketplace.Matching.Pay;

namespace Marketplace.Matching.Synthetic;

/// <summary>Sizes and seed of a generated dataset.</summary>
/// <param name="WithOutcomes">Simulate applications and their outcomes (off for benchmarks, which need only profiles).</param>
/// <param name="UnfilledShare">Share of openings posted too recently to have applications (what <c>matching rank</c> ranks by default).</param>
public sealed record GeneratorOptions(int Openings = 1000, int Experts = 3000, int Seed = 1, bool WithOutcomes = true, double UnfilledShare = 0.1);

/// <summary>
/// Generates a dataset in the interchange format with a hidden structure, for tests, benchmarks and demos.
/// Experts live mostly in big cities; openings are spread over the country. Whether an expert applies depends on the
/// expert's view of the opening (pay against the desired day rate, days a week, on-site days against the limit and
/// the travel distance, the engagement form, interest in the skills, a personal activity level, and seeing the
/// opening at all, likelier nearby); how far an application goes depends on the government's view (required
/// skills weighted by years with diminishing returns, a missing required skill hurting a lot, preferred skills,
/// public-sector experience with a threshold when required and extra weight for CIO roles, seniority thresholds for
/// leadership roles, relevant certifications, certified-CIO status), plus noise; offers are declined when the pay or
/// the load disappoints. None of the hidden weights are visible to the rankers.
/// </summary>
public static class SyntheticDataGenerator
{
    private static readonly double[] Population =
    [
        5.1, 1.2, 1.2, 2.3, 0.9, 1.0, 1.8, 2.8, 1.9, 1.9, 7.3, 6.3, 14.0, 9.2, 2.1, 1.0, 1.1, 0.75, 0.8, 2.0, 1.9, 3.6, 7.5, 1.7,
        1.4, 2.5, 8.8, 5.4, 1.3, 0.9, 0.55, 0.66, 1.9, 2.8, 1.3, 0.7, 0.95, 1.3, 0.68, 5.1, 0.8, 1.3, 1.7, 1.1, 1.05, 1.6, 1.47,
    ];

    private static readonly string[][] Clusters =
    [
        ["it_strategy", "it_governance", "policy_planning", "budget_planning", "change_leadership", "training_development"],
        ["procurement", "vendor_management", "cost_estimation", "project_management", "quality_assurance", "it_governance"],
        ["service_design", "bpr", "online_procedures", "paperless", "telework", "rpa", "low_code"],
        ["cloud", "gov_cloud", "system_standardization", "network", "api_integration", "groupware"],
        ["infosec_policy", "cybersecurity", "network", "it_governance"],
        ["data_utilization", "open_data", "ai", "gis", "mynumber", "api_integration"],
        ["smart_city", "emerging_tech", "emergency_medical_it", "education_it", "disaster_it", "regional_dx"],
    ];

    private sealed record Hidden(double Activity);

    public static MatchingData Generate(GeneratorOptions options)
    {
        var rng = new Random(options.Seed);
        var experts = new List<ExpertRecord>(options.Experts);
        var hidden = new List<Hidden>(options.Experts);
        var expertPref = Population.Select(p => Math.Pow(p, 1.4)).ToArray();
        var openingPref = Population.Select(p => Math.Pow(p, 0.5)).ToArray();
        for (var i = 0; i < options.Experts; i++)
        {
            experts.Add(MakeExpert(rng, $"E{i + 1:D5}", expertPref));
            hidden.Add(new Hidden(Normal(rng) * 0.4));
        }
        var openings = new List<OpeningRecord>(options.Openings);
        for (var i = 0; i < options.Openings; i++) openings.Add(MakeOpening(rng, $"O{i + 1:D4}", openingPref));
        var outcomes = options.WithOutcomes ? Simulate(rng, openings, experts, hidden, options.UnfilledShare) : [];
        return new MatchingData(openings, experts, outcomes);
    }

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private static int Pick(Random r, IReadOnlyList<double> weights)
    {
        var x = r.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x <= 0) return i;
        }
        return weights.Count - 1;
    }

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static string Pref(int i) => (i + 1).ToString("D2");

    private static string Label(string code) => MatchingTaxonomy.LabelOf(code, "ja");

    private static ExpertRecord MakeExpert(Random r, string id, double[] prefWeights)
    {
        var years = 4 + (int)(30 * Math.Pow(r.NextDouble(), 1.3));
        var skills = new Dictionary<string, int>();
        var primary = Clusters[r.Next(Clusters.Length)];
        var nPrimary = 2 + r.Next(3);
        foreach (var s in primary.OrderBy(_ => r.Next()).Take(nPrimary))
            skills[s] = Math.Max(1, (int)(years * (0.3 + 0.6 * r.NextDouble())));
        var nOther = r.Next(4);
        for (var k = 0; k < nOther; k++)
        {
            var s = MatchingTaxonomy.Skills[r.Next(MatchingTaxonomy.Skills.Count)].Code;
            skills.TryAdd(s, Math.Max(1, (int)(years * 0.4 * r.NextDouble()) + 1));
        }
        var pub = r.NextDouble() < 0.45 ? 0 : Math.Min(years, 1 + r.Next(20));
        var certs = new List<string>();
        foreach (var c in MatchingTaxonomy.Certifications)
        {
            var attests = MatchingTaxonomy.SkillsAttestedBy(c.Code).Any(s => skills.TryGetValue(s, out var y) && y >= 5);
            if ((attests && r.NextDouble() < 0.22) || r.NextDouble() < 0.02) certs.Add(c.Code);
        }
        var certified = years >= 15 && pub >= 3 ? r.NextDouble() < 0.3 : r.NextDouble() < 0.02;
        var pref = Pick(r, prefWeights);
        var avail = new[] { 0.5, 1, 2, 3, 4, 5 }[Pick(r, [0.05, 0.2, 0.3, 0.2, 0.1, 0.15])];
        var maxOnsite = Math.Min(new double[] { 0, 1, 2, 4, 8, 12, 20 }[Pick(r, [0.1, 0.2, 0.25, 0.2, 0.12, 0.08, 0.05])], avail * 4.5);
        var rate = (25_000 + 1_700 * years + 5_000 * certs.Count + (pub > 0 ? 3_000 : 0)) * Math.Exp(0.2 * Normal(r));
        var desired = (long)Math.Round(rate / 1000) * 1000;
        var accepts = new List<string>();
        if (r.NextDouble() < (avail >= 4 ? 0.7 : 0.2)) accepts.Add("fixed_term_staff");
        if (r.NextDouble() < 0.75) accepts.Add("part_time_appointee");
        if (r.NextDouble() < 0.35) accepts.Add("fiscal_year_appointee");
        if (r.NextDouble() < 0.45) accepts.Add("outsourced");
        if (accepts.Count == 0) accepts.Add("part_time_appointee");
        return new ExpertRecord(id, Pref(pref), skills, certs, years, pub, avail, maxOnsite, desired, accepts, certified,
            Summary(r, skills, years, pub, certs, pref), Array.Empty<string>());
    }

    private static string Summary(Random r, Dictionary<string, int> skills, int years, int pub, List<string> certs, int pref)
    {
        var parts = new List<string>();
        parts.Add(Pick(r, new[]
        {
            $"民間企業でIT関連の業務に{years}年携わってきました。",
            $"ITコンサルタントとして{years}年の経験があります。",
            $"SIerと事業会社で通算{years}年、システムと組織の両面に関わってきました。",
            $"{years}年にわたり企業のデジタル化を支援してきました。",
        }));
        foreach (var (code, y) in skills.OrderByDescending(kv => kv.Value).Take(2 + r.Next(2)))
        {
            parts.Add(Pick(r, new[]
            {
                $"{Label(code)}の分野で{y}年の経験があります。",
                $"特に{Label(code)}を得意としています。",
                $"{Label(code)}のプロジェクトを数多く担当しました。",
            }));
        }
        parts.Add(pub > 0
            ? Pick(r, new[] { $"自治体向けの支援に{pub}年従事しています。", $"行政機関での勤務経験が{pub}年あります。" })
            : Pick(r, new[] { "行政の仕事は初めてですが、民間の知見を活かしたいと考えています。", "公共分野での経験はこれからです。" }));
        if (certs.Count > 0) parts.Add($"{string.Join("、", certs.Select(Label))}を保有しています。");
        if (r.NextDouble() < 0.3) parts.Add($"今後は{Label(MatchingTaxonomy.Skills[r.Next(MatchingTaxonomy.Skills.Count)].Code)}にも取り組みたいと考えています。");
        if (r.NextDouble() < 0.4) parts.Add($"{Prefectures.List[pref].NameJa}在住です。");
        parts.Add(Pick(r, new[]
        {
            "地域の課題解決に貢献したいと考えています。",
            "現場の職員の皆さんと一緒に考えることを大切にしています。",
            "小さく始めて成果を積み上げる進め方を心がけています。",
            "組織の壁を越えた協働を得意としています。",
        }));
        return string.Concat(parts);
    }

    private static OpeningRecord MakeOpening(Random r, string id, double[] prefWeights)
    {
        var p = Pick(r, prefWeights);
        var pref = Pref(p);
        string org;
        var isPrefBody = r.NextDouble() < 0.25;
        if (isPrefBody) org = LocalGovernmentCode.ForPrefecture(pref);
        else
        {
            var five = pref + (201 + r.Next(400)).ToString("D3");
            org = five + LocalGovernmentCode.CheckDigit(five);
        }
        var role = new[] { "cio", "deputy_cio", "cio_advisor", "cdo", "cdo_advisor", "dx_manager", "other" }[Pick(r, [0.08, 0.07, 0.3, 0.05, 0.2, 0.15, 0.15])];
        var leadership = MatchingTaxonomy.IsLeadershipRole(role);
        var advisor = MatchingTaxonomy.IsAdvisorRole(role);
        var engagements = new[] { "fixed_term_staff", "part_time_appointee", "fiscal_year_appointee", "outsourced" };
        var engagement = engagements[leadership ? Pick(r, [0.5, 0.35, 0.0, 0.15]) : advisor ? Pick(r, [0.15, 0.5, 0.1, 0.25]) : Pick(r, [0.1, 0.35, 0.35, 0.2])];
        double days = engagement switch
        {
            "fixed_term_staff" => r.NextDouble() < 0.7 ? 5 : 4,
            "part_time_appointee" => new[] { 0.5, 1, 2, 3 }[Pick(r, [0.1, 0.35, 0.4, 0.15])],
            "fiscal_year_appointee" => 2 + r.Next(3),
            _ => 1 + r.Next(3),
        };
        double onsite = engagement switch
        {
            "fixed_term_staff" => new double[] { 4, 8, 12, 16 }[r.Next(4)],
            "part_time_appointee" => new double[] { 0, 1, 2, 4 }[Pick(r, [0.2, 0.35, 0.3, 0.15])],
            "fiscal_year_appointee" => new double[] { 2, 4, 8 }[r.Next(3)],
            _ => new double[] { 1, 2, 4 }[r.Next(3)],
        };
        onsite = Math.Min(onsite, days * 4.3);
        var baseRate = role switch { "cio" or "cdo" => 70_000, "deputy_cio" => 60_000, "cio_advisor" => 52_000, "cdo_advisor" => 48_000, "dx_manager" => 42_000, _ => 38_000 };
        var dayRate = baseRate * Math.Exp(0.25 * Normal(r));
        int term;
        long pay;
        string unit;
        var tax = false;
        switch (engagement)
        {
            case "fixed_term_staff":
                term = new[] { 12, 24, 36 }[r.Next(3)];
                unit = "year";
                pay = Round(dayRate * days * ComparablePay.WorkingWeeksPerYear, 10_000);
                break;
            case "part_time_appointee":
                term = new[] { 6, 12 }[r.Next(2)];
                unit = new[] { "month", "day", "hour" }[Pick(r, [0.6, 0.25, 0.15])];
                pay = unit switch
                {
                    "month" => Round(dayRate * days * ComparablePay.WorkingWeeksPerYear / 12, 100),
                    "day" => Round(dayRate, 1_000),
                    _ => Round(dayRate / ComparablePay.HoursPerDay, 100),
                };
                break;
            case "fiscal_year_appointee":
                term = 12;
                unit = r.NextDouble() < 0.7 ? "month" : "hour";
                pay = unit == "month" ? Round(dayRate * days * ComparablePay.WorkingWeeksPerYear / 12, 100) : Round(dayRate / ComparablePay.HoursPerDay, 100);
                break;
            default:
                term = new[] { 12, 24, 36 }[r.Next(3)];
                unit = "contract_total";
                tax = r.NextDouble() < 0.5;
                pay = Round(dayRate * days * ComparablePay.WorkingWeeksPerYear * term / 12 * (tax ? 1 + ComparablePay.ConsumptionTaxRate : 1), 10_000);
                break;
        }
        var cluster = Clusters[r.Next(Clusters.Length)];
        var required = cluster.OrderBy(_ => r.Next()).Take(1 + Pick(r, [0.25, 0.35, 0.25, 0.15])).ToList();
        if (leadership && !required.Contains("it_strategy") && r.NextDouble() < 0.5) required.Add("it_strategy");
        var preferred = MatchingTaxonomy.Skills.Select(s => s.Code).Where(s => !required.Contains(s))
            .OrderBy(_ => r.Next()).Take(Pick(r, [0.2, 0.3, 0.3, 0.2])).ToList();
        var pubRequired = r.NextDouble() < (leadership ? 0.5 : 0.25);
        var certifiedOnly = (leadership || advisor) && engagement is "fixed_term_staff" or "part_time_appointee" && r.NextDouble() < 0.06;
        var place = Prefectures.List[p].NameJa + (isPrefBody ? "" : "内の市町村");
        var roleLabel = Label(role);
        var title = $"{place} {roleLabel}の募集（{Label(engagement)}）";
        var duties = string.Join("", required.Select(s => Pick(r, new[]
        {
            $"{Label(s)}に関する助言と推進。",
            $"{Label(s)}の計画立案と進捗管理。",
            $"{Label(s)}について職員への技術的支援。",
        })));
        var description =
            $"{place}では、{string.Join("・", required.Select(Label))}を推進するため、{roleLabel}を募集します。" +
            $"主な業務: {duties}" +
            (preferred.Count > 0 ? $"歓迎する経験: {string.Join("、", preferred.Select(Label))}。" : "") +
            $"勤務は週{days:0.#}日程度、" + (onsite > 0 ? $"登庁は月{onsite:0.#}日程度（その他はテレワーク可）。" : "原則テレワーク。") +
            (pubRequired ? "行政機関または自治体向け業務の経験が必要です。" : "") +
            (certifiedOnly ? "認定CIO派遣制度による募集です。" : "") +
            Pick(r, new[] { "庁内各課と連携し、DXの推進に取り組んでいただきます。", "職員と伴走しながら変革を進めていただける方を求めています。", "ベンダー依存からの脱却を目指しています。" });
        return new OpeningRecord(id, org, pref, role, engagement, term, pay, unit, tax, days, onsite, required, preferred, pubRequired, certifiedOnly, title, description);
    }

    private static long Round(double v, long step) => Math.Max(step, (long)Math.Round(v / step) * step);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>The expert's view: pay, days, on-site load and travel, engagement form.</summary>
    private static double ExpertView(OpeningRecord o, ExpertRecord x, double dayRate)
    {
        double u = 0;
        var ratio = x.DesiredDayRateYen <= 0 ? 2 : dayRate / x.DesiredDayRateYen;
        u += ratio >= 1 ? 0.8 * Math.Min(ratio - 1, 0.5) / 0.5 : -10 * (1 - ratio);
        var gap = x.AvailableDaysPerWeek - o.DaysPerWeek;
        if (gap < 0) u += 2.0 * gap;
        if (o.OnsiteDaysPerMonth > x.MaxOnsiteDaysPerMonth) u -= Math.Min(4, 1.0 * (o.OnsiteDaysPerMonth - x.MaxOnsiteDaysPerMonth));
        var km = Prefectures.DistanceKm(o.PrefectureCode, x.HomePrefectureCode);
        u -= 0.10 * o.OnsiteDaysPerMonth * Math.Pow(km / 100, 0.8);
        if (!x.AcceptsEngagements.Contains(o.Engagement)) u -= 4;
        return u;
    }

    /// <summary>The government's view: skills, public sector, seniority, certifications.</summary>
    private static double GovernmentView(OpeningRecord o, ExpertRecord x)
    {
        double u = 0;
        if (o.RequiredSkills.Count > 0)
        {
            double s = 0;
            foreach (var req in o.RequiredSkills)
                s += x.Skills.TryGetValue(req, out var y) ? 0.8 + 1.2 * Math.Sqrt(Math.Min(y, 15) / 15.0) : -1.8;
            u += 2.5 * s / o.RequiredSkills.Count;
        }
        if (o.PreferredSkills.Count > 0) u += 1.0 * o.PreferredSkills.Count(x.Skills.ContainsKey) * 0.6 / o.PreferredSkills.Count;
        var leadership = MatchingTaxonomy.IsLeadershipRole(o.Role);
        var advisor = MatchingTaxonomy.IsAdvisorRole(o.Role);
        if (o.PublicSectorExperienceRequired) u += x.PublicSectorYears >= 3 ? 1.0 : x.PublicSectorYears > 0 ? 0 : -3.0;
        else if (x.PublicSectorYears >= 5) u += 0.5;
        if (leadership && x.PublicSectorYears >= 5) u += 0.8;
        if (leadership) u += x.YearsExperience >= 20 ? 1.5 : x.YearsExperience >= 15 ? 0.5 : x.YearsExperience >= 10 ? -0.8 : -2.5;
        else if (advisor && x.YearsExperience < 6) u -= 1.2;
        else if (!advisor && x.YearsExperience > 25) u -= 0.3;
        var wanted = o.RequiredSkills.Concat(o.PreferredSkills).ToHashSet();
        u += 0.5 * Math.Min(2, x.Certifications.Count(c => MatchingTaxonomy.SkillsAttestedBy(c).Any(wanted.Contains)));
        if (x.CertifiedCio) u += leadership ? 1.0 : advisor ? 0.5 : 0;
        return u;
    }

    private static List<OutcomeRecord> Simulate(Random r, List<OpeningRecord> openings, List<ExpertRecord> experts, List<Hidden> hidden, double unfilledShare)
    {
        var outcomes = new List<OutcomeRecord>();
        // Calibrated so that an opening draws roughly 10–30 applications from a pool of a few thousand experts.
        var scale = 3000.0 / Math.Max(1, experts.Count);
        foreach (var o in openings)
        {
            if (r.NextDouble() < unfilledShare) continue;
            var dayRate = ComparablePay.Compute(new PostedPay(o.PayYen, o.PayUnit switch
            {
                "year" => PostedPayUnit.Year, "month" => PostedPayUnit.Month, "day" => PostedPayUnit.Day, "hour" => PostedPayUnit.Hour, _ => PostedPayUnit.ContractTotal,
            }, o.DaysPerWeek, o.TermMonths, o.PayTaxIncluded)).DayRateYen;
            var applicants = new List<(ExpertRecord X, double Gov, double Exp)>();
            for (var i = 0; i < experts.Count; i++)
            {
                var x = experts[i];
                if (o.CertifiedCioOnly && !x.CertifiedCio) continue;
                var km = Prefectures.DistanceKm(o.PrefectureCode, x.HomePrefectureCode);
                // Experts mostly hear of and apply to openings near home, even remote ones.
                var sees = km <= 0 ? 1.0 : km < 150 ? 0.7 : km < 400 ? 0.3 : 0.12;
                var interest = o.RequiredSkills.Count(x.Skills.ContainsKey) + 0.5 * o.PreferredSkills.Count(x.Skills.ContainsKey);
                var expertView = ExpertView(o, x, dayRate) + 0.3 * Normal(r);
                // Self-selection: juniors do not apply to lead, and pay far above one's level signals a different seniority.
                var selfSelection = (MatchingTaxonomy.IsLeadershipRole(o.Role) && x.YearsExperience < 12 ? -1.5 : 0)
                    + (x.DesiredDayRateYen > 0 && dayRate > 1.7 * x.DesiredDayRateYen ? -1.0 : 0);
                var apply = Sigmoid(3.0 * (expertView + selfSelection + 0.9 * interest + hidden[i].Activity - 2.2)) * sees * scale;
                if (r.NextDouble() >= apply) continue;
                var gov = GovernmentView(o, x) + 0.3 * expertView + 0.5 * Normal(r);
                applicants.Add((x, gov, expertView));
            }
            var inProgress = r.NextDouble() < 0.15;
            var stages = new Dictionary<string, string>();
            var shortlisted = new List<(ExpertRecord X, double Gov, double Exp)>();
            foreach (var a in applicants)
            {
                if (r.NextDouble() < 0.06) stages[a.X.Id] = "withdrawn";
                else if (a.Gov < 1.5) stages[a.X.Id] = "screened_out";
                else
                {
                    stages[a.X.Id] = inProgress && r.NextDouble() < 0.5 ? "applied" : "interviewed";
                    shortlisted.Add(a);
                }
            }
            if (!inProgress)
            {
                var offers = 0;
                foreach (var a in shortlisted.Where(a => stages[a.X.Id] == "interviewed").OrderByDescending(a => a.Gov))
                {
                    if (offers == 2 || a.Gov < 3.0) break;
                    offers++;
                    if (r.NextDouble() < Sigmoid(2 * (a.Exp + 1.0)))
                    {
                        stages[a.X.Id] = "hired";
                        break;
                    }
                    stages[a.X.Id] = "declined";
                }
            }
            else if (shortlisted.Count > 0 && r.NextDouble() < 0.5)
            {
                var best = shortlisted.MaxBy(a => a.Gov);
                if (best.Gov >= 3.0) stages[best.X.Id] = "offered";
            }
            foreach (var a in applicants) outcomes.Add(new OutcomeRecord(o.Id, a.X.Id, stages[a.X.Id]));
        }
        return outcomes;
    }
}
