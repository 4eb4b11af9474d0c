using System.Globalization;
using System.Text;
using Marketplace.Matching.Csv;
using Marketplace.Matching.Features;
using Marketplace.Matching.Synthetic;
using Marketplace.Matching.Text;

namespace Marketplace.Matching.Tests.Matching;

/// <summary>The faster loading path (text vectors, normalisation, CSV, incremental index) gives exactly what the plain one gave.</summary>
public class FastLoadTests
{
    private const string Alphabet = "自治体のデジタル化を進めＤＸ推進ｶﾀｶﾅ半角ABCxyz012３４５、。「」・ー　 ,\"\n㍿①ⅰ（）！～Ａｚヽヾ｡･\u3099";

    private static string RandomText(Random r, int length)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < length; i++) sb.Append(Alphabet[r.Next(Alphabet.Length)]);
        return sb.ToString();
    }

    /// <summary>The plain definition: counts in a dictionary, LINQ ordering, Enumerable.Sum for the norm.</summary>
    private static (ushort[] Ids, float[] Weights) Reference(TextIdf idf, string? text, int maxTerms)
    {
        var counts = CharNGrams.Counts(text);
        var items = counts.Select(kv => (Id: kv.Key, W: (1 + MathF.Log(kv.Value)) * idf[kv.Key]))
            .Where(x => x.W > 0).OrderByDescending(x => x.W).ThenBy(x => x.Id).Take(maxTerms).OrderBy(x => x.Id).ToArray();
        var norm = MathF.Sqrt(items.Sum(x => x.W * x.W));
        if (norm <= 0) return ([], []);
        return (items.Select(x => (ushort)x.Id).ToArray(), items.Select(x => x.W / norm).ToArray());
    }

    [Fact]
    public void Vectorize_RandomTexts_EqualsPlainDefinition()
    {
        var r = new Random(3);
        var corpus = Enumerable.Range(0, 300).Select(_ => RandomText(r, r.Next(0, 400))).ToList();
        var idf = TextIdf.FromCorpus(corpus);
        foreach (var text in corpus.Append(null).Append(""))
        {
            foreach (var max in new[] { 4, 64, int.MaxValue })
            {
                var expected = Reference(idf, text, max);
                var actual = idf.Vectorize(text, max);
                Assert.Equal(expected.Ids, actual.Ids);
                Assert.Equal(expected.Weights, actual.Weights);
            }
        }
    }

    [Fact]
    public void Normalize_RandomTexts_EqualsNfkcLowerCase()
    {
        var r = new Random(5);
        for (var i = 0; i < 2_000; i++)
        {
            var text = RandomText(r, r.Next(0, 60));
            Assert.Equal(text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture), JapaneseText.Normalize(text));
        }
        Assert.Equal("dx推進 カタカナ", JapaneseText.Normalize("ＤＸ推進　ｶﾀｶﾅ"));
        // The one-pass folding of full-width ASCII and upper case (no other character in the text).
        for (var c = '\uFF01'; c <= '\uFF5E'; c++)
        {
            var text = "行政・DX（" + c + "）Ab";
            Assert.Equal(text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture), JapaneseText.Normalize(text));
        }
    }

    [Fact]
    public void CsvParse_QuotedAndUnquotedFields_RecordsAndErrorsAsBefore()
    {
        var (records, errors) = CsvTable.Parse("\uFEFFa,b,c\r\n1,\"x,\"\"y\"\"\nz\",3\nplain,te\"xt,\"q\"after\n,,\n");
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(["1", "x,\"y\"\nz", "3"], records[1].Fields);
        Assert.Equal(4, records[2].Line);
        Assert.Equal(["plain", "te\"xt", "qafter"], records[2].Fields);
        Assert.Equal(["", "", ""], records[3].Fields);
        Assert.Equal([(4, 9, "a quote inside an unquoted field"), (4, 16, "text after a closing quote")], errors.Select(e => (e.Line, e.Column, e.Message)));
    }

    [Fact]
    public void Apply_RandomUpsertsAndRemovals_EqualsBuildWithSameWeights()
    {
        var data = SyntheticDataGenerator.Generate(new GeneratorOptions(20, 400, 9));
        var order = Comparer<string>.Create(string.CompareOrdinal);
        var experts = data.Experts.OrderBy(x => x.Id, order).ToList();
        var idf = TextIdf.FromCorpus(experts.Select(x => x.Summary));
        var index = ExpertIndex.Build(experts.Take(300).ToList(), idf);
        var r = new Random(11);
        var current = experts.Take(300).ToDictionary(x => x.Id);
        for (var round = 0; round < 5; round++)
        {
            var removals = current.Keys.OrderBy(_ => r.Next()).Take(15).ToList();
            var upserts = experts.OrderBy(_ => r.Next()).Take(30)
                .Select(x => x with { DesiredDayRateYen = x.DesiredDayRateYen + r.Next(1000), Summary = x.Summary + r.Next(100), Hidden = r.Next(2) == 0 })
                .ToList();
            index = index.Apply(upserts, removals, order);
            foreach (var u in upserts) current[u.Id] = u;
            foreach (var id in removals.Except(upserts.Select(u => u.Id))) current.Remove(id);
            foreach (var id in removals.Intersect(upserts.Select(u => u.Id))) current.Remove(id);
            var fresh = ExpertIndex.Build(current.Values.OrderBy(x => x.Id, order).ToList(), idf);
            Assert.Equal(fresh.Experts.Select(x => x.Id), index.Experts.Select(x => x.Id));
            for (var i = 0; i < fresh.Count; i++)
            {
                Assert.Same(current[fresh.Experts[i].Id], index.Experts[i]);
                Assert.Equal(fresh.IsHidden(i), index.IsHidden(i));
                Assert.Equal(fresh.TextVector(i).Ids, index.TextVector(i).Ids);
                Assert.Equal(fresh.TextVector(i).Weights, index.TextVector(i).Weights);
            }
        }
    }
}
