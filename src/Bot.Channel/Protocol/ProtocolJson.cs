using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Channel.Protocol;

/// <summary>The one serializer configuration for the wire: read case-insensitively, write camelCase, omit nulls.</summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static Activity? ReadActivity(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize<Activity>(utf8, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 128,
            // Chinese text stays readable in payloads and logs; HTML-sensitive characters are still escaped.
            Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        };

        // §1.1: timestamps without an offset or with 7+ fractional digits must not fail the activity.
        options.Converters.Add(new TolerantDateTimeOffsetConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
