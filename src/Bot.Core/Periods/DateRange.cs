using System.Globalization;

namespace Bot.Core.Periods;

/// <summary>An inclusive range of business days in the team's time zone.</summary>
public readonly record struct DateRange
{
    public DateRange(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"Range end {to:yyyy-MM-dd} is before its start {from:yyyy-MM-dd}.", nameof(to));
        }

        From = from;
        To = to;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    public static DateRange Day(DateOnly day) => new(day, day);

    /// <summary>The previous period of equal length (环比).</summary>
    public DateRange Previous() => new(From.AddDays(-Days), From.AddDays(-1));

    /// <summary>The same period a year earlier, aligned by weekday (同比): 52 weeks back.</summary>
    /// <remarks>364 days keeps Monday on Monday, so weekly seasonality does not masquerade as growth.</remarks>
    public DateRange YearAgo() => new(From.AddDays(-364), To.AddDays(-364));

    public bool Contains(DateOnly day) => day >= From && day <= To;

    public IEnumerable<DateOnly> EachDay()
    {
        for (var d = From; d <= To; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    public override string ToString() => From == To
        ? From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}");
}
