using System.Collections;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Channel.Auth;

/// <summary>Reads the non-standard <c>endorsements</c> array of a Bot Framework signing key (bot-protocol.md §3.2.6).</summary>
/// <remarks>
/// IdentityModel keeps unknown JWK members in <see cref="JsonWebKey.AdditionalData"/>; the runtime type of the value
/// changed across versions (Newtonsoft JArray, List&lt;object&gt;, System.Text.Json JsonElement in 8.x), so every shape
/// is normalised to a list of strings here.
/// </remarks>
public static class Endorsements
{
    public static IReadOnlyList<string> Read(JsonWebKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.AdditionalData.TryGetValue(BotFrameworkAuth.EndorsementsMember, out var value) ? Normalize(value) : [];
    }

    /// <summary>Normalises whatever the JWK parser stored: a JSON array, a single string, or any enumerable of values.</summary>
    public static IReadOnlyList<string> Normalize(object? value) => value switch
    {
        null => [],
        string single => Clean([single]),
        JsonElement { ValueKind: JsonValueKind.Array } array => Clean(array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString())),
        JsonElement { ValueKind: JsonValueKind.String } single => Clean([single.GetString()]),
        JsonElement => [],
        IEnumerable<string> strings => Clean(strings),
        IEnumerable items => Clean(items.Cast<object?>().Select(ItemText)),
        _ => [],
    };

    /// <summary>True when <paramref name="channelId"/> is among the key's endorsements (ordinal, as the SDK compares).</summary>
    /// <remarks>Stricter than the SDK's EndorsementsValidator, which lets an empty channel id pass: here it never does.</remarks>
    public static bool Allows(IReadOnlyList<string> endorsements, string? channelId)
    {
        ArgumentNullException.ThrowIfNull(endorsements);
        return !string.IsNullOrEmpty(channelId) && endorsements.Contains(channelId, StringComparer.Ordinal);
    }

    private static string? ItemText(object? item) => item switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement => null,
        // Newtonsoft JValue and similar wrappers print their raw value.
        _ => item.ToString(),
    };

    private static string[] Clean(IEnumerable<string?> values) =>
        [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())];
}
