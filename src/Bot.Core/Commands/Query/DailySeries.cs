using System.Globalization;
using Bot.Core.Metrics;
using Bot.Core.Periods;

namespace Bot.Core.Commands.Query;

/// <summary>A metric day by day over a range (null on days without data), from one grouped store call.</summary>
public static class DailySeries
{
    public static async Task<IReadOnlyList<(DateOnly Day, double? Value)>> LoadAsync(
        IMetricStore store, QueryArgs args, DateRange range, MetricDefinition metric, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(metric);
        var days = (await store.SumCountersAsync(args.Counters(range, CounterGrouping.Day), cancellationToken))
            .ToDictionary(r => r.Key, r => r.Counters);
        return [.. range.EachDay().Select(d => (d, days.TryGetValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), out var c) ? metric.Value(c) : null))];
    }
}
