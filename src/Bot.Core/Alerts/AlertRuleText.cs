using System.Globalization;
using Bot.Core.Metrics;

namespace Bot.Core.Alerts;

/// <summary>Writes a rule back in plain English, the same way whichever language it was typed in.</summary>
public static class AlertRuleText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"Conversion 15% below baseline for 3 days in a row".</summary>
    public static string Describe(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Describe(rule.MetricKey, rule.Condition, rule.ForDays);
    }

    public static string Describe(string metricKey, AlertCondition condition, int forDays)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var metric = AlertMetrics.Find(metricKey);
        var name = metric?.Name ?? "Stock cover";
        var direction = condition.Direction == AlertDirection.Below ? "below" : "above";
        var text = condition.Kind switch
        {
            AlertKind.Baseline => $"{name} {Relative(condition, "baseline")}",
            AlertKind.Benchmark => Near(condition.Limit, 1)
                ? $"{name} {direction} benchmark"
                : $"{name} {direction} {Percent(condition.Limit)} of benchmark",
            AlertKind.Threshold => $"{name} {direction} {Amount(condition.Limit, metric?.Kind ?? MetricKind.Count)}",
            AlertKind.StockCover => $"Stock cover below {condition.Limit.ToString("0.#", Invariant)} days",
            AlertKind.GoalPace => Near(condition.Limit, 1)
                ? $"{name} goal behind pace"
                : $"{name} goal more than {Percent(1 - condition.Limit)} behind pace",
            _ => throw new ArgumentOutOfRangeException(nameof(condition)),
        };
        return forDays > 1 ? text + string.Create(Invariant, $" for {forDays} days in a row") : text;
    }

    /// <summary>"shop tmall-flagship · channel live" or "every shop".</summary>
    public static string Scope(AlertScope scope, Func<string, string>? shopName = null, Func<string, string>? channelName = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var parts = new List<string> { scope.Shop is { } shop ? "shop " + (shopName?.Invoke(shop) ?? shop) : "every shop" };
        if (scope.Channel is { } channel)
        {
            parts.Add("channel " + (channelName?.Invoke(channel) ?? channel));
        }

        if (scope.Category is { } category)
        {
            parts.Add("category " + category);
        }

        return string.Join(" · ", parts);
    }

    /// <summary>A limit in the metric's unit, without needless decimals: 8%, ¥1,200, 3,000, 180s.</summary>
    public static string Amount(double value, MetricKind kind) => kind switch
    {
        MetricKind.Rate => Percent(value),
        MetricKind.Money => "¥" + value.ToString("#,0.##", Invariant),
        MetricKind.Seconds => value.ToString("0.#", Invariant) + "s",
        _ => value.ToString("#,0.##", Invariant),
    };

    public static string Percent(double fraction) => (fraction * 100).ToString("0.##", Invariant) + "%";

    private static string Relative(AlertCondition condition, string reference)
    {
        var f = condition.Limit;
        if (Near(f, 1))
        {
            return (condition.Direction == AlertDirection.Below ? "below " : "above ") + reference;
        }

        if (condition.Direction == AlertDirection.Above && f >= 2)
        {
            return $"above {f.ToString("0.##", Invariant)}× {reference}";
        }

        return condition.Direction == AlertDirection.Below
            ? $"{Percent(1 - f)} below {reference}"
            : $"{Percent(f - 1)} above {reference}";
    }

    private static bool Near(double a, double b) => Math.Abs(a - b) < 1e-9;
}
