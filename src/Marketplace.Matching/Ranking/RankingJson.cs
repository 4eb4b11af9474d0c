using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Marketplace.Matching.Ranking;

/// <summary>
/// The output line of <c>matching rank</c>:
/// <c>{"opening_id":"O1","experts":[{"expert_id":"E7","score":1.23,"reasons":["..."]}, ...]}</c>, best first,
/// reasons in words of the given language, non-ASCII text written as is (UTF-8).
/// </summary>
public static class RankingJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Line(string openingId, IReadOnlyList<RankedExpert> experts, string language = "ja")
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("opening_id", openingId);
            w.WriteStartArray("experts");
            foreach (var r in experts)
            {
                w.WriteStartObject();
                w.WriteString("expert_id", r.ExpertId);
                w.WriteNumber("score", Math.Round(r.Score, 6));
                w.WriteStartArray("reasons");
                foreach (var reason in r.Reasons) w.WriteStringValue(reason.Format(language));
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
