using Bot.Core.Commands.Funnel;
using Bot.Core.Commands.Goals;
using Bot.Core.Commands.Products;
using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Periods;

namespace Bot.Core.Push;

/// <summary>Loads <see cref="WeeklyTodoData"/> through the metric store, reusing the funnel, inventory and goal logic.</summary>
public sealed class WeeklyTodoLoader(QueryServices query, Benchmarks benchmarks)
{
    /// <param name="sendDay">The local day the list is sent; the data ends the day before.</param>
    public async Task<WeeklyTodoData> LoadAsync(DateOnly sendDay, string? shop, CancellationToken cancellationToken)
    {
        var store = query.Store;
        var weekStart = PushKinds.TodoWeek(sendDay);
        var sendWeekMonday = sendDay.AddDays(-(((int)sendDay.DayOfWeek + 6) % 7));
        var lastWeek = new DateRange(sendWeekMonday.AddDays(-7), sendWeekMonday.AddDays(-1));
        var yesterday = sendDay.AddDays(-1);

        var totals = await Comparison.SumAsync(store, new CounterQuery(lastWeek, shop), cancellationToken);
        var previousTotals = await Comparison.SumAsync(store, new CounterQuery(lastWeek.Previous(), shop), cancellationToken);
        var channels = await store.SumCountersAsync(new CounterQuery(lastWeek, shop, null, CounterGrouping.Channel), cancellationToken);
        var lastDataDay = await store.GetLastDataDayAsync(shop, cancellationToken);

        var month = new DateRange(sendDay.AddDays(-30), yesterday);
        var week = new DateRange(sendDay.AddDays(-7), yesterday);
        var monthStats = await store.GetSkuStatsAsync(month, shop, cancellationToken);
        var health = monthStats.Count == 0 ? [] : InventoryReport.Assess(monthStats, await store.GetSkuStatsAsync(week, shop, cancellationToken), month.Days, week.Days);
        var slow = InventoryReport.SlowMovers(health, benchmarks).Take(5).ToList();
        var trials = InventoryReport.TrialsToScale(monthStats, sendDay, benchmarks).Take(5).ToList();

        var buyers = await store.GetBuyerSummaryAsync(shop, yesterday, month, benchmarks.DormantDays, cancellationToken);
        var goals = await GoalsBehindAsync(shop, yesterday, cancellationToken);
        var horizon = new DateRange(weekStart, weekStart.AddDays(13));
        var campaigns = (await store.ListCampaignsAsync(shop, cancellationToken))
            .Where(c => horizon.Contains(c.Start) || (c.WarmupStart is { } w && horizon.Contains(w)))
            .ToList();

        var refs = await query.Reference.GetAsync(cancellationToken);
        var scope = shop is null ? "All shops" : refs.ShopName(shop);
        return new WeeklyTodoData(
            weekStart,
            lastWeek,
            scope,
            totals,
            lastDataDay,
            channels,
            FunnelReport.Steps(totals, benchmarks),
            previousTotals.HasData ? FunnelReport.Steps(previousTotals, benchmarks) : [],
            slow,
            trials,
            buyers.Buyers > 0 ? buyers : null,
            benchmarks.DormantDays,
            goals,
            campaigns);
    }

    /// <summary>Goals running on <paramref name="asOf"/> that are behind: additive ones below pace 1, rate ones not met.</summary>
    private async Task<IReadOnlyList<GoalBehind>> GoalsBehindAsync(string? shop, DateOnly asOf, CancellationToken cancellationToken)
    {
        var behind = new List<GoalBehind>();
        foreach (var goal in await query.Store.GetGoalsAsync(shop, cancellationToken))
        {
            if (GoalPeriod.Parse(goal.Period) is not { } period || !period.Contains(asOf))
            {
                continue;
            }

            var metric = MetricCatalog.Find(goal.Metric.ToLowerInvariant())?.Metric ?? MetricCatalog.Gmv;
            var counters = await Comparison.SumAsync(query.Store, new CounterQuery(new DateRange(period.From, asOf), goal.Shop, goal.Channel is null ? null : [goal.Channel]), cancellationToken);
            if (!counters.HasData)
            {
                continue;
            }

            var actual = metric.Value(counters) ?? 0;
            if (metric.Kind is MetricKind.Rate or MetricKind.Ratio)
            {
                var met = metric.HigherIsBetter ? actual >= (double)goal.Target : actual <= (double)goal.Target;
                if (!met)
                {
                    behind.Add(new GoalBehind(goal, metric.Name, metric.Kind, actual, null));
                }

                continue;
            }

            var progress = new GoalProgress(period, asOf, (double)goal.Target, actual);
            if (progress.Pace is < 1)
            {
                behind.Add(new GoalBehind(goal, metric.Name, metric.Kind, actual, progress.Pace));
            }
        }

        return [.. behind.OrderBy(g => g.Pace ?? 0)];
    }
}
