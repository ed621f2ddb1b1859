namespace Bot.Core.Time;

/// <summary>The team's notion of "now" and "today", in the team's time zone.</summary>
/// <remarks>
/// Business days are <see cref="DateOnly"/> values in the team's zone (default Asia/Shanghai): a
/// brief asked for at 00:30 in Shanghai is about the Shanghai yesterday, whatever the server's zone.
/// </remarks>
public sealed class TeamClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now() => TimeZoneInfo.ConvertTime(Time.GetUtcNow(), Zone);

    public DateOnly Today() => DateOnly.FromDateTime(Now().DateTime);

    /// <summary>Finds a zone by IANA id (or Windows id), falling back to UTC only when asked to.</summary>
    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }
}
