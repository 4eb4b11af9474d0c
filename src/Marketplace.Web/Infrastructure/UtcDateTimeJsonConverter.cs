using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// The JSON APIs' times as UTC with their "Z". Times are stored in UTC, but EF Core reads them back without a kind,
/// so <c>/api/calls</c> and <c>/api/openings</c> wrote "2026-12-02T02:27:00" with no offset: 9 hours early for a client
/// that takes it as Japan time (helper review, stop 32). A time read from a request is taken as UTC unless it names
/// an offset.
/// </summary>
public sealed class UtcDateTimeJsonConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetDateTime();
        return value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
