using Bot.Core.Metrics;

namespace Bot.Core.Tests.Fakes;

/// <summary>A small, hand-made dataset: 2 shops × 3 channels, 2025-04-01..2026-06-18, with a 618 campaign each year.</summary>
public static class TestData
{
    public static readonly DateOnly First = new(2025, 4, 1);
    public static readonly DateOnly Last = new(2026, 6, 18);

    public static InMemoryMetricStore Build()
    {
        var store = new InMemoryMetricStore();
        string[] shops = ["tmall", "jd"];
        string[] channels = ["natural_search", "live", "search_ads"];
        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            var i = day.DayNumber - First.DayNumber;
            for (var s = 0; s < shops.Length; s++)
            {
                for (var c = 0; c < channels.Length; c++)
                {
                    store.Days.Add(new DayRow(day, shops[s], channels[c], Row(i, s, c)));
                }
            }
        }

        store.Campaigns.Add(new Campaign("618 2025", ["618", "年中大促"], "tmall", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 20), new DateOnly(2025, 5, 25), 3_000_000m));
        store.Campaigns.Add(new Campaign("618 2026", ["618", "年中大促"], "tmall", new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 20), null, 4_000_000m));
        store.Costs.Add(("tmall", "618 2025", new CampaignCost("live", 50_000m, "KOL fee")));
        store.Costs.Add(("tmall", "618 2025", new CampaignCost("search_ads", 20_000m, null)));
        store.Goals.Add(new Goal("tmall", "gmv", "2026", 40_000_000m, null));
        store.Goals.Add(new Goal("tmall", "gmv", "2026-06", 4_000_000m, null));
        store.Goals.Add(new Goal("tmall", "conversion", "2026-Q2", 0.05m, null));
        return store;
    }

    /// <summary>Deterministic counters that respect funnel order; the numbers vary by day, shop and channel.</summary>
    public static Counters Row(int i, int shop, int channel)
    {
        var visitors = 2000 + (i * 37 % 500) + (shop * 700) + (channel * 300);
        var productVisitors = visitors * 6 / 10;
        var cart = productVisitors * (10 + channel) / 100;
        var orderBuyers = cart * 6 / 10 + (i % 3);
        var paidBuyers = orderBuyers * 9 / 10;
        var gmv = paidBuyers * (150m + (channel * 20) + (i % 7));
        return new Counters
        {
            DaysWithData = 1,
            Visitors = visitors,
            PageViews = visitors * 3,
            ProductVisitors = productVisitors,
            FavoriteUsers = visitors / 20,
            CartUsers = cart,
            Orders = orderBuyers + 2,
            OrderBuyers = orderBuyers,
            PaidOrders = paidBuyers + 1,
            PaidBuyers = paidBuyers,
            Gmv = gmv,
            RefundAmount = Math.Round(gmv * 0.05m, 2),
            RefundOrders = paidBuyers / 20,
            AdCost = channel == 0 ? 0m : 1000m + (i % 5) * 100,
            NewVisitors = visitors * 3 / 10,
            BouncedVisitors = visitors * 4 / 10,
            StaySeconds = visitors * 120L,
            MultiItemOrders = paidBuyers / 10,
        };
    }
}
