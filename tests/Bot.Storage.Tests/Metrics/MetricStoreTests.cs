using System.Globalization;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Storage.Import;
using Bot.Storage.Tests.Support;

namespace Bot.Storage.Tests.Metrics;

/// <summary>Store results against sums computed here from the very rows that were imported (first principles).</summary>
public sealed class MetricStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] ShopCodes = ["tmall-flagship", "douyin-store"];
    private static readonly string[] ChannelCodes = ["natural_search", "search_ads", "live", "private_domain"];
    private readonly TempDatabase _db = new();
    private readonly List<ChannelDay> _rows = A.Grid("2026-05-01", 45, ShopCodes, ChannelCodes);
    private readonly CancellationToken _ct = CancellationToken.None;

    public async Task InitializeAsync()
    {
        await _db.Registry.UpsertShopAsync("tmall-flagship", "天猫旗舰店", ["tmall", "天猫"], _ct);
        await _db.Registry.UpsertShopAsync("douyin-store", "抖音小店", ["douyin"], _ct);
        var result = _db.Import(ImportKind.ChannelDaily, ChannelDay.File(_rows));
        Assert.True(result.Succeeded, result.Summary);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _db.Dispose();

    private static DateRange Range(string from, string to) => new(Day(from), Day(to));

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private IEnumerable<ChannelDay> In(string from, string to) =>
        _rows.Where(r => string.CompareOrdinal(r.Date, from) >= 0 && string.CompareOrdinal(r.Date, to) <= 0);

    [Fact]
    public async Task SumCounters_AllShopsNoGrouping_EqualsTheSumOfTheRows()
    {
        var rows = await _db.Store.SumCountersAsync(new CounterQuery(Range("2026-05-10", "2026-05-16")), _ct);

        var row = Assert.Single(rows);
        Assert.Equal("all", row.Key);
        Assert.Equal(ChannelDays.Sum(In("2026-05-10", "2026-05-16")), row.Counters);
        Assert.Equal(7, row.Counters.DaysWithData);
    }

    [Fact]
    public async Task SumCounters_Ratios_AreRatiosOfSumsNotAveragesOfDailyRatios()
    {
        var rows = In("2026-05-01", "2026-05-31").Where(r => r.Shop == "douyin-store").ToList();

        var counters = (await _db.Store.SumCountersAsync(new CounterQuery(Range("2026-05-01", "2026-05-31"), "douyin"), _ct))[0].Counters;

        Assert.Equal((double)rows.Sum(r => r.PaidBuyers) / rows.Sum(r => r.Visitors), counters.Conversion);
        Assert.Equal(rows.Sum(r => r.Gmv) / rows.Sum(r => r.PaidBuyers), counters.Aov);
        Assert.Equal((double)(rows.Sum(r => r.RefundAmount) / rows.Sum(r => r.Gmv)), counters.RefundRate);
        Assert.NotEqual(rows.Average(r => (double)r.PaidBuyers / r.Visitors), counters.Conversion);
    }

    [Theory]
    [InlineData("tmall-flagship")]
    [InlineData("天猫旗舰店")]
    [InlineData("TMALL")]
    [InlineData("Tmall_Flagship")]
    [InlineData("天猫")]
    public async Task SumCounters_ShopByCodeNameOrAlias_IsThatShopOnly(string shop)
    {
        var rows = await _db.Store.SumCountersAsync(new CounterQuery(Range("2026-05-01", "2026-05-07"), shop), _ct);

        Assert.Equal(ChannelDays.Sum(In("2026-05-01", "2026-05-07").Where(r => r.Shop == "tmall-flagship")), rows[0].Counters);
    }

    [Fact]
    public async Task SumCounters_ByChannelWithAFilterByAlias_OneRowPerChannelInRegistryOrder()
    {
        var query = new CounterQuery(Range("2026-05-01", "2026-06-14"), "douyin-store", ["直播", "Natural Search", "付费推广"], CounterGrouping.Channel);

        var rows = await _db.Store.SumCountersAsync(query, _ct);

        Assert.Equal(["natural_search", "search_ads", "live"], rows.Select(r => r.Key));
        foreach (var row in rows)
        {
            Assert.Equal(ChannelDays.Sum(_rows.Where(r => r.Shop == "douyin-store" && r.Channel == row.Key)), row.Counters);
        }
    }

    [Fact]
    public async Task SumCounters_ByDay_KeysAreIsoDatesAndDaysWithoutDataAreAbsent()
    {
        var rows = await _db.Store.SumCountersAsync(new CounterQuery(Range("2026-06-12", "2026-06-20"), GroupBy: CounterGrouping.Day), _ct);

        Assert.Equal(["2026-06-12", "2026-06-13", "2026-06-14"], rows.Select(r => r.Key));
        Assert.All(rows, row => Assert.Equal(ChannelDays.Sum(_rows.Where(r => r.Date == row.Key)), row.Counters));
    }

    [Fact]
    public async Task SumCounters_ByShop_KeysAreShopCodes()
    {
        var rows = await _db.Store.SumCountersAsync(new CounterQuery(Range("2026-05-01", "2026-05-31"), GroupBy: CounterGrouping.Shop), _ct);

        Assert.Equal(["douyin-store", "tmall-flagship"], rows.Select(r => r.Key));
        Assert.All(rows, row => Assert.Equal(ChannelDays.Sum(In("2026-05-01", "2026-05-31").Where(r => r.Shop == row.Key)), row.Counters));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("no-such-shop")]
    public async Task SumCounters_NoDataNoGrouping_StillOneRowKeyedAllWithZeroDays(string? shop)
    {
        var range = shop is null ? Range("2020-01-01", "2020-01-31") : Range("2026-05-01", "2026-05-31");

        var rows = await _db.Store.SumCountersAsync(new CounterQuery(range, shop), _ct);

        var row = Assert.Single(rows);
        Assert.Equal("all", row.Key);
        Assert.False(row.Counters.HasData);
        Assert.Equal(Counters.Zero, row.Counters);
    }

    [Fact]
    public async Task GetLastDataDay_IsTheLastImportedDay()
    {
        _db.Import(ImportKind.ChannelDaily, ChannelDay.File([A.ChannelDay("2026-07-01", "douyin-store")]));

        Assert.Equal(Day("2026-07-01"), await _db.Store.GetLastDataDayAsync(null, _ct));
        Assert.Equal(Day("2026-07-01"), await _db.Store.GetLastDataDayAsync("抖音小店", _ct));
        Assert.Equal(Day("2026-06-14"), await _db.Store.GetLastDataDayAsync("tmall", _ct));
        Assert.Null(await _db.Store.GetLastDataDayAsync("nobody", _ct));
    }

    [Fact]
    public async Task ListShopsAndChannels_CarryNamesAndAliases()
    {
        var shops = await _db.Store.ListShopsAsync(_ct);
        var channels = await _db.Store.ListChannelsAsync(_ct);

        var tmall = Assert.Single(shops, s => s.Code == "tmall-flagship");
        Assert.Equal("天猫旗舰店", tmall.Name);
        Assert.Equal(["tmall", "天猫"], tmall.Aliases);
        Assert.Equal(9, channels.Count);
        var search = Assert.Single(channels, c => c.Code == "search_ads");
        Assert.Equal(("search ads", "搜索广告"), (search.Name, search.ChineseName));
        Assert.Contains("付费推广", search.Aliases);
        Assert.Contains("paid ads", search.Aliases);
        Assert.DoesNotContain("search_ads", search.Aliases);
    }

    [Fact]
    public async Task GetSkuStats_SumsRangeAndTakesStockFromTheLastDayWithData()
    {
        _db.Import(ImportKind.SkuDaily, """
            date,shop,sku,name,category,units_sold,gmv,product_visitors,paid_buyers,stock_units,rating,launch_date
            2026-06-01,tmall-flagship,TM-1,精华,护肤,10,1000,100,9,500,4.7,2026-05-25
            2026-06-02,tmall-flagship,TM-1,精华,护肤,20,2000,150,18,480,4.8,2026-05-25
            2026-06-04,tmall-flagship,TM-1,精华,护肤,5,500,60,5,470,4.9,2026-05-25
            2026-06-05,tmall-flagship,TM-1,精华,护肤,99,9900,999,90,1,4.9,2026-05-25
            2026-06-01,tmall-flagship,TM-2,口红,彩妆,0,0,20,0,300,,
            2026-06-02,douyin-store,TM-1,精华,护肤,7,700,70,7,100,4.5,
            """);

        var stats = await _db.Store.GetSkuStatsAsync(Range("2026-06-01", "2026-06-04"), "tmall-flagship", _ct);
        var all = await _db.Store.GetSkuStatsAsync(Range("2026-06-01", "2026-06-04"), null, _ct);

        Assert.Equal(["TM-1", "TM-2"], stats.Select(s => s.Sku));
        var one = stats[0];
        Assert.Equal((35L, 3500m, 310L, 32L), (one.UnitsSold, one.Gmv, one.ProductVisitors, one.PaidBuyers));
        Assert.Equal((470L, (500 + 480 + 470) / 3.0, 3), (one.StockEnd, one.AvgStock, one.DaysWithData));
        Assert.Equal((4.9, Day("2026-05-25"), "精华", "护肤"), (one.Rating, one.LaunchDate, one.Name, one.Category));
        Assert.Equal(32.0 / 310, one.Conversion);
        Assert.Equal((0L, 300L, (double?)null), (stats[1].UnitsSold, stats[1].StockEnd, stats[1].Rating));
        var both = Assert.Single(all, s => s.Sku == "TM-1");
        Assert.Equal((42L, 470L, (500 + 580 + 470) / 3.0), (both.UnitsSold, both.StockEnd, both.AvgStock));
    }

    // 618 reuses its name every year (costs then name the run: 618@2025-06-01); 双11 2025 is found by its aliases.
    private const string TwoYearsOf618AndADouble11 = """
        name,aliases,shop,start,end,warmup_start,target_gmv
        618,年中大促,tmall-flagship,2025-06-01,2025-06-20,2025-05-20,4000000
        618,年中大促|mid-year,tmall-flagship,2026-06-01,2026-06-20,2026-05-20,5000000
        双11 2025,双11|Double 11|1111,douyin-store,2025-10-20,2025-11-11,,
        """;

    [Fact]
    public async Task Campaigns_ListedWithAliasesAndCostsFoundByNameAliasOrStart()
    {
        _db.Import(ImportKind.Campaigns, TwoYearsOf618AndADouble11);
        _db.Import(ImportKind.CampaignCosts, """
            campaign,shop,channel,cost,note
            618@2025-06-01,tmall-flagship,live,100000,host
            618@2026-06-01,tmall-flagship,live,200000,host
            618@2026-06-01,tmall-flagship,social,150000,
            Double 11,douyin-store,短视频,80000,KOL
            """);

        var campaigns = await _db.Store.ListCampaignsAsync(null, _ct);
        var tmall = await _db.Store.ListCampaignsAsync("天猫旗舰店", _ct);

        Assert.Equal(3, campaigns.Count);
        Assert.Equal(2, tmall.Count);
        var latest = tmall[1];
        Assert.Equal(("618", "tmall-flagship", Day("2026-06-01"), Day("2026-06-20"), Day("2026-05-20"), 5_000_000m), (latest.Name, latest.Shop, latest.Start, latest.End, latest.WarmupStart, latest.TargetGmv));
        Assert.Equal(["mid-year", "年中大促"], latest.Aliases);
        Assert.Null(campaigns.Single(c => c.Shop == "douyin-store").TargetGmv);

        Assert.Equal([("live", 200_000m, "host"), ("social", 150_000m, (string?)null)], (await _db.Store.GetCampaignCostsAsync("tmall", "618", _ct)).Select(c => (c.Channel, c.Cost, c.Note)));
        Assert.Equal([("live", 100_000m, "host")], (await _db.Store.GetCampaignCostsAsync("tmall", "618@2025-06-01", _ct)).Select(c => (c.Channel, c.Cost, c.Note)));
        Assert.Single(await _db.Store.GetCampaignCostsAsync("douyin-store", "1111", _ct));
        Assert.Single(await _db.Store.GetCampaignCostsAsync("douyin-store", "双11 2025", _ct));
        Assert.Empty(await _db.Store.GetCampaignCostsAsync("douyin-store", "618", _ct));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("douyin", null)]
    [InlineData(null, "直播")]
    public async Task SumCountersByDayAndChannel_EachPairIsTheSumOfItsRows(string? shop, string? channel)
    {
        var shopCode = shop is null ? null : "douyin-store";
        var channelCode = channel is null ? null : "live";
        var expected = In("2026-05-20", "2026-06-02")
            .Where(r => (shopCode is null || r.Shop == shopCode) && (channelCode is null || r.Channel == channelCode))
            .GroupBy(r => (r.Date, r.Channel))
            .OrderBy(g => g.Key.Date, StringComparer.Ordinal).ThenBy(g => Array.IndexOf(["natural_search", "search_ads", "live", "private_domain"], g.Key.Channel))
            .Select(g => new DayChannelRow(Day(g.Key.Date), g.Key.Channel, ChannelDays.Sum(g)))
            .ToList();

        var rows = await _db.Store.SumCountersByDayAndChannelAsync(Range("2026-05-20", "2026-06-02"), shop, channel is null ? null : [channel], _ct);

        Assert.Equal(expected, rows);
        Assert.Equal(14 * (channel is null ? 4 : 1), rows.Count);
    }

    [Theory]
    [InlineData(CounterGrouping.None)]
    [InlineData(CounterGrouping.Channel)]
    public async Task SumCountersPerShop_EveryItem_SameRowsAsOneSumPerItem(CounterGrouping groupBy)
    {
        ShopRange[] items =
        [
            new("天猫", Range("2026-05-03", "2026-05-20")),
            new("douyin-store", Range("2026-05-10", "2026-06-30")),
            new("no-such-shop", Range("2026-05-10", "2026-05-16")),
            new("tmall-flagship", Range("2027-01-01", "2027-01-31")),
            new("Tmall Flagship", Range("2026-05-01", "2026-05-01")),
        ];

        var batch = await _db.Store.SumCountersPerShopAsync(items, groupBy, _ct);

        var expected = new List<ShopRangeRow>();
        for (var i = 0; i < items.Length; i++)
        {
            var one = await _db.Store.SumCountersAsync(new CounterQuery(items[i].Range, items[i].Shop, null, groupBy), _ct);
            expected.AddRange(one.Select(r => new ShopRangeRow(i, r.Key, r.Counters)));
        }

        Assert.Equal(expected, batch);
        Assert.Contains(batch, r => r.Item == 1 && r.Counters.DaysWithData == 36);
    }

    [Fact]
    public async Task CampaignCostsOfRuns_EachRunGetsItsOwnCosts_EvenWhenTheNameRecursEveryYear()
    {
        _db.Import(ImportKind.Campaigns, TwoYearsOf618AndADouble11);
        _db.Import(ImportKind.CampaignCosts, """
            campaign,shop,channel,cost,note
            618@2025-06-01,tmall-flagship,live,100000,host
            618@2026-06-01,tmall-flagship,social,150000,
            618@2026-06-01,tmall-flagship,live,200000,host
            Double 11,douyin-store,短视频,80000,KOL
            """);
        var runs = (await _db.Store.ListCampaignsAsync(null, _ct)).ToList();
        runs.Add(runs[0] with { Start = Day("2024-06-01") });

        var costs = await _db.Store.GetCampaignCostsAsync(runs, _ct);

        Assert.Equal(4, costs.Count);
        Assert.Equal([("live", 100_000m, "host")], costs[0].Select(c => (c.Channel, c.Cost, c.Note)));
        Assert.Equal((await _db.Store.GetCampaignCostsAsync("douyin-store", "双11 2025", _ct)).ToList(), costs[1]);
        Assert.Equal((await _db.Store.GetCampaignCostsAsync("tmall", "618@2026-06-01", _ct)).ToList(), costs[2]);
        Assert.Equal([("live", 200_000m, "host"), ("social", 150_000m, (string?)null)], costs[2].Select(c => (c.Channel, c.Cost, c.Note)));
        Assert.Empty(costs[3]);
    }

    [Fact]
    public async Task Goals_ComeBackWithShopCodeAndChannel()
    {
        _db.Import(ImportKind.Goals, "shop,metric,period,target,channel\ntmall,gmv,2026,120000000,\ntmall,gmv,2026-Q2,30000000,直播\ndouyin,conversion,2026,3%,\n");

        var all = await _db.Store.GetGoalsAsync(null, _ct);
        var douyin = await _db.Store.GetGoalsAsync("douyin-store", _ct);

        Assert.Equal(3, all.Count);
        Assert.Contains(new Goal("tmall-flagship", "gmv", "2026-Q2", 30_000_000m, "live"), all);
        Assert.Equal([new Goal("douyin-store", "conversion", "2026", 0.03m, null)], douyin);
    }

    [Fact]
    public async Task BuyerSummary_SegmentsAndAggregates_MatchTheRules()
    {
        var buyers = new (string Id, string First, string Last, int Orders, decimal Spent, string Tier)[]
        {
            ("dormant-rich", "2024-01-01", "2025-06-01", 9, 3000m, "black"),
            ("new-one", "2026-06-10", "2026-06-10", 1, 150m, string.Empty),
            ("new-repeat", "2026-02-01", "2026-06-01", 4, 1200m, string.Empty),
            ("core", "2025-01-01", "2026-06-01", 5, 1500m, "gold"),
            ("potential-many-low", "2025-03-01", "2026-05-01", 3, 200m, "silver"),
            ("potential-one-high", "2025-12-25", "2025-12-25", 1, 2000m, string.Empty),
            ("other", "2025-02-01", "2026-04-01", 1, 100m, "silver"),
        };
        var csv = "shop,buyer_id,first_order,last_order,orders,total_spent,tier\n" + string.Concat(buyers.Select(b =>
            string.Create(CultureInfo.InvariantCulture, $"tmall-flagship,{b.Id},{b.First},{b.Last},{b.Orders},{b.Spent},{b.Tier}\n")));
        Assert.True(_db.Import(ImportKind.Buyers, csv).Succeeded);
        var asOf = Day("2026-06-20");
        var average = buyers.Average(b => b.Spent);

        var summary = await _db.Store.GetBuyerSummaryAsync("tmall", asOf, Range("2026-01-01", "2026-06-19"), 180, _ct);

        // Dormant: last order before 2025-12-22; core: last order on or after 2026-03-22, 3+ orders, spent ≥ the average.
        Assert.True(average is > 1150m and < 1200m);
        Assert.Equal(7, summary.Buyers);
        Assert.Equal(buyers.Count(b => b.Orders >= 2), summary.RepeatBuyers);
        Assert.Equal(buyers.Sum(b => b.Orders), summary.Orders);
        Assert.Equal(buyers.Sum(b => b.Spent), summary.TotalSpent);
        Assert.Equal(buyers.Average(b => Day(b.Last).DayNumber - Day(b.First).DayNumber), summary.AvgLifetimeDays, 6);
        Assert.Equal(new Dictionary<string, long> { ["dormant"] = 1, ["new"] = 2, ["core"] = 1, ["potential"] = 2, ["other"] = 1 }, summary.Segments);
        Assert.Equal((1L, 2L), (summary.DormantBuyers, summary.NewBuyers));
        Assert.Equal(new Dictionary<string, long> { ["black"] = 1, ["gold"] = 1, ["silver"] = 2 }, summary.Tiers);
    }

    [Fact]
    public async Task BuyerSummary_NoBuyers_IsAllZero()
    {
        var summary = await _db.Store.GetBuyerSummaryAsync(null, Day("2026-06-20"), Range("2026-06-01", "2026-06-19"), 180, _ct);

        Assert.Equal((0L, 0L, 0m, 0.0), (summary.Buyers, summary.Orders, summary.TotalSpent, summary.AvgLifetimeDays));
        Assert.All(summary.Segments.Values, v => Assert.Equal(0, v));
    }
}
