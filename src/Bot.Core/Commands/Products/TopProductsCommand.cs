using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Products;

/// <summary><c>top products [period] [by gmv|units|conversion]</c>: the best sellers (爆款).</summary>
public sealed class TopProductsCommand(QueryServices query) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "top products",
        Aliases: ["爆款", "top skus", "best sellers", "热销", "top"],
        Usage: "top products [period] [by gmv|units|conversion] [shop]",
        Example: "top products last week by units",
        Summary: "Best-selling products by GMV, units or conversion");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (args, refs, problem) = await query.ParseAsync(request, Info, DefaultPeriods.Last7Days, cancellationToken);
        if (args is null)
        {
            return problem!;
        }

        var words = args.Words;
        var by = words.Contains("units") || words.Contains("销量") ? "units"
            : words.Contains("conversion") || words.Contains("转化率") || words.Contains("转化") ? "conversion"
            : "gmv";
        var format = query.FormatFor(request);
        var skus = await query.Store.GetSkuStatsAsync(args.Period, args.Shop, cancellationToken);
        if (skus.Count == 0)
        {
            return Coverage.NoData("No product data", args.Period, await query.Store.GetLastDataDayAsync(args.Shop, cancellationToken));
        }

        // Conversion ranking ignores SKUs with too few visitors to mean anything.
        var minVisitors = Math.Max(50, skus.Sum(s => s.ProductVisitors) / Math.Max(1, skus.Count) / 5);
        var ranked = (by switch
        {
            "units" => skus.OrderByDescending(s => s.UnitsSold),
            "conversion" => skus.Where(s => s.ProductVisitors >= minVisitors).OrderByDescending(s => s.Conversion ?? 0),
            _ => skus.OrderByDescending(s => s.Gmv),
        }).Take(10).ToList();
        var previous = (await query.Store.GetSkuStatsAsync(args.Period.Previous(), args.Shop, cancellationToken)).ToDictionary(s => s.Sku, s => s);
        var totalGmv = skus.Sum(s => s.Gmv);
        var rows = ranked.Select((s, i) =>
        {
            var (change, tone) = format.Change((double)s.Gmv, previous.TryGetValue(s.Sku, out var p) ? (double)p.Gmv : null, MetricKind.Money, true);
            return (IReadOnlyList<Cell>)[
                new Cell($"{i + 1}. {s.Name} ({s.Sku})"),
                new Cell(s.Category),
                new Cell(format.Count(s.UnitsSold)),
                new Cell(format.Money(s.Gmv)),
                new Cell(format.Rate(totalGmv == 0 ? null : (double)(s.Gmv / totalGmv))),
                new Cell(format.Rate(s.Conversion)),
                new Cell(change, tone),
            ];
        }).ToList();
        return new Reply($"Top products 爆款 — by {by}", [
            new TableBlock(["Product", "Category", "Units", "GMV", "Share", "Conv.", "GMV 环比"], rows),
            new TextBlock($"{skus.Count} products sold in the period; the top 10 make {format.Rate(totalGmv == 0 ? null : (double)(ranked.Sum(s => s.Gmv) / totalGmv))} of product GMV." + (by == "conversion" ? $" Only products with ≥ {minVisitors} visitors are ranked by conversion." : string.Empty), Tone.Subtle),
        ])
        {
            Subtitle = QueryServices.Scope(args, refs),
            Summary = $"Top product {args.PeriodLabel}: {ranked.FirstOrDefault()?.Name}",
        };
    }
}
