using System.Globalization;
using Bot.Core.Periods;

namespace Bot.Core.Commands.Goals;

/// <summary>Turns a goal's period text ("2026", "2026-Q3", "2026-06") into its date range.</summary>
public static class GoalPeriod
{
    public static DateRange? Parse(string period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var p = period.Trim().ToUpperInvariant();
        if (p.Length == 4 && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return new DateRange(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        }

        if (p.Length == 7 && p[4] == '-' && int.TryParse(p[..4], NumberStyles.None, CultureInfo.InvariantCulture, out year))
        {
            if (p[5] == 'Q' && p[6] is >= '1' and <= '4')
            {
                var start = new DateOnly(year, ((p[6] - '1') * 3) + 1, 1);
                return new DateRange(start, start.AddMonths(3).AddDays(-1));
            }

            if (int.TryParse(p[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
            {
                var start = new DateOnly(year, month, 1);
                return new DateRange(start, start.AddMonths(1).AddDays(-1));
            }
        }

        return null;
    }
}

/// <summary>Progress of one additive goal (GMV, visitors, orders): attainment, pace, forecast, daily amount needed.</summary>
public sealed record GoalProgress(DateRange Period, DateOnly AsOf, double Target, double Actual)
{
    public int ElapsedDays => Math.Clamp(AsOf.DayNumber - Period.From.DayNumber + 1, 0, Period.Days);

    public int RemainingDays => Period.Days - ElapsedDays;

    public double Attainment => Target == 0 ? 0 : Actual / Target;

    /// <summary>actual ÷ (target × elapsed share): 1.0 is exactly on pace (domain.md §2).</summary>
    public double? Pace => ElapsedDays == 0 || Target == 0 ? null : Actual / (Target * ElapsedDays / Period.Days);

    /// <summary>Straight-line forecast to the period end at the average daily rate so far.</summary>
    public double? Forecast => ElapsedDays == 0 ? null : Actual / ElapsedDays * Period.Days;

    public double? NeededPerDay => RemainingDays == 0 ? null : Math.Max(0, Target - Actual) / RemainingDays;
}
