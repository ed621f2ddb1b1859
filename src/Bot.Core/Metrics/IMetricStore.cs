using Bot.Core.Periods;

namespace Bot.Core.Metrics;

/// <summary>How counter sums are grouped.</summary>
public enum CounterGrouping
{
    None,
    Channel,
    Day,
    Shop,
}

/// <summary>Which counters to sum: a date range, optionally one shop (null = all shops) and some channels (empty = all).</summary>
public sealed record CounterQuery(DateRange Range, string? Shop = null, IReadOnlyList<string>? Channels = null, CounterGrouping GroupBy = CounterGrouping.None);

/// <summary>One group of summed counters; <see cref="Key"/> is the channel code, the day (yyyy-MM-dd) or the shop code.</summary>
public sealed record CounterRow(string Key, Counters Counters);

/// <summary>One channel's counters on one day (DaysWithData is 1).</summary>
public sealed record DayChannelRow(DateOnly Day, string Channel, Counters Counters);

/// <summary>One shop over its own date range: an item of a batch of sums (campaign runs of many shops, goals of many shops).</summary>
public sealed record ShopRange(string Shop, DateRange Range);

/// <summary>A group of a <see cref="ShopRange"/>'s counters: <see cref="Item"/> indexes the batch, <see cref="Key"/> is as in <see cref="CounterRow"/>.</summary>
public sealed record ShopRangeRow(int Item, string Key, Counters Counters);

public sealed record ShopInfo(string Code, string Name, IReadOnlyList<string> Aliases);

public sealed record ChannelInfo(string Code, string Name, string ChineseName, IReadOnlyList<string> Aliases);

/// <summary>Per-SKU totals over a range, with stock for turnover and cover.</summary>
/// <param name="StockEnd">Stock on hand on the last day of the range with data (null if never reported).</param>
/// <param name="AvgStock">Average stock over the days with data in the range.</param>
public sealed record SkuStats(
    string Sku,
    string Name,
    string Category,
    long UnitsSold,
    decimal Gmv,
    long ProductVisitors,
    long PaidBuyers,
    long? StockEnd,
    double? AvgStock,
    DateOnly? LaunchDate,
    double? Rating,
    int DaysWithData)
{
    public double? Conversion => ProductVisitors == 0 ? null : (double)PaidBuyers / ProductVisitors;
}

public sealed record Campaign(
    string Name,
    IReadOnlyList<string> Aliases,
    string Shop,
    DateOnly Start,
    DateOnly End,
    DateOnly? WarmupStart,
    decimal? TargetGmv)
{
    public DateRange Window => new(Start, End);
}

public sealed record CampaignCost(string Channel, decimal Cost, string? Note);

/// <param name="Period">"2026", "2026-Q3" or "2026-06".</param>
public sealed record Goal(string Shop, string Metric, string Period, decimal Target, string? Channel);

/// <summary>Aggregates of the buyer snapshot, computed in SQL (domain.md §2 Users).</summary>
public sealed record BuyerSummary(
    long Buyers,
    long RepeatBuyers,
    long DormantBuyers,
    long NewBuyers,
    long Orders,
    decimal TotalSpent,
    double AvgLifetimeDays,
    IReadOnlyDictionary<string, long> Segments,
    IReadOnlyDictionary<string, long> Tiers);

/// <summary>Port: read access to the metric store. Implemented in Bot.Storage with aggregation in SQL.</summary>
public interface IMetricStore
{
    /// <summary>Sums counters; one row per group (or a single row keyed "all" for <see cref="CounterGrouping.None"/>).</summary>
    /// <remarks>Groups without data are absent. For <see cref="CounterGrouping.None"/> the row is always present, with DaysWithData 0 when empty.</remarks>
    Task<IReadOnlyList<CounterRow>> SumCountersAsync(CounterQuery query, CancellationToken cancellationToken);

    /// <summary>Counters per day and channel over a range, one shop (null = all shops) and some channels (null or empty = all).</summary>
    /// <remarks>Ordered by day, then channel as <see cref="SumCountersAsync"/> orders channels; pairs without data are absent.</remarks>
    Task<IReadOnlyList<DayChannelRow>> SumCountersByDayAndChannelAsync(DateRange range, string? shop, IReadOnlyList<string>? channels, CancellationToken cancellationToken);

    /// <summary>
    /// Sums counters for many shops at once, each item over its own range, grouped by channel or not at all: the same rows as one
    /// <see cref="SumCountersAsync"/> per item (<c>new CounterQuery(item.Range, item.Shop, null, groupBy)</c>), in one round trip.
    /// </summary>
    /// <remarks>
    /// Rows come item by item in the order given, each item's channels in the order <see cref="SumCountersAsync"/> gives them.
    /// For <see cref="CounterGrouping.None"/> every item has its row (DaysWithData 0 when empty); only None and Channel are accepted.
    /// </remarks>
    Task<IReadOnlyList<ShopRangeRow>> SumCountersPerShopAsync(IReadOnlyList<ShopRange> items, CounterGrouping groupBy, CancellationToken cancellationToken);

    /// <summary>The last day with channel-day data (for one shop, or any shop), or null when the store is empty.</summary>
    Task<DateOnly?> GetLastDataDayAsync(string? shop, CancellationToken cancellationToken);

    Task<IReadOnlyList<ShopInfo>> ListShopsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ChannelInfo>> ListChannelsAsync(CancellationToken cancellationToken);

    /// <summary>All SKUs with data in the range for a shop (null = all shops), with totals and stock.</summary>
    Task<IReadOnlyList<SkuStats>> GetSkuStatsAsync(DateRange range, string? shop, CancellationToken cancellationToken);

    Task<IReadOnlyList<Campaign>> ListCampaignsAsync(string? shop, CancellationToken cancellationToken);

    Task<IReadOnlyList<CampaignCost>> GetCampaignCostsAsync(string shop, string campaign, CancellationToken cancellationToken);

    /// <summary>The fixed costs of each campaign run (shop, name and start as <see cref="ListCampaignsAsync"/> gives them), one list per run in the order given.</summary>
    /// <remarks>Each list is ordered as <see cref="GetCampaignCostsAsync(string, string, CancellationToken)"/> orders it; a run not on record gets an empty list.</remarks>
    Task<IReadOnlyList<IReadOnlyList<CampaignCost>>> GetCampaignCostsAsync(IReadOnlyList<Campaign> runs, CancellationToken cancellationToken);

    Task<IReadOnlyList<Goal>> GetGoalsAsync(string? shop, CancellationToken cancellationToken);

    /// <summary>Buyer aggregates as of a day: dormant = no order in <paramref name="dormantDays"/>, new = first order in <paramref name="period"/>.</summary>
    Task<BuyerSummary> GetBuyerSummaryAsync(string? shop, DateOnly asOf, DateRange period, int dormantDays, CancellationToken cancellationToken);
}
