using System.Security.Cryptography;
using Marketplace.Matching.Data;
using Marketplace.Matching.Synthetic;

namespace Marketplace.Matching.Tests.Matching;

/// <summary>
/// The dataset files as written: byte for byte what the interchange format has always been (LF, UTF-8 without BOM,
/// a field quoted only when it holds a comma, a quote or a line break, numbers in the invariant culture), so
/// datasets written before and after stay identical.
/// </summary>
public class DatasetWritingTests
{
    private static readonly OpeningRecord Opening = new("O,1", "382078", "38", "cio_advisor", "part_time_appointee", 12, 273800, "month", false,
        2.5, 0.125, ["security", "cloud"], [], true, false, " 先頭に空白", "一行目\n\"引用\"と、読点, comma");

    private static readonly ExpertRecord Expert = new("E\"7", "13", new Dictionary<string, int> { ["security"] = 5, ["cloud"] = 12 },
        ["ipa_st"], 20, 3, 1.5, 4, 60000, ["contract", "part_time_appointee"], true, "trailing space \r\nCRLF", []);

    [Fact]
    public void OpeningsToCsv_QuotesOnlyCommaQuoteAndLineBreaks()
    {
        Assert.Equal(
            "opening_id,org_code,prefecture_code,role,engagement,term_months,pay_yen,pay_unit,pay_tax_included,days_per_week,onsite_days_per_month,required_skills,preferred_skills,public_sector_experience_required,certified_cio_only,title,description\n" +
            "\"O,1\",382078,38,cio_advisor,part_time_appointee,12,273800,month,0,2.5,0.125,security;cloud,,1,0, 先頭に空白,\"一行目\n\"\"引用\"\"と、読点, comma\"\n",
            MatchingDataset.OpeningsToCsv([Opening]));
    }

    [Fact]
    public void ExpertsAndOutcomesToCsv_SameBytesAsTheFormat()
    {
        Assert.Equal(
            "expert_id,home_prefecture_code,skills,certifications,years_experience,public_sector_years,available_days_per_week,max_onsite_days_per_month,desired_day_rate_yen,accepts_engagements,certified_cio,summary\n" +
            "\"E\"\"7\",13,security:5;cloud:12,ipa_st,20,3,1.5,4,60000,contract;part_time_appointee,1,\"trailing space \r\nCRLF\"\n",
            MatchingDataset.ExpertsToCsv([Expert]));
        Assert.Equal("opening_id,expert_id,stage\n\"O,1\",\"E\"\"7\",hired\n", MatchingDataset.OutcomesToCsv([new OutcomeRecord("O,1", "E\"7", "hired")]));
        Assert.Equal("opening_id,expert_id,stage\n", MatchingDataset.OutcomesToCsv([]));
    }

    [Fact]
    public void Write_SyntheticDataset_SameBytesAsBefore()
    {
        // Digests of `matching generate --openings 150 --experts 150 --seed 3` as written by the hand-written writer.
        var folder = Path.Combine(Path.GetTempPath(), "mp-dataset-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            MatchingDataset.Write(folder, SyntheticDataGenerator.Generate(new GeneratorOptions(150, 150, 3)));
            string Digest(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file))));
            Assert.Equal("3ffd8ece389a77c10cda77c6414969ed5799657df46ca9e6f5dfb3a566ed5c15", Digest("openings.csv"));
            Assert.Equal("f2b1e514037d9f28f94388667adee45425022496211187fcc0cc00368a69ac6c", Digest("experts.csv"));
            Assert.Equal("af7e87cff36d3c9d7a606b0ce92a1d089304826bc43c72d4019a3c4618224301", Digest("outcomes.csv"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
