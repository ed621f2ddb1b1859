using Bot.Core.Metrics;

namespace Bot.Core.Alerts;

/// <summary>A baseline value and the days it was computed from.</summary>
public sealed record BaselineValue(double Value, IReadOnlyList<DateOnly> Days);

/// <summary>The weekday-to-weekday trailing baseline of a metric. Pure.</summary>
/// <remarks>
/// For a day D the baseline uses the same weekday in the trailing window (28 days → D−7, D−14, D−21, D−28),
/// so a Monday is compared with Mondays. Days without data and — when configured — campaign days are left
/// out. If fewer than two same-weekday days remain, earlier same weekdays are taken, up to twice the window;
/// with none at all there is no baseline and the day counts as no-data. Ratios are ratios of the summed
/// counters of those days (domain.md §2); additive metrics (GMV, visitors …) are the daily average.
/// </remarks>
public static class AlertBaseline
{
    public static BaselineValue? Compute(
        DateOnly day,
        MetricDefinition metric,
        Func<DateOnly, Counters?> counters,
        Func<DateOnly, bool> excluded,
        int baselineDays)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(excluded);
        var weeks = Math.Max(1, baselineDays / 7);
        var wanted = Math.Min(2, weeks);
        var used = new List<DateOnly>();
        var sum = Counters.Zero;
        for (var week = 1; week <= weeks * 2; week++)
        {
            if (week > weeks && used.Count >= wanted)
            {
                break;
            }

            var candidate = day.AddDays(-7 * week);
            if (excluded(candidate) || counters(candidate) is not { HasData: true } c)
            {
                continue;
            }

            used.Add(candidate);
            sum += c;
        }

        if (used.Count == 0)
        {
            return null;
        }

        var value = metric.Value(sum);
        if (value is not { } v)
        {
            return null;
        }

        return new BaselineValue(AlertMetrics.IsAdditive(metric) ? v / used.Count : v, used);
    }

    /// <summary>The days a campaign covers (warm-up included) in a shop.</summary>
    public static Func<DateOnly, bool> CampaignDays(IEnumerable<Campaign> campaigns, string shop)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        var ranges = campaigns.Where(c => c.Shop == shop).Select(c => (From: c.WarmupStart ?? c.Start, To: c.End)).ToArray();
        return day => ranges.Any(r => day >= r.From && day <= r.To);
    }
}
