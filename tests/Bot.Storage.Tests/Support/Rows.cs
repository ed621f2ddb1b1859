using System.Globalization;
using System.Text;

namespace Bot.Storage.Tests.Support;

/// <summary>One channel-day row with sensible defaults (all funnel rules hold); tests change what they need.</summary>
public sealed record ChannelDay(string Date, string Shop = "tmall-flagship", string Channel = "natural_search")
{
    public long Visitors { get; init; } = 10_000;
    public long PageViews { get; init; } = 30_000;
    public long ProductVisitors { get; init; } = 7_000;
    public long FavoriteUsers { get; init; } = 500;
    public long CartUsers { get; init; } = 800;
    public long Orders { get; init; } = 330;
    public long OrderBuyers { get; init; } = 310;
    public long PaidOrders { get; init; } = 310;
    public long PaidBuyers { get; init; } = 300;
    public decimal Gmv { get; init; } = 54_000.50m;
    public decimal RefundAmount { get; init; } = 3_200.25m;
    public long RefundOrders { get; init; } = 18;
    public decimal AdCost { get; init; } = 1_000m;
    public long NewVisitors { get; init; } = 3_000;
    public long BouncedVisitors { get; init; } = 3_800;
    public long StaySeconds { get; init; } = 900_000;
    public long MultiItemOrders { get; init; } = 50;

    public const string Header = "date,shop,channel,visitors,page_views,product_visitors,favorite_users,cart_users,orders,order_buyers,paid_orders,paid_buyers,gmv,refund_amount,refund_orders,ad_cost,new_visitors,bounced_visitors,stay_seconds,multi_item_orders";

    public const string ChineseHeader = "日期,店铺,渠道,访客数,浏览量,商品访客数,收藏人数,加购人数,下单数,下单买家数,支付订单数,支付买家数,支付金额,退款金额,退款订单数,推广花费,新访客数,跳失访客数,停留时长,联合购买订单数";

    public string ToCsv() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Date},{Shop},{Channel},{Visitors},{PageViews},{ProductVisitors},{FavoriteUsers},{CartUsers},{Orders},{OrderBuyers},{PaidOrders},{PaidBuyers},{Gmv:0.00},{RefundAmount:0.00},{RefundOrders},{AdCost:0.00},{NewVisitors},{BouncedVisitors},{StaySeconds},{MultiItemOrders}");

    public static string File(IEnumerable<ChannelDay> rows, string header = Header)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row.ToCsv()).Append('\n');
        }

        return text.ToString();
    }
}

/// <summary>Small deterministic channel-day sets for store tests.</summary>
public static class A
{
    public static ChannelDay ChannelDay(string date, string shop = "tmall-flagship", string channel = "natural_search") => new(date, shop, channel);

    /// <summary>Days × shops × channels with varied numbers (a linear congruence, so the values differ but are reproducible).</summary>
    public static List<ChannelDay> Grid(string firstDay, int days, string[] shops, string[] channels)
    {
        var start = DateOnly.ParseExact(firstDay, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = new List<ChannelDay>();
        var seed = 7L;
        long Next(long max)
        {
            seed = ((seed * 1_103_515_245) + 12_345) % 2_147_483_648;
            return seed % max;
        }

        for (var d = 0; d < days; d++)
        {
            foreach (var shop in shops)
            {
                foreach (var channel in channels)
                {
                    var visitors = 1_000 + Next(9_000);
                    var orderBuyers = 10 + Next(visitors / 20);
                    var paidBuyers = orderBuyers - Next(orderBuyers / 10 + 1);
                    rows.Add(new ChannelDay(start.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), shop, channel)
                    {
                        Visitors = visitors,
                        PageViews = visitors * 3,
                        ProductVisitors = visitors * 7 / 10,
                        FavoriteUsers = Next(visitors / 10),
                        CartUsers = Next(visitors / 8),
                        Orders = orderBuyers + Next(20),
                        OrderBuyers = orderBuyers,
                        PaidOrders = paidBuyers + Next(10),
                        PaidBuyers = paidBuyers,
                        Gmv = (10_000 + Next(5_000_000)) / 100m,
                        RefundAmount = Next(100_000) / 100m,
                        RefundOrders = Next(10),
                        AdCost = Next(500_000) / 100m,
                        NewVisitors = Next(visitors / 2),
                        BouncedVisitors = Next(visitors / 2),
                        StaySeconds = visitors * (30 + Next(90)),
                        MultiItemOrders = Next(paidBuyers + 1),
                    });
                }
            }
        }

        return rows;
    }
}
