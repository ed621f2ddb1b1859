using System.Globalization;
using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Products;

/// <summary><c>top products [period] [by gmv|units|conversion]</c>: the best sellers (爆款).</summary>
public sealed class TopProductsCommand(QueryServices query) : ICommandHandler
{
    public const int DefaultListed = 10;

    public const int MaxListed = 30;

    // Words of the question that are not a ranking: the sort keys themselves and what people call the list.
    private static readonly string[] KnownWords =
    [
        "gmv", "units", "conversion", "销量", "件数", "转化率", "转化", "成交金额", "销售额", "by", "按", "products", "product", "skus", "sku", "商品", "items", "best", "sellers", "selling", "排行", "排名",
    ];

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

        // Phrases, not tokens: Chinese is not split into words ("按销量" is one token).
        var rest = args.Remaining;
        bool Says(params string[] names) => names.Any(name => CommandMatcher.FindPhrase(rest, name) >= 0);
        var by = Says("units", "销量", "件数") ? "units"
            : Says("conversion", "转化率", "转化") ? "conversion"
            : "gmv";

        // "top 5 products": how many to list; a word that is no ranking is said, not silently ignored.
        foreach (var known in KnownWords.OrderByDescending(k => k.Length))
        {
            for (var at = CommandMatcher.FindPhrase(rest, known); at >= 0; at = CommandMatcher.FindPhrase(rest, known))
            {
                rest = rest[..at] + " " + rest[(at + known.Length)..];
            }
        }

        var words = TextNormalizer.Tokens(rest);
        var numbers = words.Select(w => int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null).ToList();
        var asked = numbers.FirstOrDefault(n => n is not null);
        var count = asked is { } a and >= 1 ? Math.Min(a, MaxListed) : DefaultListed;
        var unknown = words.Where((w, i) => numbers[i] is null).ToList();
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
        }).Take(count).ToList();
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
        var blocks = new List<ReplyBlock>
        {
            new TableBlock(["Product", "Category", "Units", "GMV", "Share", "Conv.", "GMV 环比"], rows),
            new TextBlock($"{skus.Count} products sold in the period; the top {ranked.Count} make {format.Rate(totalGmv == 0 ? null : (double)(ranked.Sum(s => s.Gmv) / totalGmv))} of product GMV." + (by == "conversion" ? $" Only products with ≥ {minVisitors} visitors are ranked by conversion." : string.Empty), Tone.Subtle),
        };
        if (asked is { } n && n != count)
        {
            blocks.Add(new TextBlock(n < 1 ? $"'top {n}' lists nothing, so here are the top {count}." : $"Listing the top {count}: {MaxListed} is the most one card holds.", Tone.Warning));
        }

        if (unknown.Count > 0)
        {
            blocks.Add(new TextBlock($"I can't rank by '{string.Join(' ', unknown)}', so this is by {by}. Rankings: `by gmv`, `by units`, `by conversion`; a number lists that many (up to {MaxListed}).", Tone.Warning));
        }

        return new Reply($"Top products 爆款 — by {by}", blocks)
        {
            Subtitle = QueryServices.Scope(args, refs),
            Summary = $"Top product {args.PeriodLabel}: {ranked.FirstOrDefault()?.Name}",
        };
    }
}
