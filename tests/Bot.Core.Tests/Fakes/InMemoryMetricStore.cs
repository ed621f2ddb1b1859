using System.Globalization;
using Bot.Core.Metrics;
using Bot.Core.Periods;

namespace Bot.Core.Tests.Fakes;

/// <summary>One channel-day row as a test writes it.</summary>
public sealed record DayRow(DateOnly Day, string Shop, string Channel, Counters Counters);

public sealed record SkuDayRow(DateOnly Day, string Shop, string Sku, string Name, string Category, long Units, decimal Gmv, long ProductVisitors, long PaidBuyers, long Stock, DateOnly? Launch = null);

public sealed record BuyerRow(string Shop, string Id, DateOnly First, DateOnly Last, long Orders, decimal Spent, string? Tier = null);

/// <summary>A hand-written store over lists: the reference the SQL store is compared with, and the Core tests' data source.</summary>
public sealed class InMemoryMetricStore : IMetricStore
{
    public List<DayRow> Days { get; } = [];
    public List<SkuDayRow> Skus { get; } = [];
    public List<Campaign> Campaigns { get; } = [];
    public List<(string Shop, string Campaign, CampaignCost Cost)> Costs { get; } = [];
    public List<Goal> Goals { get; } = [];
    public List<BuyerRow> Buyers { get; } = [];
    public List<ShopInfo> Shops { get; } = [new("tmall", "Tmall flagship", ["天猫"]), new("jd", "JD store", ["京东"])];
    public List<ChannelInfo> Channels { get; } =
    [
        new("natural_search", "Natural search", "自然搜索", ["search"]),
        new("live", "Live streaming", "直播", ["livestream"]),
        new("search_ads", "Search ads", "搜索广告", ["paid ads", "付费推广"]),
    ];

    public Task<IReadOnlyList<CounterRow>> SumCountersAsync(CounterQuery query, CancellationToken cancellationToken)
    {
        var rows = Days.Where(r => query.Range.Contains(r.Day) && (query.Shop is null || r.Shop == query.Shop) && (query.Channels is null || query.Channels.Count == 0 || query.Channels.Contains(r.Channel))).ToList();
        IReadOnlyList<CounterRow> result = query.GroupBy switch
        {
            CounterGrouping.None => [new CounterRow("all", Sum(rows))],
            CounterGrouping.Channel => [.. rows.GroupBy(r => r.Channel).Select(g => new CounterRow(g.Key, Sum([.. g])))],
            CounterGrouping.Shop => [.. rows.GroupBy(r => r.Shop).Select(g => new CounterRow(g.Key, Sum([.. g])))],
            CounterGrouping.Day => [.. rows.GroupBy(r => r.Day).OrderBy(g => g.Key).Select(g => new CounterRow(g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Sum([.. g])))],
            _ => throw new ArgumentOutOfRangeException(nameof(query)),
        };
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<DayChannelRow>> SumCountersByDayAndChannelAsync(DateRange range, string? shop, IReadOnlyList<string>? channels, CancellationToken cancellationToken)
    {
        var order = Channels.Select((c, i) => (c.Code, i)).ToDictionary(x => x.Code, x => x.i);
        IReadOnlyList<DayChannelRow> rows = [.. Days
            .Where(r => range.Contains(r.Day) && (shop is null || r.Shop == shop) && (channels is null || channels.Count == 0 || channels.Contains(r.Channel)))
            .GroupBy(r => (r.Day, r.Channel))
            .OrderBy(g => g.Key.Day).ThenBy(g => order.GetValueOrDefault(g.Key.Channel, int.MaxValue)).ThenBy(g => g.Key.Channel, StringComparer.Ordinal)
            .Select(g => new DayChannelRow(g.Key.Day, g.Key.Channel, Sum([.. g])))];
        return Task.FromResult(rows);
    }

    public async Task<IReadOnlyList<ShopRangeRow>> SumCountersPerShopAsync(IReadOnlyList<ShopRange> items, CounterGrouping groupBy, CancellationToken cancellationToken)
    {
        var rows = new List<ShopRangeRow>();
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var row in await SumCountersAsync(new CounterQuery(items[i].Range, items[i].Shop, null, groupBy), cancellationToken))
            {
                rows.Add(new ShopRangeRow(i, row.Key, row.Counters));
            }
        }

        return rows;
    }

    public static Counters Sum(IReadOnlyList<DayRow> rows) =>
        rows.Select(r => r.Counters).Aggregate(Counters.Zero, Counters.Add) with { DaysWithData = rows.Select(r => r.Day).Distinct().Count() };

    public Task<DateOnly?> GetLastDataDayAsync(string? shop, CancellationToken cancellationToken) =>
        Task.FromResult(Days.Where(r => shop is null || r.Shop == shop).Select(r => (DateOnly?)r.Day).DefaultIfEmpty(null).Max());

    public Task<IReadOnlyList<ShopInfo>> ListShopsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ShopInfo>>(Shops);

    public Task<IReadOnlyList<ChannelInfo>> ListChannelsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ChannelInfo>>(Channels);

    public Task<IReadOnlyList<SkuStats>> GetSkuStatsAsync(DateRange range, string? shop, CancellationToken cancellationToken)
    {
        IReadOnlyList<SkuStats> result = [.. Skus.Where(s => range.Contains(s.Day) && (shop is null || s.Shop == shop))
            .GroupBy(s => s.Sku)
            .Select(g =>
            {
                var last = g.OrderBy(s => s.Day).Last();
                return new SkuStats(g.Key, last.Name, last.Category, g.Sum(s => s.Units), g.Sum(s => s.Gmv), g.Sum(s => s.ProductVisitors), g.Sum(s => s.PaidBuyers),
                    g.Where(s => s.Day == g.Max(x => x.Day)).Sum(s => s.Stock), g.GroupBy(s => s.Day).Average(d => (double)d.Sum(s => s.Stock)), last.Launch, null, g.Select(s => s.Day).Distinct().Count());
            })];
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<Campaign>> ListCampaignsAsync(string? shop, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Campaign>>([.. Campaigns.Where(c => shop is null || c.Shop == shop)]);

    public Task<IReadOnlyList<CampaignCost>> GetCampaignCostsAsync(string shop, string campaign, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CampaignCost>>([.. Costs.Where(c => c.Shop == shop && c.Campaign == campaign).Select(c => c.Cost)]);

    public Task<IReadOnlyList<IReadOnlyList<CampaignCost>>> GetCampaignCostsAsync(IReadOnlyList<Campaign> runs, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IReadOnlyList<CampaignCost>>>([.. runs.Select(r => (IReadOnlyList<CampaignCost>)[.. Costs.Where(c => c.Shop == r.Shop && c.Campaign == r.Name).Select(c => c.Cost)])]);

    public Task<IReadOnlyList<Goal>> GetGoalsAsync(string? shop, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Goal>>([.. Goals.Where(g => shop is null || g.Shop == shop)]);

    public Task<BuyerSummary> GetBuyerSummaryAsync(string? shop, DateOnly asOf, DateRange period, int dormantDays, CancellationToken cancellationToken)
    {
        var buyers = Buyers.Where(b => shop is null || b.Shop == shop).ToList();
        var avg = buyers.Count == 0 ? 0 : buyers.Average(b => b.Spent);
        string Segment(BuyerRow b) =>
            b.Last < asOf.AddDays(-dormantDays) ? "dormant"
            : period.Contains(b.First) ? "new"
            : b.Last >= asOf.AddDays(-90) && b.Orders >= 3 && b.Spent >= avg ? "core"
            : (b.Orders >= 2 && b.Spent < avg) || (b.Orders == 1 && b.Spent >= avg) ? "potential"
            : "other";
        var segments = buyers.GroupBy(Segment).ToDictionary(g => g.Key, g => (long)g.Count());
        return Task.FromResult(new BuyerSummary(
            buyers.Count,
            buyers.Count(b => b.Orders >= 2),
            segments.GetValueOrDefault("dormant"),
            segments.GetValueOrDefault("new"),
            buyers.Sum(b => b.Orders),
            buyers.Sum(b => b.Spent),
            buyers.Count == 0 ? 0 : buyers.Average(b => b.Last.DayNumber - b.First.DayNumber),
            segments,
            buyers.Where(b => b.Tier is not null).GroupBy(b => b.Tier!).ToDictionary(g => g.Key, g => (long)g.Count())));
    }
}
