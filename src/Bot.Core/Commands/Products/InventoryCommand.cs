using Bot.Core.Commands.Query;
using Humanizer;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Products;

/// <summary><c>inventory</c>: turnover days, slow movers, stock-out risk and trial SKUs beating their category.</summary>
public sealed class InventoryCommand(QueryServices query, Benchmarks benchmarks) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "inventory",
        Aliases: ["库存", "stock", "滞销", "slow movers", "库存周转"],
        Usage: "inventory [shop]",
        Example: "inventory",
        Summary: "Turnover, slow movers, stock-out risk, trial SKUs to scale");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var refs = await query.Reference.GetAsync(cancellationToken);
        var parsed = QueryArgsParser.Parse(request, refs, query.Clock.Today(), DefaultPeriods.Last30Days);
        if (!parsed.Success)
        {
            return QueryServices.Usage(Info, parsed.Error!);
        }

        var args = parsed.Value!;
        var today = query.Clock.Today();
        var format = query.FormatFor(request);
        var month = new DateRange(today.AddDays(-30), today.AddDays(-1));
        var week = new DateRange(today.AddDays(-7), today.AddDays(-1));
        var monthStats = await query.Store.GetSkuStatsAsync(month, args.Shop, cancellationToken);
        if (monthStats.Count == 0)
        {
            return Coverage.NoData("No inventory data", month, await query.Store.GetLastDataDayAsync(args.Shop, cancellationToken));
        }

        var health = InventoryReport.Assess(monthStats, await query.Store.GetSkuStatsAsync(week, args.Shop, cancellationToken), month.Days, week.Days);
        var totalStock = health.Sum(h => h.Sku.AvgStock ?? 0);
        var totalDaily = health.Sum(h => h.DailyUnits);
        var overallTurnover = totalDaily > 0 ? totalStock / totalDaily : (double?)null;
        var slow = InventoryReport.SlowMovers(health, benchmarks).ToList();
        var risk = InventoryReport.StockOutRisk(health, benchmarks).ToList();
        var trials = InventoryReport.TrialsToScale(monthStats, today, benchmarks).ToList();

        var blocks = new List<ReplyBlock>
        {
            new FactBlock([
                new Fact("Turnover days 周转天数", $"{format.Days(overallTurnover)} (healthy < {benchmarks.HealthyTurnoverDays:0} d)"),
                new Fact("SKUs with stock", format.Count(health.Count(h => h.Sku.StockEnd > 0))),
                new Fact("Slow movers 滞销", format.Count(slow.Count)),
                new Fact("Stock-out risk 断货风险", format.Count(risk.Count)),
            ]),
        };
        if (overallTurnover > benchmarks.HealthyTurnoverDays)
        {
            blocks.Add(new TextBlock($"Overall turnover is above the healthy {benchmarks.HealthyTurnoverDays:0} days.", Tone.Warning));
        }

        if (risk.Count > 0)
        {
            blocks.Add(new TableBlock(["SKU", "Stock", "Sold/day (7d)", "Days of cover"], [.. risk.Take(8).Select(h => (IReadOnlyList<Cell>)[
                new Cell($"{h.Sku.Name} ({h.Sku.Sku})"), new Cell(format.Count(h.Sku.StockEnd)), new Cell(format.Ratio(h.Sku.StockEnd / h.CoverDays)), new Cell(format.Days(h.CoverDays), Tone.Bad)])])
            {
                Caption = $"Stock-out risk: cover below the {benchmarks.StockLeadTimeDays}-day lead time",
            });
        }

        if (slow.Count > 0)
        {
            blocks.Add(new TableBlock(["SKU", "Stock", "Sold (30d)", "Turnover"], [.. slow.Take(8).Select(h => (IReadOnlyList<Cell>)[
                new Cell($"{h.Sku.Name} ({h.Sku.Sku})"), new Cell(format.Count(h.Sku.StockEnd)), new Cell(format.Count(h.Sku.UnitsSold)), new Cell(h.TurnoverDays is { } t && !double.IsInfinity(t) ? format.Days(t) : "no sales", Tone.Bad)])])
            {
                Caption = $"Slow movers: clear them (turnover over {3 * benchmarks.HealthyTurnoverDays:0} days or no sales)",
            });
        }

        blocks.Add(trials.Count > 0
            ? new TableBlock(["New SKU", "Launched", "Conversion", "Category"], [.. trials.Take(8).Select(t => (IReadOnlyList<Cell>)[
                new Cell($"{t.Sku.Name} ({t.Sku.Sku})"), new Cell(t.Sku.LaunchDate!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), new Cell(format.Rate(t.Sku.Conversion), Tone.Good), new Cell($"{t.Sku.Category} {format.Rate(t.CategoryConversion)}")])])
            {
                Caption = $"Trial SKUs (first {benchmarks.TrialDays} days) beating their category — candidates to scale",
            }
            : new TextBlock($"No SKU in its first {benchmarks.TrialDays} days beats its category's conversion yet.", Tone.Subtle));
        return new Reply("Inventory 库存", blocks)
        {
            Subtitle = $"{(args.Shop is null ? "All shops" : refs.ShopName(args.Shop))} · last 30 days ({month})",
            Summary = $"Inventory: {"slow mover".ToQuantity(slow.Count)}, {"SKU".ToQuantity(risk.Count)} at risk of stock-out",
        };
    }
}
