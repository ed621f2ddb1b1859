using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Bot.Channel.Protocol;

/// <summary>Reads activity timestamps tolerantly and writes them back in the shape channels send.</summary>
/// <remarks>
/// bot-protocol.md §1.1: a value without an offset (<c>0001-01-01T00:00:00</c>) broke deserialization on machines
/// east of UTC (botbuilder-dotnet#1237), because it was read as local time. Here a missing offset means UTC,
/// more than 7 fractional digits are truncated, and an unreadable value becomes null instead of failing the whole
/// activity: timestamps are informational and must never decide whether an activity is processed.
/// </remarks>
public sealed partial class TolerantDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // Numbers, objects or arrays are not timestamps; skip them rather than fail the activity.
            reader.Skip();
            return null;
        }

        return Parse(reader.GetString());
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is not { } timestamp)
        {
            writer.WriteNullValue();
            return;
        }

        // UTC as "Z" (what Teams sends for timestamp); trailing zero fractions dropped.
        var format = timestamp.Offset == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";
        // Raw, because the encoder would escape '+' as \u002B; the text is only digits, '-', ':', '.', 'T', 'Z' and '+'.
        writer.WriteRawValue("\"" + timestamp.ToString(format, CultureInfo.InvariantCulture) + "\"", skipInputValidation: true);
    }

    internal static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = LongFraction().Replace(text.Trim(), m => m.Groups[1].Value);
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            ? parsed
            : null;
    }

    // DateTimeOffset parsing accepts at most 7 fractional digits (100 ns ticks); keep the first 7.
    [GeneratedRegex(@"(\.\d{7})\d+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LongFraction();
}
