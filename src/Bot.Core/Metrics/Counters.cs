namespace Bot.Core.Metrics;

/// <summary>Summed daily counters for some shop × channel × day set. Ratios are derived here, from sums.</summary>
/// <remarks>domain.md §2: derived metrics are never averaged from daily ratios; they are ratios of summed counters.</remarks>
public sealed record Counters
{
    public static Counters Zero { get; } = new();

    /// <summary>Distinct days that had at least one row; 0 means "no data", not "zero visitors".</summary>
    public int DaysWithData { get; init; }

    public long Visitors { get; init; }
    public long PageViews { get; init; }
    public long ProductVisitors { get; init; }
    public long FavoriteUsers { get; init; }
    public long CartUsers { get; init; }
    public long Orders { get; init; }
    public long OrderBuyers { get; init; }
    public long PaidOrders { get; init; }
    public long PaidBuyers { get; init; }
    public decimal Gmv { get; init; }
    public decimal RefundAmount { get; init; }
    public long RefundOrders { get; init; }
    public decimal AdCost { get; init; }
    public long NewVisitors { get; init; }
    public long BouncedVisitors { get; init; }
    public long StaySeconds { get; init; }
    public long MultiItemOrders { get; init; }

    public bool HasData => DaysWithData > 0;

    public double? Conversion => Ratio(PaidBuyers, Visitors);
    public double? FavCartRate => Ratio(FavoriteUsers + CartUsers, Visitors);
    public decimal? Aov => PaidBuyers == 0 ? null : Gmv / PaidBuyers;
    public decimal? UvValue => Visitors == 0 ? null : Gmv / Visitors;
    public double? RefundRate => Gmv == 0 ? null : (double)(RefundAmount / Gmv);
    public double? RefundOrderRate => Ratio(RefundOrders, PaidOrders);
    public double? BounceRate => Ratio(BouncedVisitors, Visitors);
    public double? PvPerVisitor => Ratio(PageViews, Visitors);
    public double? AvgStaySeconds => Ratio(StaySeconds, Visitors);
    public double? NewVisitorShare => Ratio(NewVisitors, Visitors);
    public double? JointPurchaseRate => Ratio(MultiItemOrders, PaidOrders);
    public double? Roas => AdCost == 0 ? null : (double)(Gmv / AdCost);
    public double? Roi => AdCost == 0 ? null : (double)((Gmv - AdCost) / AdCost);

    public static Counters operator +(Counters a, Counters b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new Counters
        {
            DaysWithData = Math.Max(a.DaysWithData, b.DaysWithData),
            Visitors = a.Visitors + b.Visitors,
            PageViews = a.PageViews + b.PageViews,
            ProductVisitors = a.ProductVisitors + b.ProductVisitors,
            FavoriteUsers = a.FavoriteUsers + b.FavoriteUsers,
            CartUsers = a.CartUsers + b.CartUsers,
            Orders = a.Orders + b.Orders,
            OrderBuyers = a.OrderBuyers + b.OrderBuyers,
            PaidOrders = a.PaidOrders + b.PaidOrders,
            PaidBuyers = a.PaidBuyers + b.PaidBuyers,
            Gmv = a.Gmv + b.Gmv,
            RefundAmount = a.RefundAmount + b.RefundAmount,
            RefundOrders = a.RefundOrders + b.RefundOrders,
            AdCost = a.AdCost + b.AdCost,
            NewVisitors = a.NewVisitors + b.NewVisitors,
            BouncedVisitors = a.BouncedVisitors + b.BouncedVisitors,
            StaySeconds = a.StaySeconds + b.StaySeconds,
            MultiItemOrders = a.MultiItemOrders + b.MultiItemOrders,
        };
    }

    public static Counters Add(Counters a, Counters b) => a + b;

    private static double? Ratio(long numerator, long denominator) => denominator == 0 ? null : (double)numerator / denominator;
}
