using Bot.Core.Metrics;

namespace Bot.Storage.Tests.Support;

/// <summary>What the store should answer for some imported rows, summed here in plain C# (never read back from the store).</summary>
public static class ChannelDays
{
    public static Counters Sum(IEnumerable<ChannelDay> rows)
    {
        var list = rows.ToList();
        return new Counters
        {
            DaysWithData = list.Select(r => r.Date).Distinct().Count(),
            Visitors = list.Sum(r => r.Visitors),
            PageViews = list.Sum(r => r.PageViews),
            ProductVisitors = list.Sum(r => r.ProductVisitors),
            FavoriteUsers = list.Sum(r => r.FavoriteUsers),
            CartUsers = list.Sum(r => r.CartUsers),
            Orders = list.Sum(r => r.Orders),
            OrderBuyers = list.Sum(r => r.OrderBuyers),
            PaidOrders = list.Sum(r => r.PaidOrders),
            PaidBuyers = list.Sum(r => r.PaidBuyers),
            Gmv = list.Sum(r => r.Gmv),
            RefundAmount = list.Sum(r => r.RefundAmount),
            RefundOrders = list.Sum(r => r.RefundOrders),
            AdCost = list.Sum(r => r.AdCost),
            NewVisitors = list.Sum(r => r.NewVisitors),
            BouncedVisitors = list.Sum(r => r.BouncedVisitors),
            StaySeconds = list.Sum(r => r.StaySeconds),
            MultiItemOrders = list.Sum(r => r.MultiItemOrders),
        };
    }
}
