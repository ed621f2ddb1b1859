using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Commands;

/// <summary>
/// <c>campaign roi</c> without a chosen shop: every shop's run of the campaign, this year and last. The store calls must not grow
/// with the number of shops (the bench measured 801 calls for 200 shops); the numbers are summed here from the raw rows.
/// Today is 2026-07-01, so 618 2026 has ended and 618 2025 is last year.
/// </summary>
public sealed class CampaignRoiManyShopsTests
{
    private static readonly NumberFormat F = NumberFormat.English;
    private static readonly DateRange Window2026 = new(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 20));
    private static readonly DateRange Window2025 = new(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 20));
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public async Task CampaignRoi_AllShops_StoreCallsDoNotGrowWithShops(int shops)
    {
        var counting = default(CountingMetricStore);
        using var bot = new TestBot(Store(shops), Now, s => counting = new CountingMetricStore(s));
        await bot.AskAsync("campaigns");
        counting!.Reset();

        var reply = await bot.AskAsync("campaign roi 618");

        Assert.Contains("618 2026", reply.Title, StringComparison.Ordinal);
        Assert.InRange(counting.Calls.Count, 1, 2);
    }

    [Fact]
    public async Task CampaignRoi_AllShops_AddsUpEveryShopsRunAndComparesWithLastYear()
    {
        var store = Store(12);
        using var bot = new TestBot(store, Now);
        var rows = store.Days.Where(r => Window2026.Contains(r.Day)).ToList();
        var revenue = rows.Sum(r => r.Counters.Gmv);
        var cost = rows.Sum(r => r.Counters.AdCost) + store.Costs.Where(c => c.Campaign == "618 2026").Sum(c => c.Cost.Cost);
        var lastYear = store.Days.Where(r => Window2025.Contains(r.Day)).ToList();
        var lastRevenue = lastYear.Sum(r => r.Counters.Gmv);
        var live = rows.Where(r => r.Channel == "live").ToList();
        var liveCost = live.Sum(r => r.Counters.AdCost) + store.Costs.Where(c => c.Campaign == "618 2026" && c.Cost.Channel == "live").Sum(c => c.Cost.Cost);

        var reply = await bot.AskAsync("campaign roi 618");

        Assert.Equal(F.Money(revenue), reply.Metric("Revenue").Value);
        Assert.Equal(F.Money(cost), reply.Metric("Total cost").Value);
        Assert.Equal(F.Change((double)revenue, (double)lastRevenue, MetricKind.Money, true).Text, reply.Metric("Revenue").Change("同比"));
        var liveRow = reply.Table().Rows.Single(r => r[0].Text.EndsWith("Live streaming", StringComparison.Ordinal));
        Assert.Equal(F.Money(live.Sum(r => r.Counters.Gmv)), liveRow[1].Text);
        Assert.Equal(F.Money(liveCost), liveRow[2].Text);
    }

    /// <summary>Shops shop-00.. with three channels over both 618 windows, a run of 618 each year and fixed costs on two channels.</summary>
    private static InMemoryMetricStore Store(int shops)
    {
        var store = new InMemoryMetricStore();
        store.Shops.Clear();
        string[] channels = ["natural_search", "live", "search_ads"];
        for (var s = 0; s < shops; s++)
        {
            var shop = $"shop-{s:00}";
            store.Shops.Add(new ShopInfo(shop, $"Shop {s}", []));
            foreach (var window in new[] { Window2025, Window2026 })
            {
                for (var day = window.From; day <= window.To; day = day.AddDays(1))
                {
                    for (var c = 0; c < channels.Length; c++)
                    {
                        store.Days.Add(new DayRow(day, shop, channels[c], TestData.Row(day.DayNumber % 97, s % 3, c)));
                    }
                }

                var name = $"618 {window.From.Year}";
                store.Campaigns.Add(new Campaign(name, ["618"], shop, window.From, window.To, null, null));
                store.Costs.Add((shop, name, new CampaignCost("live", 10_000m + (s * 100m), "host fee")));
                store.Costs.Add((shop, name, new CampaignCost("search_ads", 5_000m, null)));
            }
        }

        return store;
    }
}
