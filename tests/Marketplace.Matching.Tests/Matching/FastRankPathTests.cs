using System.IO.Compression;
using System.Text;
using Marketplace.Matching.Csv;
using Marketplace.Matching.Data;
using Marketplace.Matching.Features;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Synthetic;
using Marketplace.Matching.Training;

namespace Marketplace.Matching.Tests.Matching;

/// <summary>The fast path of <c>matching rank</c> (parallel CSV, rows checked at once, compact trees) gives what the plain path gives.</summary>
public class FastRankPathTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private static readonly MatchingData Small = SyntheticDataGenerator.Generate(new GeneratorOptions(60, 900, 21));

    private static void AssertSameRecords(List<CsvRecord> expected, List<CsvRecord> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Line, actual[i].Line);
            Assert.Equal(expected[i].Fields, actual[i].Fields);
            Assert.Equal(expected[i].Positions, actual[i].Positions);
        }
    }

    [Fact]
    public void ParseParallel_QuotedLineBreaksAndCrLf_EqualsParse()
    {
        var csv = MatchingDataset.ExpertsToCsv(Small.Experts.Select((x, i) => i % 7 == 0
            ? x with { Summary = x.Summary + "\n二行目, \"引用\"\n" }
            : x));
        foreach (var text in new[] { csv, "\uFEFF" + csv.Replace("\n", "\r\n") })
        {
            var (expected, expectedErrors) = CsvTable.Parse(text);
            Assert.Empty(expectedErrors);
            foreach (var parts in new[] { 2, 3, 5, 16 })
            {
                var (records, errors) = CsvTable.ParseParallel(text, parts, 0);
                Assert.Empty(errors);
                AssertSameRecords(expected, records);
            }
        }
    }

    [Fact]
    public void ParseParallel_SyntaxErrors_SameRecordsAndErrorsAsParse()
    {
        var csv = MatchingDataset.ExpertsToCsv(Small.Experts);
        var lines = csv.Split('\n');
        lines[300] = lines[300].Replace(",", ",te\"xt,", StringComparison.Ordinal);   // a quote inside an unquoted field
        lines[600] = "\"never closed," + lines[600];                                  // a quoted field running to the end
        foreach (var text in new[] { string.Join('\n', lines), csv.Replace("\n", "\r", StringComparison.Ordinal) })
        {
            var (expected, expectedErrors) = CsvTable.Parse(text);
            var (records, errors) = CsvTable.ParseParallel(text, 4, 0);
            AssertSameRecords(expected, records);
            Assert.Equal(expectedErrors, errors);
        }
    }

    [Fact]
    public void TryParseFast_ValidFolder_EqualsPlainParse()
    {
        var o = MatchingDataset.OpeningsToCsv(Small.Openings);
        var e = MatchingDataset.ExpertsToCsv(Small.Experts);
        var r = MatchingDataset.OutcomesToCsv(Small.Outcomes);
        var fast = MatchingDataset.TryParseFast(o, e, r);
        var plain = MatchingDataset.ParsePlain(o, e, r);
        Assert.NotNull(fast);
        Assert.True(plain.Success);
        Assert.Equal(MatchingDataset.OpeningsToCsv(plain.Data!.Openings), MatchingDataset.OpeningsToCsv(fast.Openings));
        Assert.Equal(MatchingDataset.ExpertsToCsv(plain.Data.Experts), MatchingDataset.ExpertsToCsv(fast.Experts));
        Assert.Equal(MatchingDataset.OutcomesToCsv(plain.Data.Outcomes), MatchingDataset.OutcomesToCsv(fast.Outcomes));
        Assert.Equal(e, MatchingDataset.ExpertsToCsv(fast.Experts));
    }

    [Fact]
    public void Parse_InvalidExperts_ReportsEveryProblemAsThePlainPath()
    {
        var o = MatchingDataset.OpeningsToCsv(Small.Openings);
        var experts = Small.Experts.ToList();
        experts[500] = experts[500] with { Id = experts[20].Id };                  // duplicate id
        experts[700] = experts[700] with { HomePrefectureCode = "99" };            // unknown prefecture
        var e = MatchingDataset.ExpertsToCsv(experts);
        Assert.Null(MatchingDataset.TryParseFast(o, e, null));
        var result = MatchingDataset.Parse(o, e, null);
        Assert.False(result.Success);
        Assert.Equal(MatchingDataset.ParsePlain(o, e, null).Errors, result.Errors);
        Assert.Contains(result.Errors, x => x.StartsWith("experts.csv:502: expert_id: ", StringComparison.Ordinal) && x.Contains("duplicate of line 22", StringComparison.Ordinal));
        Assert.Contains(result.Errors, x => x.StartsWith("experts.csv:702: home_prefecture_code: ", StringComparison.Ordinal));
    }

    private static byte[] WithoutEntry(byte[] model, string entry)
    {
        using var input = new ZipArchive(new MemoryStream(model), ZipArchiveMode.Read);
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var x in input.Entries.Where(x => x.FullName != entry))
            {
                using var from = x.Open();
                using var to = zip.CreateEntry(x.FullName).Open();
                from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    private static string Describe(IReadOnlyList<RankedExpert> ranked) =>
        string.Join("\n", ranked.Select(x => $"{x.ExpertId} {x.Score:R} {string.Join(" | ", x.Reasons.Select(r => r.Format("ja")))}"));

    [Fact]
    public void SavedModel_RanksWithCompactTrees_WithoutLoadingMlNet_SameAsMlNetTrees()
    {
        var bytes = fixture.Model.ToBytes();
        using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read)) Assert.NotNull(zip.GetEntry("trees.bin"));
        var compact = MatchingModel.FromBytes(bytes);
        var older = MatchingModel.FromBytes(WithoutEntry(bytes, "trees.bin"));
        var compactRanker = compact.CreateRanker();
        var olderRanker = older.CreateRanker();
        var index = compactRanker.BuildIndex(fixture.Data.Experts);
        foreach (var o in fixture.Data.Openings.Take(25))
            Assert.Equal(Describe(olderRanker.RankExperts(o, index, 20)), Describe(compactRanker.RankExperts(o, index, 20)));
        Assert.False(compact.MlNetLoaded);
        Assert.True(older.MlNetLoaded);

        // Every tree gives the same value, bit for bit, and the scores still equal ML.NET's PredictionEngine.
        var engine = compact.CreatePredictionEngine();
        var r = new Random(4);
        var f = new float[MatchFeatures.Count];
        for (var i = 0; i < 2000; i++)
        {
            for (var k = 0; k < f.Length; k++) f[k] = (float)(r.NextDouble() * 4 - 1) * (r.Next(3) == 0 ? 100_000 : 1);
            for (var t = 0; t < compact.Trees.TreeCount; t++) Assert.Equal(fixture.Model.Trees.TreeValue(t, f), compact.Trees.TreeValue(t, f));
            Assert.Equal(fixture.Model.Trees.Score(f), compact.Trees.Score(f));
            var reference = engine(f);
            Assert.True(Math.Abs(compact.Trees.Score(f) - reference) <= 1e-5 * Math.Max(1, Math.Abs(reference)));
        }
    }

    [Fact]
    public void CompactTrees_CutShortOrPointingBack_Refused()
    {
        var bytes = fixture.Model.Trees.Plain.ToBytes();
        Assert.Throws<InvalidDataException>(() => PlainTrees.FromBytes(bytes[..^3]));
        Assert.Throws<InvalidDataException>(() => PlainTrees.FromBytes([.. bytes, 0]));
        var plain = PlainTrees.FromBytes(bytes);
        var first = plain.Trees.First(t => t.Features.Length > 1);
        var looped = new PlainTrees(plain.Bias, [first with { Left = [0, .. first.Left[1..]], Right = [1, .. first.Right[1..]] }]);
        var loopedBytes = looped.ToBytes();
        Assert.Throws<InvalidDataException>(() => PlainTrees.FromBytes(loopedBytes));
        Assert.Equal(bytes, PlainTrees.FromBytes(bytes).ToBytes());
    }
}
