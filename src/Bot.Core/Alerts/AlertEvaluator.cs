using System.Globalization;
using Bot.Core.Commands.Goals;
using Bot.Core.Commands.Products;
using Bot.Core.Metrics;
using Bot.Core.Periods;

namespace Bot.Core.Alerts;

/// <summary>Checks a rule day by day in each of its scopes: value, reference, limit, breached or no data.</summary>
/// <remarks>Reads through <see cref="AlertData"/>; the comparisons themselves are pure (<see cref="AlertBaseline"/>, <see cref="AlertCondition"/>).</remarks>
public sealed class AlertEvaluator(Benchmarks benchmarks, AlertOptions options)
{
    /// <summary>Days of sales the cover is computed from (the inventory report's "current speed").</summary>
    private const int CoverSalesDays = 7;

    /// <summary>How many days of history a rule needs before the first day evaluated: streaks and same-weekday baselines.</summary>
    public int HistoryDays(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.ForDays + (2 * Math.Max(7, options.BaselineDays)) + 1;
    }

    /// <summary>The scopes of a rule: the named shop or every shop; for goal rules each matching goal running on <paramref name="asOf"/>.</summary>
    public static async Task<IReadOnlyList<AlertTarget>> TargetsAsync(AlertRule rule, AlertData data, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(data);
        var shops = await data.ShopsAsync(cancellationToken);
        var channels = await data.ChannelsAsync(cancellationToken);
        var shopNames = shops.ToDictionary(s => s.Code, s => s.Name, StringComparer.Ordinal);
        string ShopLabel(string code) => shopNames.GetValueOrDefault(code) ?? code;
        var channelLabel = rule.Scope.Channel is { } ch ? " · " + (channels.FirstOrDefault(c => c.Code == ch)?.Name ?? ch) : string.Empty;
        var channelKey = rule.Scope.Channel is { } c2 ? "|channel:" + c2 : string.Empty;
        var inScope = shops.Where(s => rule.Scope.Shop is null || s.Code == rule.Scope.Shop).Select(s => s.Code).ToList();

        if (rule.Condition.Kind == AlertKind.GoalPace)
        {
            var goals = await data.GoalsAsync(cancellationToken);
            return [.. goals
                .Where(g => inScope.Contains(g.Shop) && g.Channel == rule.Scope.Channel && SameMetric(g, rule.MetricKey))
                .Where(g => GoalPeriod.Parse(g.Period) is { } period && period.Contains(asOf))
                .OrderBy(g => g.Shop, StringComparer.Ordinal).ThenBy(g => g.Period, StringComparer.Ordinal)
                .Select(g => new AlertTarget($"shop:{g.Shop}|goal:{g.Period}{channelKey}", $"{ShopLabel(g.Shop)}{channelLabel} · goal {g.Period}", g.Shop, g.Channel, null, g))];
        }

        var categoryKey = rule.Scope.Category is { } cat ? "|category:" + cat : string.Empty;
        var categoryLabel = rule.Scope.Category is { } cat2 ? " · " + cat2 : string.Empty;
        return [.. inScope.Select(s => new AlertTarget($"shop:{s}{channelKey}{categoryKey}", ShopLabel(s) + channelLabel + categoryLabel, s, rule.Scope.Channel, rule.Scope.Category))];
    }

    /// <summary>One outcome per day of <paramref name="days"/>, oldest first.</summary>
    public async Task<IReadOnlyList<DayOutcome>> OutcomesAsync(AlertRule rule, AlertTarget target, DateRange days, AlertData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(data);
        return rule.Condition.Kind switch
        {
            AlertKind.StockCover => await StockOutcomesAsync(rule, target, days, data, cancellationToken),
            AlertKind.GoalPace => await GoalOutcomesAsync(rule, target, days, data, cancellationToken),
            _ => await MetricOutcomesAsync(rule, target, days, data, cancellationToken),
        };
    }

    private async Task<IReadOnlyList<DayOutcome>> MetricOutcomesAsync(AlertRule rule, AlertTarget target, DateRange days, AlertData data, CancellationToken cancellationToken)
    {
        var metric = rule.Metric ?? throw new InvalidOperationException($"Rule {rule.Id} names no known metric ('{rule.MetricKey}').");
        var series = await data.SeriesAsync(target.Shop, target.Channel, cancellationToken);
        var campaigns = options.ExcludeCampaignDays ? AlertBaseline.CampaignDays(await data.CampaignsAsync(cancellationToken), target.Shop) : _ => false;
        Counters? Counters(DateOnly d) => series.TryGetValue(d, out var c) ? c : null;
        var benchmark = AlertMetrics.Benchmark(metric, benchmarks);

        return [.. days.EachDay().Select(day =>
        {
            if (Counters(day) is not { HasData: true } counters)
            {
                return DayOutcome.NoData(day, $"no data for {Day(day)}");
            }

            if (metric.Value(counters) is not { } value)
            {
                return DayOutcome.NoData(day, $"{metric.Name} cannot be computed for {Day(day)} (nothing to divide by)");
            }

            double? reference = null;
            switch (rule.Condition.Kind)
            {
                case AlertKind.Baseline when campaigns(day):
                    // A campaign day is not "normal": comparing it with a normal baseline would alert on every 618.
                    return DayOutcome.Campaign(day);
                case AlertKind.Baseline:
                    if (AlertBaseline.Compute(day, metric, Counters, campaigns, options.BaselineDays) is not { } baseline)
                    {
                        return DayOutcome.NoData(day, $"no baseline for {Day(day)} (no same-weekday data in the trailing {options.BaselineDays} days outside campaigns)");
                    }

                    reference = baseline.Value;
                    break;
                case AlertKind.Benchmark:
                    reference = benchmark;
                    break;
            }

            var limit = rule.Condition.LimitFor(reference);
            return new DayOutcome(day, value, reference, limit, rule.Condition.Breached(value, limit));
        })];
    }

    private static async Task<IReadOnlyList<DayOutcome>> StockOutcomesAsync(AlertRule rule, AlertTarget target, DateRange days, AlertData data, CancellationToken cancellationToken)
    {
        var outcomes = new List<DayOutcome>(days.Days);
        foreach (var day in days.EachDay())
        {
            var today = await data.SkuStatsAsync(DateRange.Day(day), target.Shop, cancellationToken);
            if (!InCategory(today, target.Category).Any())
            {
                outcomes.Add(DayOutcome.NoData(day, target.Category is null ? $"no SKU data for {Day(day)}" : $"no SKU data in category {target.Category} for {Day(day)}"));
                continue;
            }

            // Cover = stock at the end of the day ÷ units sold per day over the last week (the inventory report's rule).
            var week = await data.SkuStatsAsync(new DateRange(day.AddDays(-(CoverSalesDays - 1)), day), target.Shop, cancellationToken);
            var selling = InCategory(week, target.Category).ToList();
            var health = InventoryReport.Assess(selling, selling, CoverSalesDays, CoverSalesDays);

            // Cover is null for SKUs that did not sell lately: they cannot run out, so they do not count.
            var covered = health.Where(h => h.CoverDays is not null).OrderBy(h => h.CoverDays).ToList();
            var low = covered.Where(h => h.CoverDays < rule.Condition.Limit).ToList();
            var detail = low.Count == 0
                ? null
                : string.Join(", ", low.Take(5).Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Sku.Sku} {h.Sku.Name} ({h.CoverDays:0.#} d)")))
                  + (low.Count > 5 ? string.Create(CultureInfo.InvariantCulture, $" and {low.Count - 5} more") : string.Empty);
            outcomes.Add(new DayOutcome(day, covered.FirstOrDefault()?.CoverDays, null, rule.Condition.Limit, low.Count > 0, detail));
        }

        return outcomes;
    }

    private static async Task<IReadOnlyList<DayOutcome>> GoalOutcomesAsync(AlertRule rule, AlertTarget target, DateRange days, AlertData data, CancellationToken cancellationToken)
    {
        var goal = target.Goal ?? throw new InvalidOperationException("A goal target carries its goal.");
        var metric = rule.Metric ?? MetricCatalog.Gmv;
        var period = GoalPeriod.Parse(goal.Period);
        var series = await data.SeriesAsync(target.Shop, target.Channel, cancellationToken);
        var outcomes = new List<DayOutcome>(days.Days);
        foreach (var day in days.EachDay())
        {
            if (period is not { } p || !p.Contains(day))
            {
                outcomes.Add(DayOutcome.NoData(day, $"goal {goal.Period} is not running on {Day(day)}"));
                continue;
            }

            if (!series.TryGetValue(day, out var dayCounters) || !dayCounters.HasData)
            {
                outcomes.Add(DayOutcome.NoData(day, $"no data for {Day(day)}"));
                continue;
            }

            var sum = await data.SumAsync(new DateRange(p.From, day), target.Shop, target.Channel, cancellationToken);
            var actual = metric.Value(sum) ?? 0;
            var progress = new GoalProgress(p, day, (double)goal.Target, actual);
            if (progress.Pace is not { } pace)
            {
                outcomes.Add(DayOutcome.NoData(day, $"goal {goal.Period} has no target to pace against"));
                continue;
            }

            var detail = string.Create(CultureInfo.InvariantCulture, $"{metric.Name} {AlertRuleText.Amount(actual, metric.Kind)} of {AlertRuleText.Amount(progress.Target, metric.Kind)} after {progress.ElapsedDays} of {p.Days} days");
            outcomes.Add(new DayOutcome(day, pace, progress.Target, rule.Condition.Limit, pace < rule.Condition.Limit, detail));
        }

        return outcomes;
    }

    private static IEnumerable<SkuStats> InCategory(IEnumerable<SkuStats> skus, string? category) =>
        category is null ? skus : skus.Where(s => string.Equals(s.Category, category, StringComparison.OrdinalIgnoreCase));

    private static bool SameMetric(Goal goal, string metricKey) =>
        (MetricCatalog.Find(goal.Metric.ToLowerInvariant())?.Metric.Key ?? goal.Metric.ToLowerInvariant()) == metricKey;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
