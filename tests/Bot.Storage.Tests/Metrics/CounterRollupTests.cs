using System.Globalization;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Storage.Import;
using Bot.Storage.Tests.Support;

namespace Bot.Storage.Tests.Metrics;

/// <summary>
/// The counter rollups (schema 040) after imports and replace-imports equal the rows, and sums that read them (whole months
/// of one shop, anything over all shops) equal sums computed here from the imported rows, DaysWithData included.
/// </summary>
public sealed class CounterRollupTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] Shops = ["tmall-flagship", "douyin-store"];
    private readonly TempDatabase _db = new();
    private readonly CancellationToken _ct = CancellationToken.None;
    private List<ChannelDay> _rows = [];

    public async Task InitializeAsync()
    {
        await _db.Registry.UpsertShopAsync("tmall-flagship", "天猫旗舰店", ["tmall"], _ct);
        await _db.Registry.UpsertShopAsync("douyin-store", "抖音小店", ["douyin"], _ct);

        // 2026-04-20 .. 2026-07-09 for two channels; live only every third day, so days with data differ by channel.
        _rows = A.Grid("2026-04-20", 81, Shops, ["natural_search", "search_ads"]);
        _rows.AddRange(A.Grid("2026-04-20", 81, Shops, ["live"]).Where((_, i) => i % 6 < 2));
        Import(_rows);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Import_RollupsEqualTheRows()
    {
        Assert.Equal((0L, 0L), RollupCheck.Differences(_db));
        Assert.True(_db.Count("channel_monthly") > 0);
    }

    [Fact]
    public void ReplaceImport_ChangedAndNewRows_RollupsFollow()
    {
        var changed = _rows.Where(r => r.Shop == "douyin-store" && r.Date.StartsWith("2026-05", StringComparison.Ordinal)).Select(r => r with { Visitors = r.Visitors + 1_000, Gmv = r.Gmv * 2 }).ToList();
        var newChannel = A.Grid("2026-05-30", 5, ["tmall-flagship"], ["private_domain"]);
        var newShop = A.Grid("2026-06-01", 3, ["jd-store"], ["natural_search"]);

        Import([.. changed, .. newChannel, .. newShop]);

        Assert.Equal((0L, 0L), RollupCheck.Differences(_db));
    }

    [Fact]
    public void RefusedImport_RollupsUnchanged()
    {
        var before = RollupCheck.Differences(_db);
        var bad = _rows.Take(3).Select(r => r with { PaidBuyers = r.Visitors + 1 }).ToList();

        var result = _db.Import(ImportKind.ChannelDaily, ChannelDay.File(bad));

        Assert.False(result.Succeeded);
        Assert.Equal(before, RollupCheck.Differences(_db));
    }

    [Theory]
    [InlineData("2026-04-20", "2026-07-09")]
    [InlineData("2026-05-01", "2026-05-31")]
    [InlineData("2026-05-01", "2026-06-10")]
    [InlineData("2026-04-25", "2026-06-30")]
    [InlineData("2026-05-02", "2026-06-29")]
    [InlineData("2026-06-05", "2026-06-20")]
    public async Task SumCounters_OneShopWholeMonths_SameAsTheRows(string from, string to)
    {
        var range = Range(from, to);
        foreach (var channels in new[] { null, new[] { "live" }, new[] { "直播", "natural search" } })
        {
            var rows = In(range, "douyin-store", channels);

            var none = await _db.Store.SumCountersAsync(new CounterQuery(range, "douyin", channels), _ct);
            var byChannel = await _db.Store.SumCountersAsync(new CounterQuery(range, "douyin", channels, CounterGrouping.Channel), _ct);

            Assert.Equal(ChannelDays.Sum(rows), Assert.Single(none).Counters);
            Assert.Equal(ByChannel(rows), byChannel.Select(r => (r.Key, r.Counters)));
        }
    }

    [Theory]
    [InlineData(CounterGrouping.None)]
    [InlineData(CounterGrouping.Channel)]
    [InlineData(CounterGrouping.Day)]
    public async Task SumCounters_AllShops_SameAsTheRows(CounterGrouping groupBy)
    {
        var range = Range("2026-04-28", "2026-06-03");
        foreach (var channels in new[] { null, new[] { "live" }, new[] { "live", "search_ads" } })
        {
            var rows = In(range, null, channels);
            var expected = groupBy switch
            {
                CounterGrouping.None => [("all", ChannelDays.Sum(rows))],
                CounterGrouping.Channel => ByChannel(rows),
                _ => rows.GroupBy(r => r.Date).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, ChannelDays.Sum(g))).ToList(),
            };

            var sums = await _db.Store.SumCountersAsync(new CounterQuery(range, null, channels, groupBy), _ct);

            Assert.Equal(expected, sums.Select(r => (r.Key, r.Counters)));
        }
    }

    [Fact]
    public async Task SumCountersPerShop_YearToDateItems_SameAsOneSumPerItemFromTheRows()
    {
        ShopRange[] items = [new("tmall", Range("2026-04-20", "2026-07-08")), new("douyin", Range("2026-05-01", "2026-06-30")), new("douyin", Range("2026-06-03", "2026-06-09"))];

        var none = await _db.Store.SumCountersPerShopAsync(items, CounterGrouping.None, _ct);
        var byChannel = await _db.Store.SumCountersPerShopAsync(items, CounterGrouping.Channel, _ct);

        for (var i = 0; i < items.Length; i++)
        {
            var rows = In(items[i].Range, i == 0 ? "tmall-flagship" : "douyin-store", null);
            Assert.Equal(ChannelDays.Sum(rows), none.Single(r => r.Item == i).Counters);
            Assert.Equal(ByChannel(rows), byChannel.Where(r => r.Item == i).Select(r => (r.Key, r.Counters)));
        }
    }

    [Fact]
    public async Task SumCountersByDayAndChannel_AllShops_SameAsTheRows()
    {
        var range = Range("2026-05-29", "2026-06-02");
        var expected = In(range, null, null)
            .GroupBy(r => (r.Date, r.Channel))
            .OrderBy(g => g.Key.Date, StringComparer.Ordinal).ThenBy(g => Order(g.Key.Channel))
            .Select(g => new DayChannelRow(Day(g.Key.Date), g.Key.Channel, ChannelDays.Sum(g)));

        var rows = await _db.Store.SumCountersByDayAndChannelAsync(range, null, null, _ct);

        Assert.Equal(expected, rows);
    }

    private void Import(IEnumerable<ChannelDay> rows)
    {
        var result = _db.Import(ImportKind.ChannelDaily, ChannelDay.File(rows));
        Assert.True(result.Succeeded, result.Summary);
    }

    private static DateRange Range(string from, string to) => new(Day(from), Day(to));

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int Order(string channel) => Array.IndexOf(["natural_search", "search_ads", "live"], channel);

    private List<ChannelDay> In(DateRange range, string? shop, string[]? channels)
    {
        var codes = channels?.Select(c => c switch { "直播" => "live", "natural search" => "natural_search", _ => c }).ToList();
        return [.. _rows.Where(r => range.Contains(Day(r.Date)) && (shop is null || r.Shop == shop) && (codes is null || codes.Contains(r.Channel)))];
    }

    private static List<(string Key, Counters Counters)> ByChannel(IEnumerable<ChannelDay> rows) =>
        [.. rows.GroupBy(r => r.Channel).OrderBy(g => Order(g.Key)).Select(g => (g.Key, ChannelDays.Sum(g)))];

}
