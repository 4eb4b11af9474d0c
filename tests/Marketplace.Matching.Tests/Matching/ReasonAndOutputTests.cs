using System.Text.Json;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Reasons;

namespace Marketplace.Matching.Tests.Matching;

public class ReasonTests
{
    [Theory]
    [InlineData(ReasonCodes.RequiredSkills, new[] { "3", "3", "" }, "必須スキル 3/3", "Required skills 3/3")]
    [InlineData(ReasonCodes.RequiredSkills, new[] { "2", "3", "cloud" }, "必須スキル 2/3（不足: クラウド導入・移行）", "Required skills 2/3 (missing: Cloud adoption and migration)")]
    [InlineData(ReasonCodes.PayAbove, new[] { "12" }, "希望日額を12%上回る", "Pays 12% above the desired day rate")]
    [InlineData(ReasonCodes.PayBelow, new[] { "8" }, "希望日額を8%下回る", "Pays 8% below the desired day rate")]
    [InlineData(ReasonCodes.OnsiteFromHome, new[] { "2" }, "月2日の登庁は居住県から可能", "2 on-site days a month from the home prefecture")]
    [InlineData(ReasonCodes.OnsiteDistance, new[] { "2", "400" }, "月2日の登庁（居住地から約400km）", "2 on-site days a month, about 400 km from home")]
    [InlineData(ReasonCodes.PublicSectorYears, new[] { "8" }, "行政経験 8年", "8 years in the public sector")]
    [InlineData(ReasonCodes.CertifiedCio, new string[0], "認定CIO", "Certified CIO")]
    [InlineData(ReasonCodes.Certifications, new[] { "ipa_scs;pmp", "2" }, "関連資格: 情報処理安全確保支援士、PMP", "Relevant certifications: Registered Information Security Specialist, PMP")]
    [InlineData(ReasonCodes.EngagementNotAccepted, new[] { "outsourced" }, "業務委託（公募型プロポーザル等）は希望外", "Does not accept Outsourced contract (proposal)")]
    public void Format_Code_JapaneseAndEnglish(string code, string[] args, string ja, string en)
    {
        var r = new MatchReason(code, args, 1);
        Assert.Equal(ja, r.Format("ja"));
        Assert.Equal(en, r.Format("en"));
    }

    [Fact]
    public void RankExperts_RulesRanker_ReasonsFollowContributions()
    {
        var ranker = new RuleBasedRanker();
        var expert = TestData.Expert(skills: new() { ["cloud"] = 10, ["cybersecurity"] = 8, ["it_strategy"] = 6 }, desired: 20_000, certified: true);
        var ranked = ranker.RankExperts(TestData.Opening(), ranker.BuildIndex([expert]), 1).Single();
        var ja = ranked.Reasons.Select(r => r.Format("ja")).ToList();
        Assert.Equal("必須スキル 3/3", ja[0]);
        Assert.True(ja.Contains("希望日額を71%上回る"), string.Join(" / ", ja)); // 34,225 vs 20,000 a day
        Assert.True(ja.Contains("認定CIO"), string.Join(" / ", ja));
        Assert.True(ja.Count <= 6, string.Join(" / ", ja));
        var pros = ranked.Reasons.TakeWhile(r => r.InFavour).Select(r => r.Contribution).ToList();
        Assert.Equal(pros.OrderByDescending(c => c), pros);
    }

    [Fact]
    public void RankExperts_UnderpaidFarExpert_ConcernsListedLast()
    {
        var ranker = new RuleBasedRanker();
        var expert = TestData.Expert(pref: "47", desired: 50_000, maxOnsite: 1);
        var r = ranker.RankExperts(TestData.Opening(onsite: 2), ranker.BuildIndex([expert]), 1).Single();
        var last = r.Reasons.Where(x => !x.InFavour).Select(x => x.Format("ja")).ToList();
        Assert.Contains("希望日額を32%下回る", last);
        Assert.Contains(last, s => s.StartsWith("月2日の登庁は本人の上限", StringComparison.Ordinal));
    }
}

public class RankingJsonTests
{
    [Fact]
    public void Line_RankedExperts_ExactFormat()
    {
        var line = RankingJson.Line("O1", [
            new RankedExpert("E7", 1.234567891, [new MatchReason(ReasonCodes.RequiredSkills, ["3", "3", ""], 1), new MatchReason(ReasonCodes.PayAbove, ["12"], 0.5)]),
            new RankedExpert("E2", -0.5, []),
        ]);
        Assert.Equal("{\"opening_id\":\"O1\",\"experts\":[{\"expert_id\":\"E7\",\"score\":1.234568,\"reasons\":[\"必須スキル 3/3\",\"希望日額を12%上回る\"]},{\"expert_id\":\"E2\",\"score\":-0.5,\"reasons\":[]}]}", line);
    }

    [Fact]
    public void Line_RealRanking_ParsesWithBestFirst()
    {
        var ranker = new RuleBasedRanker();
        var experts = Enumerable.Range(0, 30).Select(i => TestData.Expert(id: $"E{i}", desired: 20_000 + 1_000 * i)).ToList();
        var line = RankingJson.Line("O1", ranker.RankExperts(TestData.Opening(), ranker.BuildIndex(experts), 10));
        Assert.DoesNotContain('\n', line);
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal(["opening_id", "experts"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("O1", root.GetProperty("opening_id").GetString());
        var items = root.GetProperty("experts").EnumerateArray().ToList();
        Assert.Equal(10, items.Count);
        Assert.All(items, e => Assert.Equal(["expert_id", "score", "reasons"], e.EnumerateObject().Select(p => p.Name)));
        var scores = items.Select(e => e.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.All(items, e => Assert.All(e.GetProperty("reasons").EnumerateArray(), r => Assert.False(string.IsNullOrEmpty(r.GetString()))));
    }
}
