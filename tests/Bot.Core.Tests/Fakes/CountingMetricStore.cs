using Bot.Core.Metrics;
using Bot.Core.Periods;

namespace Bot.Core.Tests.Fakes;

/// <summary>Counts the store calls a command makes (each call is one SQL round trip in the real store), then delegates.</summary>
/// <remarks><see cref="Before"/> can hold a call back (e.g. to show that nobody waits for a reload).</remarks>
public sealed class CountingMetricStore(IMetricStore inner) : IMetricStore
{
    private readonly List<string> _calls = [];

    /// <summary>The calls since the last <see cref="Reset"/>, by method name.</summary>
    public IReadOnlyList<string> Calls => _calls;

    /// <summary>Awaited with the method name before each call is passed on.</summary>
    public Func<string, Task>? Before { get; set; }

    public void Reset() => _calls.Clear();

    public Task<IReadOnlyList<CounterRow>> SumCountersAsync(CounterQuery query, CancellationToken cancellationToken) =>
        Count(nameof(SumCountersAsync), () => inner.SumCountersAsync(query, cancellationToken));

    public Task<IReadOnlyList<DayChannelRow>> SumCountersByDayAndChannelAsync(DateRange range, string? shop, IReadOnlyList<string>? channels, CancellationToken cancellationToken) =>
        Count(nameof(SumCountersByDayAndChannelAsync), () => inner.SumCountersByDayAndChannelAsync(range, shop, channels, cancellationToken));

    public Task<IReadOnlyList<ShopRangeRow>> SumCountersPerShopAsync(IReadOnlyList<ShopRange> items, CounterGrouping groupBy, CancellationToken cancellationToken) =>
        Count(nameof(SumCountersPerShopAsync), () => inner.SumCountersPerShopAsync(items, groupBy, cancellationToken));

    public Task<DateOnly?> GetLastDataDayAsync(string? shop, CancellationToken cancellationToken) =>
        Count(nameof(GetLastDataDayAsync), () => inner.GetLastDataDayAsync(shop, cancellationToken));

    public Task<IReadOnlyList<ShopInfo>> ListShopsAsync(CancellationToken cancellationToken) =>
        Count(nameof(ListShopsAsync), () => inner.ListShopsAsync(cancellationToken));

    public Task<IReadOnlyList<ChannelInfo>> ListChannelsAsync(CancellationToken cancellationToken) =>
        Count(nameof(ListChannelsAsync), () => inner.ListChannelsAsync(cancellationToken));

    public Task<IReadOnlyList<SkuStats>> GetSkuStatsAsync(DateRange range, string? shop, CancellationToken cancellationToken) =>
        Count(nameof(GetSkuStatsAsync), () => inner.GetSkuStatsAsync(range, shop, cancellationToken));

    public Task<IReadOnlyList<Campaign>> ListCampaignsAsync(string? shop, CancellationToken cancellationToken) =>
        Count(nameof(ListCampaignsAsync), () => inner.ListCampaignsAsync(shop, cancellationToken));

    public Task<IReadOnlyList<CampaignCost>> GetCampaignCostsAsync(string shop, string campaign, CancellationToken cancellationToken) =>
        Count(nameof(GetCampaignCostsAsync), () => inner.GetCampaignCostsAsync(shop, campaign, cancellationToken));

    public Task<IReadOnlyList<IReadOnlyList<CampaignCost>>> GetCampaignCostsAsync(IReadOnlyList<Campaign> runs, CancellationToken cancellationToken) =>
        Count(nameof(GetCampaignCostsAsync), () => inner.GetCampaignCostsAsync(runs, cancellationToken));

    public Task<IReadOnlyList<Goal>> GetGoalsAsync(string? shop, CancellationToken cancellationToken) =>
        Count(nameof(GetGoalsAsync), () => inner.GetGoalsAsync(shop, cancellationToken));

    public Task<BuyerSummary> GetBuyerSummaryAsync(string? shop, DateOnly asOf, DateRange period, int dormantDays, CancellationToken cancellationToken) =>
        Count(nameof(GetBuyerSummaryAsync), () => inner.GetBuyerSummaryAsync(shop, asOf, period, dormantDays, cancellationToken));

    private async Task<T> Count<T>(string method, Func<Task<T>> call)
    {
        _calls.Add(method);
        if (Before is { } before)
        {
            await before(method);
        }

        return await call();
    }
}
