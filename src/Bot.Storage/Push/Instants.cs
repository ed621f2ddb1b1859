using System.Globalization;

namespace Bot.Storage.Push;

/// <summary>Instants are stored as fixed-width UTC text (<c>2026-11-01T13:00:00.0000000Z</c>), so text order is time order.</summary>
internal static class Instants
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset instant) => instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset FromText(string text) =>
        new(DateTime.SpecifyKind(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc));

    public static object ToDb(DateTimeOffset? instant) => instant is { } i ? ToText(i) : DBNull.Value;
}
