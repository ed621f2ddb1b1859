using System.Globalization;
using System.Text.Json;

namespace Bot.Channel.Connector;

/// <summary>Reads the error code from a connector error body, whatever its shape (bot-protocol.md §1.3).</summary>
public static class ConnectorErrors
{
    /// <summary><c>{"error":{"code":"…"}}</c> (Bot Framework ErrorResponse) or <c>{"errorCode":209,…}</c> (Teams); null otherwise.</summary>
    public static string? ReadErrorCode(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (TryGet(root, "error", out var error) && error.ValueKind == JsonValueKind.Object && TryGet(error, "code", out var code))
            {
                return Text(code);
            }

            return TryGet(root, "errorCode", out var errorCode) ? Text(errorCode) : null;
        }
        catch (JsonException)
        {
            // Gateways answer with HTML or plain text; the status code alone has to do.
            return null;
        }
    }

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => value.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
        _ => null,
    };
}
