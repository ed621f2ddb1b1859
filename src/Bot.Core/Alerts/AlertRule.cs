using Bot.Core.Messaging;
using Bot.Core.Metrics;

namespace Bot.Core.Alerts;

/// <summary>What a rule compares the metric with.</summary>
public enum AlertKind
{
    /// <summary>The metric's own trailing baseline (same weekday, campaign days left out); <see cref="AlertCondition.Limit"/> is a factor of it.</summary>
    Baseline,

    /// <summary>The industry benchmark (domain.md §3); <see cref="AlertCondition.Limit"/> is a factor of it.</summary>
    Benchmark,

    /// <summary>A fixed number in the metric's unit (a rate as a fraction, money in yuan, a count, seconds).</summary>
    Threshold,

    /// <summary>Days of cover of the selling SKUs (stock ÷ units sold per day over the last 7 days); <see cref="AlertCondition.Limit"/> is days.</summary>
    StockCover,

    /// <summary>Goal pace (actual ÷ target × elapsed share); <see cref="AlertCondition.Limit"/> is the lowest acceptable pace.</summary>
    GoalPace,
}

public enum AlertDirection
{
    Below,
    Above,
}

/// <summary>When a day breaches: the metric is <see cref="Direction"/> the limit.</summary>
/// <param name="Limit">A factor of the reference for <see cref="AlertKind.Baseline"/>, <see cref="AlertKind.Benchmark"/> and
/// <see cref="AlertKind.GoalPace"/> (0.85 = 15 % below); otherwise an absolute value.</param>
public sealed record AlertCondition(AlertKind Kind, AlertDirection Direction, double Limit)
{
    public bool IsRelative => Kind is AlertKind.Baseline or AlertKind.Benchmark or AlertKind.GoalPace;

    /// <summary>The value a day is compared with, given the reference (baseline, benchmark; ignored for absolute limits).</summary>
    public double LimitFor(double? reference) => IsRelative ? Limit * (reference ?? double.NaN) : Limit;

    public bool Breached(double value, double limit) => Direction == AlertDirection.Below ? value < limit : value > limit;
}

/// <summary>Where a rule looks: one shop or every shop, optionally one channel or one SKU category.</summary>
public sealed record AlertScope(string? Shop = null, string? Channel = null, string? Category = null)
{
    public static AlertScope All { get; } = new();
}

/// <summary>A person named on a rule or incident. Ids are null when only a name is known (e.g. <c>owner @name</c> without mention ids).</summary>
public sealed record AlertPerson(string Name, string? Id = null, string? AadObjectId = null)
{
    public static AlertPerson From(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new AlertPerson(string.IsNullOrWhiteSpace(caller.Name) ? caller.Id : caller.Name, caller.Id, caller.AadObjectId);
    }

    /// <summary>True when <paramref name="caller"/> is this person by id — never by display name, which is not unique.</summary>
    public bool Is(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return (Id is not null && string.Equals(Id, caller.Id, StringComparison.OrdinalIgnoreCase))
            || (AadObjectId is not null && caller.AadObjectId is not null && string.Equals(AadObjectId, caller.AadObjectId, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>A parsed rule before it is saved: what to watch, when it breaches, for how many days, where, and whose it is.</summary>
/// <param name="MetricKey">A <see cref="MetricCatalog"/> key, or <see cref="AlertRule.StockCoverKey"/>.</param>
/// <param name="OwnerName">The name after <c>owner</c>, as written; null = the creator owns the rule.</param>
public sealed record AlertRuleDraft(string MetricKey, AlertCondition Condition, int ForDays, AlertScope Scope, string? OwnerName);

/// <summary>A saved threshold-alert rule.</summary>
/// <param name="Text">The rule as the user typed it (after the verb), kept for the list and the audit.</param>
/// <param name="Conversation">The conversation the rule was created in (channel id + conversation id), for reference.</param>
public sealed record AlertRule(
    long Id,
    string Text,
    string MetricKey,
    AlertCondition Condition,
    int ForDays,
    AlertScope Scope,
    AlertPerson Owner,
    AlertPerson CreatedBy,
    DateTimeOffset CreatedAt,
    string? Conversation)
{
    public const string StockCoverKey = "stock cover";

    /// <summary>The metric watched (null for stock cover, which is not a counter metric).</summary>
    public MetricDefinition? Metric => AlertMetrics.Find(MetricKey);

    public string Describe() => AlertRuleText.Describe(this);

    /// <summary>May mute the rule's incidents or remove it: the owner, the creator, or the assignee of one of its incidents (checked by the caller).</summary>
    public bool IsOwnedBy(Caller caller) => Owner.Is(caller) || CreatedBy.Is(caller);

    public static AlertRule FromDraft(AlertRuleDraft draft, string text, AlertPerson owner, AlertPerson createdBy, DateTimeOffset createdAt, string? conversation)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new AlertRule(0, text, draft.MetricKey, draft.Condition, draft.ForDays, draft.Scope, owner, createdBy, createdAt, conversation);
    }
}

/// <summary>Metric facts the alert rules need beyond <see cref="MetricCatalog"/>.</summary>
public static class AlertMetrics
{
    private static readonly HashSet<string> AdditiveKeys = new(StringComparer.Ordinal)
    {
        MetricCatalog.Gmv.Key, MetricCatalog.Visitors.Key, MetricCatalog.Orders.Key, MetricCatalog.Buyers.Key, MetricCatalog.AdCost.Key,
    };

    public static MetricDefinition? Find(string key) => MetricCatalog.All.FirstOrDefault(m => m.Key == key);

    /// <summary>Sums of days (GMV, visitors …): a baseline is their daily average. Ratios are ratios of summed counters.</summary>
    public static bool IsAdditive(MetricDefinition metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return AdditiveKeys.Contains(metric.Key);
    }

    /// <summary>The industry benchmark of a metric (domain.md §3), or null when there is none.</summary>
    /// <remarks>Conversion uses the middle of the 2–4 % industry range.</remarks>
    public static double? Benchmark(MetricDefinition metric, Benchmarks benchmarks)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(benchmarks);
        return metric.Key switch
        {
            "conversion" => (benchmarks.ConversionLow + benchmarks.ConversionHigh) / 2,
            "new visitor share" => benchmarks.NewVisitorShare,
            "avg stay" => benchmarks.MinAverageStaySeconds,
            _ => null,
        };
    }

    public static IReadOnlyList<MetricDefinition> WithBenchmark { get; } = [MetricCatalog.Conversion, MetricCatalog.NewVisitorShare, MetricCatalog.AvgStay];
}
