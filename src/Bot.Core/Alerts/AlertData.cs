using System.Globalization;
using Bot.Core.Metrics;
using Bot.Core.Periods;

namespace Bot.Core.Alerts;

/// <summary>One place a rule is evaluated: a shop (optionally a channel or SKU category), or one goal of a shop.</summary>
/// <param name="Key">Stable across evaluations: <c>shop:tmall|channel:live</c>, <c>shop:tmall|goal:2026-06</c>.</param>
public sealed record AlertTarget(string Key, string Label, string Shop, string? Channel, string? Category, Goal? Goal = null);

/// <summary>The metric data of one evaluation run, read once and shared by every rule (per shop × channel series, campaigns, goals).</summary>
/// <remarks>Not thread-safe: one run uses it from one flow. Series cover <see cref="Window"/>; days outside it read as no data.</remarks>
public sealed class AlertData(IMetricStore store, DateRange window)
{
    private readonly Dictionary<(string Shop, string? Channel), IReadOnlyDictionary<DateOnly, Counters>> _series = [];
    private readonly Dictionary<(DateRange Range, string Shop), IReadOnlyList<SkuStats>> _skus = [];
    private readonly Dictionary<(DateRange Range, string Shop, string? Channel), Counters> _sums = [];
    private IReadOnlyList<ShopInfo>? _shops;
    private IReadOnlyList<ChannelInfo>? _channels;
    private IReadOnlyList<Campaign>? _campaigns;
    private IReadOnlyList<Goal>? _goals;

    public DateRange Window { get; } = window;

    public IMetricStore Store { get; } = store;

    public async Task<IReadOnlyList<ShopInfo>> ShopsAsync(CancellationToken cancellationToken) =>
        _shops ??= await Store.ListShopsAsync(cancellationToken);

    public async Task<IReadOnlyList<ChannelInfo>> ChannelsAsync(CancellationToken cancellationToken) =>
        _channels ??= await Store.ListChannelsAsync(cancellationToken);

    public async Task<IReadOnlyList<Campaign>> CampaignsAsync(CancellationToken cancellationToken) =>
        _campaigns ??= await Store.ListCampaignsAsync(null, cancellationToken);

    public async Task<IReadOnlyList<Goal>> GoalsAsync(CancellationToken cancellationToken) =>
        _goals ??= await Store.GetGoalsAsync(null, cancellationToken);

    /// <summary>Daily counters of a shop (one channel or all), keyed by day; days without rows are absent.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, Counters>> SeriesAsync(string shop, string? channel, CancellationToken cancellationToken)
    {
        if (_series.TryGetValue((shop, channel), out var cached))
        {
            return cached;
        }

        var rows = await Store.SumCountersAsync(new CounterQuery(Window, shop, channel is null ? null : [channel], CounterGrouping.Day), cancellationToken);
        var series = rows.ToDictionary(r => DateOnly.ParseExact(r.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture), r => r.Counters);
        _series[(shop, channel)] = series;
        return series;
    }

    public async Task<IReadOnlyList<SkuStats>> SkuStatsAsync(DateRange range, string shop, CancellationToken cancellationToken)
    {
        if (!_skus.TryGetValue((range, shop), out var stats))
        {
            stats = await Store.GetSkuStatsAsync(range, shop, cancellationToken);
            _skus[(range, shop)] = stats;
        }

        return stats;
    }

    public async Task<Counters> SumAsync(DateRange range, string shop, string? channel, CancellationToken cancellationToken)
    {
        if (!_sums.TryGetValue((range, shop, channel), out var sum))
        {
            var rows = await Store.SumCountersAsync(new CounterQuery(range, shop, channel is null ? null : [channel]), cancellationToken);
            sum = rows.Count == 0 ? Counters.Zero : rows[0].Counters;
            _sums[(range, shop, channel)] = sum;
        }

        return sum;
    }
}
