using System.Text;
using Marketplace.Matching.Data;
using Marketplace.Matching.Synthetic;

namespace Marketplace.Matching.Tests.Matching;

public class DatasetTests
{
    private const string OpeningsHeader = "opening_id,org_code,prefecture_code,role,engagement,term_months,pay_yen,pay_unit,pay_tax_included,days_per_week,onsite_days_per_month,required_skills,preferred_skills,public_sector_experience_required,certified_cio_only,title,description";
    private const string ExpertsHeader = "expert_id,home_prefecture_code,skills,certifications,years_experience,public_sector_years,available_days_per_week,max_onsite_days_per_month,desired_day_rate_yen,accepts_engagements,certified_cio,summary";
    private const string GoodOpening = "O1,131016,13,cio_advisor,part_time_appointee,6,273800,month,0,2,1,cloud;cybersecurity,ai,1,0,CIO補佐官,説明";
    private const string GoodExpert = "E1,27,cloud:8;cybersecurity:3,ipa_scs,20,5,3,4,40000,part_time_appointee;outsourced,0,自己紹介";

    private static DatasetLoadResult Parse(string openings, string experts, string? outcomes = "opening_id,expert_id,stage\nO1,E1,hired\n") =>
        MatchingDataset.Parse(openings, experts, outcomes);

    [Fact]
    public void Parse_ValidFiles_ReadsEveryField()
    {
        var r = Parse($"{OpeningsHeader}\n{GoodOpening}\n", $"{ExpertsHeader}\n{GoodExpert}\n");
        Assert.True(r.Success, string.Join("\n", r.Errors));
        var o = r.Data!.Openings.Single();
        Assert.Equal(("O1", "131016", "13", "month", 273_800L, 2.0, 1.0), (o.Id, o.OrgCode, o.PrefectureCode, o.PayUnit, o.PayYen, o.DaysPerWeek, o.OnsiteDaysPerMonth));
        Assert.Equal(["cloud", "cybersecurity"], o.RequiredSkills);
        Assert.True(o.PublicSectorExperienceRequired);
        var x = r.Data.Experts.Single();
        Assert.Equal(8, x.Skills["cloud"]);
        Assert.Equal(["part_time_appointee", "outsourced"], x.AcceptsEngagements);
        Assert.Empty(x.ConflictOrgCodes);
        Assert.Equal("hired", r.Data.Outcomes.Single().Stage);
    }

    [Fact]
    public void Parse_BadPayUnit_ReportsFileLineAndColumn()
    {
        var r = Parse($"{OpeningsHeader}\n{GoodOpening}\n{GoodOpening.Replace("O1,", "O2,").Replace("month", "weekly")}\n", $"{ExpertsHeader}\n{GoodExpert}\n");
        Assert.Null(r.Data);
        Assert.Contains("openings.csv:3: pay_unit: 'weekly' is not one of year, month, day, hour, contract_total", r.Errors);
    }

    [Theory]
    [InlineData("cloud;quantum", "openings.csv:2: required_skills: 'quantum' is not a known skill code")]
    [InlineData("cloud;cloud", "openings.csv:2: required_skills: 'cloud' is listed twice")]
    public void Parse_BadSkillList_IsAnError(string skills, string expected)
    {
        var r = Parse($"{OpeningsHeader}\n{GoodOpening.Replace("cloud;cybersecurity", skills)}\n", $"{ExpertsHeader}\n{GoodExpert}\n");
        Assert.Null(r.Data);
        Assert.Contains(expected, r.Errors);
    }

    [Fact]
    public void Parse_UnknownCodesInExperts_AreErrorsNotDropped()
    {
        var bad = "E1,27,cloud:8;blockchain:3,ipa_xx,20,5,3,4,40000,part_time_appointee;freelance,0,自己紹介";
        var r = Parse($"{OpeningsHeader}\n{GoodOpening}\n", $"{ExpertsHeader}\n{bad}\n");
        Assert.Null(r.Data);
        Assert.Contains("experts.csv:2: skills: 'blockchain' is not a known skill code", r.Errors);
        Assert.Contains("experts.csv:2: certifications: 'ipa_xx' is not a known certification code", r.Errors);
        Assert.Contains("experts.csv:2: accepts_engagements: 'freelance' is not a known engagement code", r.Errors);
    }

    [Fact]
    public void Parse_OutcomeWithUnknownIdsAndStage_ListsEveryProblem()
    {
        var r = Parse($"{OpeningsHeader}\n{GoodOpening}\n", $"{ExpertsHeader}\n{GoodExpert}\n",
            "opening_id,expert_id,stage\nO9,E1,hired\nO1,E9,applied\nO1,E1,ghosted\n");
        Assert.Null(r.Data);
        Assert.Equal(
            ["outcomes.csv:2: opening_id: 'O9' is not in openings.csv", "outcomes.csv:3: expert_id: 'E9' is not in experts.csv", "outcomes.csv:4: stage: 'ghosted' is not a known stage code"],
            r.Errors);
    }

    [Fact]
    public void Parse_ManyProblems_ReportsAllAndNoData()
    {
        var bad = "O1,131017,13,mayor,part_time_appointee,0,-5,month,2,7,1,cloud,,1,0,t,d";
        var r = Parse($"{OpeningsHeader}\n{bad}\n{GoodOpening}\n", $"{ExpertsHeader}\n{GoodExpert}\n");
        Assert.Null(r.Data);
        Assert.Contains("openings.csv:2: org_code: '131017' has a wrong check digit", r.Errors);
        Assert.Contains("openings.csv:2: role: 'mayor' is not a known role code", r.Errors);
        Assert.Contains("openings.csv:2: term_months: '0' must be at least 1", r.Errors);
        Assert.Contains("openings.csv:2: pay_yen: '-5' must be at least 0", r.Errors);
        Assert.Contains("openings.csv:2: pay_tax_included: '2' is not 0 or 1", r.Errors);
        Assert.Contains("openings.csv:2: days_per_week: '7' must be at most 5", r.Errors);
        Assert.Contains("openings.csv:3: opening_id: 'O1' is a duplicate of line 2", r.Errors);
    }

    [Fact]
    public void Parse_OrgCodeOfAnotherPrefecture_IsAnError()
    {
        var r = Parse($"{OpeningsHeader}\n{GoodOpening.Replace(",13,cio", ",27,cio")}\n", $"{ExpertsHeader}\n{GoodExpert}\n");
        Assert.Contains("openings.csv:2: org_code: '131016' belongs to prefecture 13, not 27", r.Errors);
    }

    [Fact]
    public void Parse_MissingColumnAndMissingIds_AreErrors()
    {
        var r = Parse(OpeningsHeader.Replace(",pay_unit", "") + "\n", $"{ExpertsHeader}\n,27,,,1,0,1,0,1,outsourced,0,x\n", null);
        Assert.Null(r.Data);
        Assert.Contains("openings.csv:1: pay_unit: the column is missing from the header", r.Errors);
        Assert.Contains("experts.csv:2: expert_id: is empty", r.Errors);
    }

    [Fact]
    public void Parse_UnknownColumnsBomAndQuotedFields_AreAccepted()
    {
        var header = "\uFEFF" + OpeningsHeader + ",internal_note";
        var quoted = GoodOpening.Replace(",CIO補佐官,説明", ",\"CIO補佐官, 非常勤\",\"一行目\n二行目, \"\"引用\"\"\"") + ",memo";
        var r = Parse($"{header}\r\n{quoted}\r\n{GoodOpening.Replace("O1,", "O2,")},x\r\n", $"{ExpertsHeader},extra\n{GoodExpert},1\n");
        Assert.True(r.Success, string.Join("\n", r.Errors));
        var o = r.Data!.Openings[0];
        Assert.Equal("CIO補佐官, 非常勤", o.Title);
        Assert.Equal("一行目\n二行目, \"引用\"", o.Description);
        Assert.Equal("O2", r.Data.Openings[1].Id);
    }

    [Fact]
    public void Parse_ErrorAfterMultiLineField_NamesThePhysicalLine()
    {
        var first = GoodOpening.Replace(",説明", ",\"一行目\n二行目\"");
        var r = Parse($"{OpeningsHeader}\n{first}\n{GoodOpening.Replace("O1,", "O2,").Replace("month", "week")}\n", $"{ExpertsHeader}\n{GoodExpert}\n");
        Assert.Contains("openings.csv:4: pay_unit: 'week' is not one of year, month, day, hour, contract_total", r.Errors);
    }

    [Fact]
    public void Load_MissingFolderFiles_ReportsFiles()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var r = MatchingDataset.Load(dir);
        Assert.Null(r.Data);
        Assert.Contains(r.Errors, e => e.StartsWith("openings.csv: file not found", StringComparison.Ordinal));
        Assert.Contains(r.Errors, e => e.StartsWith("experts.csv: file not found", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteThenLoad_GeneratedData_RoundTrips()
    {
        var data = SyntheticDataGenerator.Generate(new GeneratorOptions(40, 80, 3));
        var dir = Directory.CreateTempSubdirectory().FullName;
        MatchingDataset.Write(dir, data);
        var r = MatchingDataset.Load(dir);
        Assert.True(r.Success, string.Join("\n", r.Errors));
        Assert.Equal(MatchingDataset.OpeningsToCsv(data.Openings), MatchingDataset.OpeningsToCsv(r.Data!.Openings));
        Assert.Equal(MatchingDataset.ExpertsToCsv(data.Experts), MatchingDataset.ExpertsToCsv(r.Data.Experts));
        Assert.Equal(data.Outcomes, r.Data.Outcomes);
        Assert.NotEmpty(data.Outcomes);
        Assert.False(File.ReadAllBytes(Path.Combine(dir, "openings.csv")).AsSpan().StartsWith(Encoding.UTF8.Preamble));
    }
}
