using Bot.Core.Formatting;
using Bot.Core.Metrics;

namespace Bot.Core.Commands.Funnel;

/// <summary>One step of the conversion funnel: from one stage to the next.</summary>
public sealed record FunnelStep(string Name, long From, long To, double? Benchmark)
{
    public double? Rate => From == 0 ? null : (double)To / From;

    public double? Loss => Rate is { } r ? 1 - r : null;
}

/// <summary>Builds the funnel steps from counters and decides which step is weakest. Pure.</summary>
public static class FunnelReport
{
    public static IReadOnlyList<FunnelStep> Steps(Counters c, Benchmarks b)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(b);
        return
        [
            new("Visit → product page 访问→商品页", c.Visitors, c.ProductVisitors, null),
            new("Product page → cart 商品页→加购", c.ProductVisitors, c.CartUsers, b.ProductToCart),
            new("Cart → order 加购→下单", c.CartUsers, c.OrderBuyers, 1 - b.CartToOrderLoss),
            new("Order → payment 下单→支付", c.OrderBuyers, c.PaidBuyers, 1 - b.OrderToPaymentLoss),
        ];
    }

    /// <summary>
    /// The weakest step: the largest relative shortfall against its benchmark; when every benchmarked step meets
    /// its benchmark, the largest relative drop against the previous period; null when nothing is weak.
    /// </summary>
    public static (int Index, string Reason)? Weakest(IReadOnlyList<FunnelStep> current, IReadOnlyList<FunnelStep> previous, NumberFormat format)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(format);
        var shortfalls = current
            .Select((s, i) => (i, s, gap: s.Rate is { } r && s.Benchmark is { } bm ? (r - bm) / bm : (double?)null))
            .Where(x => x.gap < 0)
            .OrderBy(x => x.gap)
            .ToList();
        if (shortfalls.Count > 0)
        {
            var w = shortfalls[0];
            return (w.i, $"{format.Rate(w.s.Rate)} against a benchmark of {format.Rate(w.s.Benchmark)}");
        }

        var drops = current
            .Select((s, i) => (i, s, drop: s.Rate is { } r && previous[i].Rate is { } p && p > 0 ? (r - p) / p : (double?)null))
            .Where(x => x.drop < -0.01)
            .OrderBy(x => x.drop)
            .ToList();
        if (drops.Count > 0)
        {
            var w = drops[0];
            return (w.i, $"{format.Rate(w.s.Rate)}, down from {format.Rate(previous[w.i].Rate)} in the previous period");
        }

        return null;
    }
}
