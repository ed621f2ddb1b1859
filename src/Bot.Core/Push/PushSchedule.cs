using System.Globalization;

namespace Bot.Core.Push;

/// <summary>Days of the week a subscription fires on.</summary>
[Flags]
public enum WeekDays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    Weekdays = Monday | Tuesday | Wednesday | Thursday | Friday,
    Daily = Weekdays | Saturday | Sunday,
}

/// <summary>When a subscription fires: a local time on some weekdays in one IANA time zone.</summary>
/// <remarks>
/// The wall-clock time is kept, not a UTC instant, so 09:00 in New York is 13:00Z in summer and 14:00Z in
/// winter. Quartz fires the trigger built from <see cref="ToCron"/> in <see cref="Zone"/>; the same rules are
/// computed here so Core can say "next at …" and work out which occurrence a late firing belongs to.
/// A time that does not exist on a spring-forward day fires when the gap ends (02:30 → 03:00); a time that occurs
/// twice on a fall-back day fires at the first of the two — both as Quartz's cron trigger does.
/// </remarks>
public sealed record PushSchedule(TimeOnly Time, WeekDays Days, TimeZoneInfo Zone)
{
    private static readonly (DayOfWeek Day, WeekDays Flag, string Cron, string Short)[] Week =
    [
        (DayOfWeek.Monday, WeekDays.Monday, "MON", "Mon"),
        (DayOfWeek.Tuesday, WeekDays.Tuesday, "TUE", "Tue"),
        (DayOfWeek.Wednesday, WeekDays.Wednesday, "WED", "Wed"),
        (DayOfWeek.Thursday, WeekDays.Thursday, "THU", "Thu"),
        (DayOfWeek.Friday, WeekDays.Friday, "FRI", "Fri"),
        (DayOfWeek.Saturday, WeekDays.Saturday, "SAT", "Sat"),
        (DayOfWeek.Sunday, WeekDays.Sunday, "SUN", "Sun"),
    ];

    public bool FiresOn(DayOfWeek day) => (Days & Flag(day)) != 0;

    public static WeekDays Flag(DayOfWeek day) => Week.First(w => w.Day == day).Flag;

    /// <summary>The instant this schedule fires on a given local date, or null when it does not fire that day.</summary>
    public DateTimeOffset? On(DateOnly date) => FiresOn(date.DayOfWeek) ? Instant(date) : null;

    /// <summary>The first firing strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var day = LocalDate(after);
        for (var d = day.AddDays(-1); d <= day.AddDays(8); d = d.AddDays(1))
        {
            if (On(d) is { } at && at > after)
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>The last firing at or before <paramref name="at"/>: the occurrence a (possibly late) firing belongs to.</summary>
    public DateTimeOffset? LatestAtOrBefore(DateTimeOffset at)
    {
        var day = LocalDate(at);
        for (var d = day.AddDays(1); d >= day.AddDays(-8); d = d.AddDays(-1))
        {
            if (On(d) is { } instant && instant <= at)
            {
                return instant;
            }
        }

        return null;
    }

    /// <summary>Firings strictly between two instants, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<DateTimeOffset> Between(DateTimeOffset after, DateTimeOffset before, int limit = 31)
    {
        var result = new List<DateTimeOffset>();
        for (var d = LocalDate(after); d <= LocalDate(before) && result.Count < limit; d = d.AddDays(1))
        {
            if (On(d) is { } at && at > after && at < before)
            {
                result.Add(at);
            }
        }

        return result;
    }

    /// <summary>The local calendar date of an instant in this schedule's zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>A Quartz cron expression (seconds first) for this schedule, to be evaluated in <see cref="Zone"/>.</summary>
    public string ToCron()
    {
        var days = Days == WeekDays.Daily
            ? "*"
            : Days == WeekDays.Weekdays ? "MON-FRI" : string.Join(',', Week.Where(w => (Days & w.Flag) != 0).Select(w => w.Cron));
        return string.Create(CultureInfo.InvariantCulture, $"0 {Time.Minute} {Time.Hour} ? * {days}");
    }

    /// <summary>"every day", "weekdays", "Mon, Thu".</summary>
    public string DaysText => DescribeDays(Days);

    public static string DescribeDays(WeekDays days) => days switch
    {
        WeekDays.Daily => "every day",
        WeekDays.Weekdays => "weekdays",
        WeekDays.Saturday | WeekDays.Sunday => "weekends",
        _ => string.Join(", ", Week.Where(w => (days & w.Flag) != 0).Select(w => w.Short)),
    };

    /// <summary>"09:00 every day (Asia/Shanghai)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Time:HH\\:mm} {DaysText} ({Zone.Id})");

    private DateTimeOffset Instant(DateOnly date)
    {
        var local = date.ToDateTime(Time, DateTimeKind.Unspecified);

        // Spring forward: the wall-clock time does not exist; fire at the first minute after the gap.
        for (var i = 0; i < 24 * 60 && Zone.IsInvalidTime(local); i++)
        {
            local = local.AddMinutes(1);
        }

        // Fall back: the time happens twice; the first one is on the larger (daylight) offset.
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
