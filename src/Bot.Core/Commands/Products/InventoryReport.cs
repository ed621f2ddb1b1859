using Bot.Core.Metrics;

namespace Bot.Core.Commands.Products;

/// <summary>Turnover, days of cover, slow movers and trial SKUs to scale (domain.md §2 Products). Pure.</summary>
public static class InventoryReport
{
    public sealed record SkuHealth(SkuStats Sku, double DailyUnits, double? TurnoverDays, double? CoverDays);

    /// <param name="month">Stats over the last 30 days (turnover, slow movers).</param>
    /// <param name="week">Stats over the last 7 days (current sales speed for cover).</param>
    public static IReadOnlyList<SkuHealth> Assess(IReadOnlyList<SkuStats> month, IReadOnlyList<SkuStats> week, int monthDays, int weekDays)
    {
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(week);
        var recent = week.ToDictionary(s => s.Sku, s => s);
        return [.. month.Select(s =>
        {
            var daily = (double)s.UnitsSold / monthDays;
            var recentDaily = recent.TryGetValue(s.Sku, out var w) ? (double)w.UnitsSold / weekDays : daily;
            double? turnover = s.AvgStock is { } avg && daily > 0 ? avg / daily : (s.AvgStock > 0 ? double.PositiveInfinity : null);
            double? cover = s.StockEnd is { } stock && recentDaily > 0 ? stock / recentDaily : null;
            return new SkuHealth(s, daily, turnover, cover);
        })];
    }

    /// <summary>Stock on hand but turnover far beyond healthy (3×) or no sales at all.</summary>
    public static IEnumerable<SkuHealth> SlowMovers(IEnumerable<SkuHealth> skus, Benchmarks b) =>
        skus.Where(s => s.Sku.StockEnd > 0 && (s.TurnoverDays is null or double.PositiveInfinity || s.TurnoverDays > 3 * b.HealthyTurnoverDays))
            .OrderByDescending(s => s.Sku.StockEnd);

    /// <summary>Selling SKUs whose stock lasts fewer days than the restocking lead time.</summary>
    public static IEnumerable<SkuHealth> StockOutRisk(IEnumerable<SkuHealth> skus, Benchmarks b) =>
        skus.Where(s => s.CoverDays is { } c && c < b.StockLeadTimeDays).OrderBy(s => s.CoverDays);

    /// <summary>SKUs launched within the trial window whose conversion beats their category's.</summary>
    public static IEnumerable<(SkuStats Sku, double CategoryConversion)> TrialsToScale(IReadOnlyList<SkuStats> month, DateOnly today, Benchmarks b)
    {
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(b);
        var byCategory = month.GroupBy(s => s.Category).ToDictionary(
            g => g.Key,
            g => g.Sum(s => s.ProductVisitors) == 0 ? 0 : (double)g.Sum(s => s.PaidBuyers) / g.Sum(s => s.ProductVisitors));
        return month
            .Where(s => s.LaunchDate is { } launch && launch > today.AddDays(-b.TrialDays) && s.Conversion > byCategory[s.Category])
            .OrderByDescending(s => s.Conversion)
            .Select(s => (s, byCategory[s.Category]));
    }
}
