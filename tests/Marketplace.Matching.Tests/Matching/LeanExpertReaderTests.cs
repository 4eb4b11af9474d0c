using System.Globalization;
using System.Text;
using Marketplace.Matching.Data;
using Marketplace.Matching.Features;
using Marketplace.Matching.Ranking;
using Marketplace.Matching.Synthetic;
using Marketplace.Matching.Text;

namespace Marketplace.Matching.Tests.Matching;

/// <summary>
/// The lean experts reader of <c>matching rank</c> gives exactly the plain path's records, or gives up (null) so that the
/// plain path reports; and the text vectors and index built from its records equal the plain ones.
/// </summary>
public class LeanExpertReaderTests
{
    // 240 experts give every variant below its every-third and every-fifth rows many times over; the 91 tests built
    // their indexes of 700 before, for 3 s more CPU of the quick loop and no case more. A wrong rate on one expert
    // (the 138th) still fails 13 of them.
    private static readonly MatchingData Small = SyntheticDataGenerator.Generate(new GeneratorOptions(40, 240, 33));

    private static string Describe(ExpertRecord x) => string.Join("|",
        x.Id, x.HomePrefectureCode, x.Skills.GetType().Name, string.Join(";", x.Skills.Select(s => s.Key + ":" + s.Value)),
        x.Certifications.GetType().Name, string.Join(";", x.Certifications), x.YearsExperience, x.PublicSectorYears,
        x.AvailableDaysPerWeek.ToString("R", CultureInfo.InvariantCulture), x.MaxOnsiteDaysPerMonth.ToString("R", CultureInfo.InvariantCulture),
        x.DesiredDayRateYen, x.AcceptsEngagements.GetType().Name, string.Join(";", x.AcceptsEngagements), x.CertifiedCio,
        x.Summary, x.ConflictOrgCodes.Count, x.Hidden);

    private static byte[] Utf8(string text) =>
        text.StartsWith('\uFEFF') ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text[1..])] : Encoding.UTF8.GetBytes(text);

    private static List<ExpertRecord> Plain(string experts)
    {
        var plain = MatchingDataset.ParsePlain(MatchingDataset.OpeningsToCsv(Small.Openings), experts, null);
        Assert.True(plain.Success, string.Join("\n", plain.Errors));
        return plain.Data!.Experts.ToList();
    }

    /// <summary>Valid files written in every way RFC 4180 and the format allow.</summary>
    public static TheoryData<string> ValidVariants() => new()
    {
        "plain", "crlf", "bom", "quoted", "fullwidth", "empty-fields", "spaces", "blank-lines", "no-final-newline", "one-piece",
    };

    private static string Variant(string name)
    {
        var experts = Small.Experts.Select((x, i) => name switch
        {
            "quoted" when i % 5 == 0 => x with { Summary = "「引用」, \"二重\" と\n改行\r\nを含む, " + x.Summary },
            "quoted" when i % 5 == 1 => x with { Id = "E,\"" + i.ToString(CultureInfo.InvariantCulture) },
            "fullwidth" => x with { Summary = "ＤＸ推進（ＡＷＳ・Ｍ３６５）ﾃﾞｼﾞﾀﾙ ① Ｃｌｏｕｄ " + x.Summary },
            "empty-fields" when i % 3 == 0 => x with { Certifications = [], AcceptsEngagements = [], Summary = "", Skills = new Dictionary<string, int>() },
            _ => x,
        }).ToList();
        var csv = MatchingDataset.ExpertsToCsv(experts);
        return name switch
        {
            "crlf" => csv.Replace("\n", "\r\n", StringComparison.Ordinal),
            "bom" => "\uFEFF" + csv,
            "spaces" => string.Join('\n', csv.Split('\n').Select((l, i) => i == 0 || l.Length == 0 ? l
                : string.Join(',', l.Split(',').Select((f, k) => k < 11 ? " " + f.Replace(";", " ; ", StringComparison.Ordinal) + " " : f)))),
            "blank-lines" => csv.Replace("\n", "\n\r\n\n", StringComparison.Ordinal),
            "no-final-newline" => csv.TrimEnd('\n'),
            _ => csv,
        };
    }

    [Theory]
    [MemberData(nameof(ValidVariants))]
    public void ValidFile_SameRecordsAsPlainPath(string variant)
    {
        var csv = Variant(variant);
        var expected = Plain(csv);
        foreach (var parts in new[] { 1, 2, 3, 7 })
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var lean = LeanExpertReader.TryRead(Utf8(csv), ids, variant == "one-piece" ? 1 : parts);
            Assert.NotNull(lean);
            Assert.Equal(expected.Select(Describe), lean.Select(Describe));
            Assert.Equal(expected.Select(x => x.Id).ToHashSet(), ids);
        }
    }

    public static TheoryData<string> BadRows() => new()
    {
        { "E1,20,network:3,,5,1,2,4,40000,outsourced,0,ok\nE2,20,network:3,,5,1,2,4,40000,outsourced,0,a\"b" },     // quote inside an unquoted field
        { "E1,20,network:3,,5,1,2,4,40000,outsourced,0,\"never closed\n" },
        { "E1,20,network:3,,5,1,2,4,40000,outsourced,0,\"x\"y\n" },                                                  // text after a closing quote
        { "E1,20,network:3,,5,1,2,4,40000,outsourced,0\n" },                                                         // a field missing
        { "E1,20,network:3,,5,1,2,4,40000,outsourced,0,ok,extra\n" },
        { ",20,network:3,,5,1,2,4,40000,outsourced,0,ok\n" },                                                        // empty id
        { "E1,48,network:3,,5,1,2,4,40000,outsourced,0,ok\n" },
        { "E1,２０,network:3,,5,1,2,4,40000,outsourced,0,ok\n" },
        { "E1,20,network,,5,1,2,4,40000,outsourced,0,ok\n" },
        { "E1,20,nosuch:3,,5,1,2,4,40000,outsourced,0,ok\n" },
        { "E1,20,network:-3,,5,1,2,4,40000,outsourced,0,ok\n" },
        { "E1,20,network:3;network:4,,5,1,2,4,40000,outsourced,0,ok\n" },
        { "E1,20,network:3,nosuch,5,1,2,4,40000,outsourced,0,ok\n" },
        { "E1,20,network:3,,-1,1,2,4,40000,outsourced,0,ok\n" },
        { "E1,20,network:3,,99999999999,1,2,4,40000,outsourced,0,ok\n" },
        { "E1,20,network:3,,5,x,2,4,40000,outsourced,0,ok\n" },
        { "E1,20,network:3,,5,1,0,4,40000,outsourced,0,ok\n" },
        { "E1,20,network:3,,5,1,5.5,4,40000,outsourced,0,ok\n" },
        { "E1,20,network:3,,5,1,2,32,40000,outsourced,0,ok\n" },
        { "E1,20,network:3,,5,1,2,4,-1,outsourced,0,ok\n" },
        { "E1,20,network:3,,5,1,2,4,40000,outsourced;outsourced,0,ok\n" },
        { "E1,20,network:3,,5,1,2,4,40000,outsourced,2,ok\n" },
        { "E1,20,network:3,,5,1,2,4,40000,outsourced,0,ok\nE1,21,network:3,,5,1,2,4,40000,outsourced,0,ok\n" },     // duplicate id
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void BadRow_GivesUp_AndTheReportIsThePlainPaths(string rows)
    {
        var header = string.Join(',', MatchingDataset.ExpertColumns) + "\n";
        var good = MatchingDataset.ExpertsToCsv(Small.Experts)[header.Length..];
        var csv = header + good + rows;
        Assert.Null(LeanExpertReader.TryRead(Utf8(csv), new HashSet<string>(StringComparer.Ordinal), 2));
        var o = MatchingDataset.OpeningsToCsv(Small.Openings);
        var result = MatchingDataset.Parse(o, csv, null);
        Assert.False(result.Success);
        Assert.NotEmpty(result.Errors);
        Assert.Equal(MatchingDataset.ParsePlain(o, csv, null).Errors, result.Errors);
    }

    [Theory]
    [InlineData("extra-column")]
    [InlineData("lone-cr")]
    [InlineData("fullwidth-id")]
    [InlineData("invalid-utf8")]
    [InlineData("utf16")]
    public void UnusualButValid_GivesUp_ButTheFolderStillLoadsAsThePlainPathReadsIt(string how)
    {
        // An unknown column, lone carriage returns as line breaks, a non-ASCII id, a byte that is not UTF-8 in a
        // self-introduction, a UTF-16 file: valid, read by the text paths.
        var csv = MatchingDataset.ExpertsToCsv(Small.Experts.Select((x, i) => how == "fullwidth-id" && i == 3 ? x with { Id = "Ｅ３" } : x));
        var bytes = how switch
        {
            "lone-cr" => Utf8(csv.Replace("\n", "\r", StringComparison.Ordinal)),
            "extra-column" => Utf8(string.Join('\n', csv.TrimEnd('\n').Split('\n').Select(l => l + ",extra")) + "\n"),
            "utf16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(csv)],
            _ => Utf8(csv),
        };
        if (how == "invalid-utf8") bytes[^5] = 0xFF;
        Assert.Null(LeanExpertReader.TryRead(bytes, new HashSet<string>(StringComparer.Ordinal), 2));
        var dir = Directory.CreateTempSubdirectory("lean-reader-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, MatchingDataset.OpeningsFile), MatchingDataset.OpeningsToCsv(Small.Openings));
            File.WriteAllBytes(Path.Combine(dir.FullName, MatchingDataset.ExpertsFile), bytes);
            var result = MatchingDataset.Load(dir.FullName);
            Assert.True(result.Success, string.Join("\n", result.Errors));
            var text = File.ReadAllText(Path.Combine(dir.FullName, MatchingDataset.ExpertsFile), new UTF8Encoding(false));
            Assert.Equal(Plain(text).Select(Describe), result.Data!.Experts.Select(Describe));
            if (how == "invalid-utf8") Assert.Contains(result.Data.Experts, x => x.Summary.Contains('\uFFFD', StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Theory]
    [InlineData("quoted", true)]
    [InlineData("crlf", true)]
    [InlineData("bom", true)]
    [InlineData("plain", false)]
    public void Load_ReadsTheFolderAsThePlainPath_AndReportsItsProblems(string variant, bool valid)
    {
        var csv = Variant(variant);
        if (!valid) csv = csv.Replace(",20,", ",99,", StringComparison.Ordinal) + "E1,20,network:3,,5,1,x,4,40000,outsourced,0,ok\n";
        var o = MatchingDataset.OpeningsToCsv(Small.Openings);
        // The quoted variant renames some experts: its outcomes would name experts that are gone.
        var r = MatchingDataset.OutcomesToCsv(variant == "quoted" ? [] : Small.Outcomes);
        var dir = Directory.CreateTempSubdirectory("lean-reader-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, MatchingDataset.OpeningsFile), o);
            File.WriteAllBytes(Path.Combine(dir.FullName, MatchingDataset.ExpertsFile), Utf8(csv));
            File.WriteAllText(Path.Combine(dir.FullName, MatchingDataset.OutcomesFile), r);
            var result = MatchingDataset.Load(dir.FullName);
            var plain = MatchingDataset.ParsePlain(o, csv, r);
            Assert.Equal(valid, result.Success);
            Assert.Equal(plain.Errors, result.Errors);
            if (!valid)
            {
                Assert.Contains(result.Errors, x => x.Contains(": home_prefecture_code: '99'", StringComparison.Ordinal));
                return;
            }
            Assert.Equal(plain.Data!.Experts.Select(Describe), result.Data!.Experts.Select(Describe));
            Assert.Equal(MatchingDataset.OutcomesToCsv(plain.Data.Outcomes), MatchingDataset.OutcomesToCsv(result.Data.Outcomes));
            Assert.Equal(MatchingDataset.OpeningsToCsv(plain.Data.Openings), MatchingDataset.OpeningsToCsv(result.Data.Openings));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Fold_EqualsNormalize_AndVectorsEqualThoseOfTheNormalisedText()
    {
        var texts = Small.Experts.Select(x => x.Summary).Concat([
            "ＤＸ推進（ＡＷＳ）", "ABC def ＧＨＩ", "ﾃﾞｼﾞﾀﾙ", "①②", "Ｍ３６５／ＬＧＷＡＮ", "", "a", "Ａ", "㈱テスト", "Ⅻ 全角　スペース",
        ]).ToList();
        var idf = TextIdf.FromCorpus(Small.Experts.Select(x => x.Summary));
        var folded = 0;
        foreach (var t in texts)
        {
            var buffer = new char[t.Length];
            if (JapaneseText.TryFold(t, buffer))
            {
                folded++;
                Assert.Equal(JapaneseText.Normalize(t), new string(buffer));
            }
            var (ids, w) = idf.Vectorize(t, ExpertIndex.TextTermsPerExpert);
            var (nIds, nW) = idf.Vectorize(JapaneseText.Normalize(t), ExpertIndex.TextTermsPerExpert);
            Assert.Equal(nIds, ids);
            Assert.Equal(nW, w);
        }
        Assert.True(folded > Small.Experts.Count);
        Assert.False(JapaneseText.TryFold("ﾃﾞｼﾞﾀﾙ", new char[6]));
    }

    [Theory]
    [InlineData("fullwidth")]
    [InlineData("empty-fields")]
    [InlineData("quoted")]
    public void Index_FromLeanRecords_EqualsVectorsAndIdsOneByOne(string variant)
    {
        var csv = Variant(variant);
        var lean = LeanExpertReader.TryRead(Utf8(csv), new HashSet<string>(StringComparer.Ordinal), 3)!;
        var idf = TextIdf.FromCorpus(lean.Select(x => x.Summary));
        var index = ExpertIndex.Build(lean, idf);
        var plainIndex = ExpertIndex.Build(Plain(csv), idf);
        Assert.Equal(lean.Count, index.Count);
        for (var i = 0; i < lean.Count; i++)
        {
            Assert.Equal(i, index.IndexOf(lean[i].Id));
            var (ids, w) = index.TextVector(i);
            var (eIds, eW) = idf.Vectorize(lean[i].Summary, ExpertIndex.TextTermsPerExpert);
            Assert.Equal(eIds, ids);
            Assert.Equal(eW, w);
            Assert.Equal(plainIndex.TextVector(i).Ids, ids);
            Assert.Equal(plainIndex.Rows[i], index.Rows[i]);
            for (var s = 0; s < ExpertIndex.SkillSlots; s++)
            {
                Assert.Equal(plainIndex.YearsOf(i, s), index.YearsOf(i, s));
                Assert.Equal(lean[i].Skills.TryGetValue(MatchingTaxonomy.Skills.Count > s ? MatchingTaxonomy.Skills[s].Code : "", out var y) ? Math.Clamp(y, 0, 254) : -1, index.YearsOf(i, s));
            }
        }
    }

    [Fact]
    public void Index_OverSeveralVectorChunks_EachExpertHasItsOwnVector()
    {
        // More experts than one chunk of flat vector arrays (2,048), some without a self-introduction.
        var experts = SyntheticDataGenerator.Generate(new GeneratorOptions(10, 5000, 8)).Experts
            .Select((x, i) => i % 97 == 0 ? x with { Summary = "" } : x).ToList();
        var idf = TextIdf.FromCorpus(experts.Select(x => x.Summary));
        var index = ExpertIndex.Build(experts, idf);
        var empty = 0;
        for (var i = 0; i < experts.Count; i++)
        {
            var (ids, w) = index.TextVector(i);
            var (eIds, eW) = idf.Vectorize(experts[i].Summary, ExpertIndex.TextTermsPerExpert);
            Assert.Equal(eIds, ids);
            Assert.Equal(eW, w);
            Assert.Equal(index.Rows[i].TextEnd - index.Rows[i].TextStart, ids.Length);
            if (ids.Length == 0) empty++;
        }
        Assert.True(empty >= experts.Count / 97);
    }

    /// <summary>Writes the bytes as a folder's experts.csv (with the small openings) and passes the folder.</summary>
    private static void InFolder(byte[] experts, Action<string> act, string? outcomes = null)
    {
        var dir = Directory.CreateTempSubdirectory("lean-index-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, MatchingDataset.OpeningsFile), MatchingDataset.OpeningsToCsv(Small.Openings));
            File.WriteAllBytes(Path.Combine(dir.FullName, MatchingDataset.ExpertsFile), experts);
            if (outcomes is not null) File.WriteAllText(Path.Combine(dir.FullName, MatchingDataset.OutcomesFile), outcomes);
            act(dir.FullName);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    /// <summary>Equal indexes; where <paramref name="actual"/> makes text vectors on demand, its slots say so and its vectors are compared as made.</summary>
    private static void AssertSameIndex(ExpertIndex expected, ExpertIndex actual, bool textOnDemand = false)
    {
        Assert.Equal(expected.Count, actual.Count);
        // Asked for in a shuffled order from several threads, as ranking asks for them.
        if (textOnDemand) Parallel.ForEach(Enumerable.Range(0, actual.Count).OrderBy(i => (i * 7919) % actual.Count), i => actual.TextVector(i));
        for (var i = 0; i < expected.Count; i++)
        {
            var row = actual.Rows[i];
            if (textOnDemand)
            {
                Assert.Equal((-1, -1), (row.TextStart, row.TextEnd));
                (row.TextStart, row.TextEnd) = (expected.Rows[i].TextStart, expected.Rows[i].TextEnd);
            }
            // One plain comparison an expert; xunit's field-by-field assertions (and their messages) only for an expert
            // that differs. Asserted field by field for every expert, this was about a tenth of the project's test time
            // (45 indexes of 700 experts, some sixty assertions each).
            var (ids, weights) = actual.TextVector(i);
            var (expectedIds, expectedWeights) = expected.TextVector(i);
            if (Describe(expected.Experts[i]) == Describe(actual.Experts[i]) && actual.IndexOf(expected.Experts[i].Id) == i
                && expected.Rows[i].Equals(row) && expected.Certified[i] == actual.Certified[i] && expected.IsHidden(i) == actual.IsHidden(i)
                && Enumerable.Range(0, ExpertIndex.SkillSlots).All(s => expected.YearsOf(i, s) == actual.YearsOf(i, s))
                && expectedIds.AsSpan().SequenceEqual(ids) && expectedWeights.AsSpan().SequenceEqual(weights))
            {
                continue;
            }
            Assert.Equal(Describe(expected.Experts[i]), Describe(actual.Experts[i]));
            Assert.Equal(i, actual.IndexOf(expected.Experts[i].Id));
            Assert.Equal(expected.Rows[i], row);
            Assert.Equal(expected.Certified[i], actual.Certified[i]);
            Assert.Equal(expected.IsHidden(i), actual.IsHidden(i));
            for (var s = 0; s < ExpertIndex.SkillSlots; s++) Assert.Equal(expected.YearsOf(i, s), actual.YearsOf(i, s));
            Assert.Equal(expectedIds, ids);
            Assert.Equal(expectedWeights, weights);
            Assert.Fail($"Expert {i} differs, but no single field does.");
        }
    }

    [Theory]
    [MemberData(nameof(ValidVariants))]
    public void IndexFile_ValidFile_EqualsTheIndexOfThePlainRecords(string variant)
    {
        var csv = Variant(variant);
        var plain = Plain(csv);
        var idf = TextIdf.FromCorpus(plain.Select(x => x.Summary));
        var expected = ExpertIndex.Build(plain, idf);
        InFolder(Utf8(csv), dir =>
        {
            foreach (var (parts, onDemand) in new[] { (1, false), (3, false), (8, false), (3, true) })
            {
                var index = LeanExpertReader.TryReadIndexFile(Path.Combine(dir, MatchingDataset.ExpertsFile), idf, variant == "one-piece" ? 1 : parts, onDemand);
                Assert.NotNull(index);
                Assert.Same(idf, index.Idf);
                AssertSameIndex(expected, index, onDemand);
            }
        });
    }

    [Theory]
    [MemberData(nameof(BadRows))]
    public void IndexFile_BadRow_GivesUp(string rows)
    {
        // 120 good rows before the bad ones: enough for four parts, without indexing all 700 (23 cases, three reads each).
        var header = string.Join(',', MatchingDataset.ExpertColumns) + "\n";
        var csv = header + MatchingDataset.ExpertsToCsv(Small.Experts.Take(120))[header.Length..] + rows;
        InFolder(Utf8(csv), dir =>
        {
            foreach (var (parts, onDemand) in new[] { (1, false), (4, false), (4, true) })
                Assert.Null(LeanExpertReader.TryReadIndexFile(Path.Combine(dir, MatchingDataset.ExpertsFile), TextIdf.Uniform, parts, onDemand));
        });
    }

    [Theory]
    [InlineData("extra-column")]
    [InlineData("lone-cr")]
    [InlineData("invalid-utf8")]
    [InlineData("utf16")]
    [InlineData("other-header")]
    public void IndexFile_UnusualFile_GivesUp(string how)
    {
        var csv = MatchingDataset.ExpertsToCsv(Small.Experts);
        var bytes = how switch
        {
            "lone-cr" => Utf8(csv.Replace("\n", "\r", StringComparison.Ordinal)),
            "extra-column" => Utf8(string.Join('\n', csv.TrimEnd('\n').Split('\n').Select(l => l + ",extra")) + "\n"),
            "utf16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(csv)],
            "other-header" => Utf8(csv.Replace("expert_id,", "id,", StringComparison.Ordinal)),
            _ => Utf8(csv),
        };
        if (how == "invalid-utf8") bytes[^5] = 0xFF;
        InFolder(bytes, dir =>
        {
            Assert.Null(LeanExpertReader.TryReadIndexFile(Path.Combine(dir, MatchingDataset.ExpertsFile), TextIdf.Uniform, 3));
            Assert.Null(LeanExpertReader.TryReadIndexFile(Path.Combine(dir, MatchingDataset.ExpertsFile), TextIdf.Uniform, 3, textOnDemand: true));
        });
    }

    [Theory]
    [InlineData("plain", true, false)]
    [InlineData("plain", true, true)]
    [InlineData("quoted", true, true)]
    [InlineData("invalid-utf8", true, true)]
    [InlineData("bad-row", false, true)]
    [InlineData("unknown-expert-in-outcomes", false, false)]
    public void LoadIndexed_GivesWhatLoadAndBuildIndexGive(string how, bool valid, bool textOnDemand)
    {
        var csv = Variant(how == "quoted" ? "quoted" : "plain");
        if (how == "bad-row") csv += "E1,20,network:3,,5,1,x,4,40000,outsourced,0,ok\n";
        var bytes = Utf8(csv);
        if (how == "invalid-utf8") bytes[^5] = 0xFF;
        var outcomes = how switch
        {
            "quoted" => MatchingDataset.OutcomesToCsv([]),
            "unknown-expert-in-outcomes" => MatchingDataset.OutcomesToCsv([.. Small.Outcomes, new OutcomeRecord(Small.Openings[0].Id, "NOBODY", "applied")]),
            _ => MatchingDataset.OutcomesToCsv(Small.Outcomes),
        };
        var ranker = new RuleBasedRanker(TextIdf.FromCorpus(Small.Experts.Select(x => x.Summary)));
        InFolder(bytes, dir =>
        {
            var expected = MatchingDataset.Load(dir);
            var actual = MatchingDataset.LoadIndexed(dir, ranker, textOnDemand);
            Assert.Equal(valid, actual.Success);
            Assert.Equal(expected.Errors, actual.Errors);
            if (!valid)
            {
                Assert.Null(actual.Index);
                return;
            }
            Assert.Equal(expected.Data!.Experts.Select(Describe), actual.Data!.Experts.Select(Describe));
            // A valid UTF-8 file is indexed from its bytes (its profiles are not a list read beforehand); the other is read as text.
            Assert.Equal(how != "invalid-utf8", actual.Data.Experts is not List<ExpertRecord>);
            Assert.Equal(MatchingDataset.OutcomesToCsv(expected.Data.Outcomes), MatchingDataset.OutcomesToCsv(actual.Data.Outcomes));
            Assert.Equal(MatchingDataset.OpeningsToCsv(expected.Data.Openings), MatchingDataset.OpeningsToCsv(actual.Data.Openings));
            // Ranking over the index read from the bytes proposes what ranking over the records' index proposes (first, so
            // that vectors made on demand are made by ranking), one opening at a time and in a batch.
            var built = ranker.BuildIndex(expected.Data.Experts);
            var openings = Small.Openings.Take(8).ToList();
            var batch = ranker.RankExpertsForAll(openings, actual.Index!, 10);
            for (var k = 0; k < openings.Count; k++)
            {
                var line = RankingJson.Line(openings[k].Id, ranker.RankExperts(openings[k], built, 10), "ja");
                Assert.Equal(line, RankingJson.Line(openings[k].Id, batch[k], "ja"));
                Assert.Equal(line, RankingJson.Line(openings[k].Id, ranker.RankExperts(openings[k], actual.Index!, 10), "ja"));
            }
            AssertSameIndex(built, actual.Index!, textOnDemand && how != "invalid-utf8");
        }, outcomes);
    }
}
