using Marketplace.Matching.Features;
using Marketplace.Matching.Geo;
using Marketplace.Matching.Pay;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Text;
using F = Marketplace.Matching.Features.MatchFeatures;

namespace Marketplace.Matching.Tests.Matching;

public class FeatureTests
{
    private static float[] Features(OpeningRecord o, ExpertRecord x)
    {
        var index = ExpertIndex.Build([x], TextIdf.Uniform);
        using var ctx = new OpeningContext(o, index.Idf);
        var f = new float[F.Count];
        ctx.Compute(index, 0, f);
        return f;
    }

    [Fact]
    public void Compute_TwoOfThreeRequiredSkills_CoverageAndYears()
    {
        var f = Features(TestData.Opening(), TestData.Expert(skills: new() { ["cloud"] = 10, ["cybersecurity"] = 4, ["ai"] = 2 }));
        Assert.Equal(3, f[F.RequiredCount]);
        Assert.Equal(2f / 3, f[F.RequiredCoverage], 5);
        Assert.Equal(1, f[F.RequiredMissing]);
        Assert.Equal(2, f[F.RequiredHeld]);
        Assert.Equal(14f / 3, f[F.RequiredYears], 5);
        Assert.Equal(0, f[F.RequiredMinYears]);
        Assert.Equal(0, f[F.PreferredCoverage]);
    }

    [Fact]
    public void Compute_MonthlyPay_UsesComparablePayDayRate()
    {
        // 273,800 a month at 2 days a week = 34,225 a day (the web app's figure); desired 30,000 → ratio 1.1408.
        var day = ComparablePay.Compute(new PostedPay(273_800, PostedPayUnit.Month, 2, 6)).DayRateYen;
        var f = Features(TestData.Opening(), TestData.Expert(desired: 30_000));
        Assert.Equal(34_225, day);
        Assert.Equal(34_225f / 30_000, f[F.PayRatio], 5);
        Assert.Equal(3.4225f, f[F.OfferedDayRate], 4);
    }

    [Fact]
    public void Compute_ContractTotalTaxIncluded_TakesTaxOut()
    {
        var o = TestData.Opening(pay: 33_000_000 * 11 / 10, unit: "contract_total", days: 1) with { TermMonths = 36, PayTaxIncluded = true };
        var expected = ComparablePay.Compute(new PostedPay(o.PayYen, PostedPayUnit.ContractTotal, 1, 36, true)).DayRateYen;
        var f = Features(o, TestData.Expert(desired: expected));
        Assert.Equal(1f, f[F.PayRatio], 5);
    }

    [Fact]
    public void Compute_TokyoOpeningOsakaExpert_DistanceAndTravelLoad()
    {
        var f = Features(TestData.Opening(onsite: 2), TestData.Expert(pref: "27", maxOnsite: 1));
        var km = Prefectures.DistanceKm("13", "27");
        Assert.InRange(km, 380, 420);
        Assert.Equal((float)km, f[F.DistanceKm], 2);
        Assert.Equal(2 * (float)km / 100, f[F.TravelLoad], 3);
        Assert.Equal(1, f[F.OnsiteOverMax]);
    }

    [Fact]
    public void Compute_SamePrefecture_ZeroDistance()
    {
        var f = Features(TestData.Opening(), TestData.Expert(pref: "13"));
        Assert.Equal(0, f[F.DistanceKm]);
        Assert.Equal(0, f[F.TravelLoad]);
    }

    [Fact]
    public void Compute_AvailabilityEngagementCertifications_AreMeasured()
    {
        var f = Features(TestData.Opening(days: 3, engagement: "outsourced"),
            TestData.Expert(avail: 2, accepts: ["part_time_appointee"], certs: ["ipa_scs", "pmp"], certified: true));
        Assert.Equal(-1, f[F.AvailabilityGap]);
        Assert.Equal(0, f[F.EngagementAccepted]);
        Assert.Equal(1, f[F.RelevantCertifications]); // ipa_scs attests cybersecurity; pmp attests nothing this opening asks for
        Assert.Equal(2, f[F.CertificationCount]);
        Assert.Equal(1, f[F.CertifiedCio]);
    }

    [Fact]
    public void Compute_JapaneseTextSimilarity_HigherForRelatedSummary()
    {
        var o = TestData.Opening(title: "情報セキュリティ担当CIO補佐官", description: "サイバーセキュリティ対策とインシデント対応を担います");
        var related = TestData.Expert(id: "E1", summary: "サイバーセキュリティのインシデント対応を長く担当しました");
        var unrelated = TestData.Expert(id: "E2", summary: "観光振興のイベント企画を得意としています");
        var index = ExpertIndex.Build([related, unrelated]);
        using var ctx = new OpeningContext(o, index.Idf);
        var a = new float[F.Count];
        var b = new float[F.Count];
        ctx.Compute(index, 0, a);
        ctx.Compute(index, 1, b);
        Assert.True(a[F.TextSimilarity] > b[F.TextSimilarity] + 0.1, $"{a[F.TextSimilarity]} vs {b[F.TextSimilarity]}");
    }

    [Fact]
    public void Names_EveryFeatureHasANameAndGroup_NoProtectedAttributes()
    {
        Assert.Equal(F.Count, F.Names.Length);
        Assert.Equal(F.Count, F.Groups.Length);
        Assert.DoesNotContain(F.Names.SelectMany(n => n.Split('_')), w => w is "age" or "gender" or "sex" or "birth" or "nationality");
        Assert.DoesNotContain(typeof(ExpertRecord).GetProperties(), p => p.Name is "Age" or "Gender" or "BirthYear");
    }

    [Fact]
    public void RuleScorer_BetterFit_ScoresHigher()
    {
        var o = TestData.Opening();
        var good = Features(o, TestData.Expert(skills: new() { ["cloud"] = 12, ["cybersecurity"] = 9, ["it_strategy"] = 8 }));
        var missing = Features(o, TestData.Expert(skills: new() { ["cloud"] = 12 }));
        var underpaid = Features(o, TestData.Expert(skills: new() { ["cloud"] = 12, ["cybersecurity"] = 9, ["it_strategy"] = 8 }, desired: 60_000));
        Assert.True(RuleBasedRanker.Points(good) > RuleBasedRanker.Points(missing));
        Assert.True(RuleBasedRanker.Points(good) > RuleBasedRanker.Points(underpaid));
    }
}

public class HardConstraintTests
{
    private static readonly ExpertRecord Certified = TestData.Expert(id: "CERT", certified: true, skills: new() { ["it_strategy"] = 1 });
    private static readonly ExpertRecord Strong = TestData.Expert(id: "STRONG", skills: new() { ["cloud"] = 15, ["cybersecurity"] = 15, ["it_strategy"] = 15 });
    private static readonly ExpertRecord Conflicted = TestData.Expert(id: "VENDOR", skills: new() { ["cloud"] = 15, ["cybersecurity"] = 15, ["it_strategy"] = 15 }, conflicts: ["131016"]);

    public static TheoryData<string> Rankers => new() { "rules", "model" };

    private static IMatchRanker Ranker(string kind, TrainedModelFixture? fixture) => kind == "rules" ? new RuleBasedRanker() : fixture!.Model.CreateRanker();

    [Fact]
    public void RankExperts_CertifiedCioOnly_ProposesOnlyCertified()
    {
        var ranker = new RuleBasedRanker();
        var index = ranker.BuildIndex([Strong, Certified, Conflicted]);
        var ranked = ranker.RankExperts(TestData.Opening(certifiedOnly: true), index, 10);
        Assert.Equal(["CERT"], ranked.Select(r => r.ExpertId));
    }

    [Fact]
    public void RankExperts_ConflictOfInterest_NeverProposed()
    {
        var ranker = new RuleBasedRanker();
        var index = ranker.BuildIndex([Conflicted, Strong, Certified]);
        var ranked = ranker.RankExperts(TestData.Opening(), index, 10);
        Assert.DoesNotContain(ranked, r => r.ExpertId == "VENDOR");
        Assert.Equal("STRONG", ranked[0].ExpertId);
        var elsewhere = ranker.RankExperts(TestData.Opening(org: "271004", pref: "27"), index, 10);
        Assert.Contains(elsewhere, r => r.ExpertId == "VENDOR");
    }

    [Fact]
    public void RankOpenings_ConflictAndCertifiedOnly_Excluded()
    {
        var ranker = new RuleBasedRanker();
        var openings = new[]
        {
            TestData.Opening(id: "OWN"),
            TestData.Opening(id: "DISPATCH", org: "271004", pref: "27", certifiedOnly: true),
            TestData.Opening(id: "OK", org: "271004", pref: "27"),
        };
        Assert.Equal(["OK"], ranker.RankOpenings(Conflicted, openings, 10).Select(r => r.OpeningId));
        Assert.Equal(["OK", "OWN"], ranker.RankOpenings(Strong, openings, 10).Select(r => r.OpeningId).Order(StringComparer.Ordinal));
    }
}
