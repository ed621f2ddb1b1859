using System.Text.Json.Nodes;

namespace Bot.Host.Tests.Infrastructure;

/// <summary>Every string value in a JSON tree (card texts, fact values …), read as text: JSON escaping would hide apostrophes.</summary>
public static class JsonText
{
    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(kv => Strings(kv.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    /// <summary>The strings of the given parts, one per line.</summary>
    public static string Lines(params JsonNode?[] parts) => string.Join('\n', parts.SelectMany(Strings));
}
