using Bot.Core.Commands.Query;
using Bot.Core.Commands.Why;
using Bot.Core.Metrics;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Kpi;

/// <summary><c>kpi [period]</c>: the six headline numbers with 环比 and 同比.</summary>
public sealed class KpiCommand(QueryServices query, Benchmarks benchmarks) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "kpi",
        Aliases: ["概览", "overview", "kpis", "指标", "核心指标", "summary", "how are we doing", "how did we do", "整体表现", "整体情况"],
        Usage: "kpi [period] [shop] [channel] [by shop]",
        Example: "kpi last week",
        Summary: "GMV, orders, visitors, conversion, AOV, refund rate");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (comparison, refs, problem) = await query.CompareAsync(request, Info, DefaultPeriods.Last7Days, "No KPI data", cancellationToken);
        if (comparison is null)
        {
            return problem!;
        }

        var args = comparison.Args;

        var format = query.FormatFor(request);
        var conversion = comparison.Current.Conversion;
        var conversionNote = conversion is { } c
            ? $"benchmark {format.Rate(benchmarks.ConversionLow)}–{format.Rate(benchmarks.ConversionHigh)}" + (c < benchmarks.ConversionLow ? " — below" : c > benchmarks.ConversionHigh ? " — above" : " — within")
            : null;
        var blocks = new List<ReplyBlock>
        {
            new MetricBlock([
                comparison.Line(MetricCatalog.Gmv, format),
                comparison.Line(MetricCatalog.Orders, format),
                comparison.Line(MetricCatalog.Visitors, format),
                comparison.Line(MetricCatalog.Conversion, format, conversionNote),
                comparison.Line(MetricCatalog.Aov, format),
                comparison.Line(MetricCatalog.RefundRate, format),
            ]),
        };
        if (StandsOut(comparison, format) is { } standsOut)
        {
            blocks.Add(new TextBlock(standsOut, Tone.Neutral));
        }

        if (args.GroupBy == CounterGrouping.Shop)
        {
            blocks.AddRange(args.Shop is null
                ? await ByShopAsync(args, refs, format, cancellationToken)
                : [new TextBlock($"These numbers are for {refs.ShopName(args.Shop)} only; `use shop all` (or naming no shop in a conversation that uses none) compares the shops.", Tone.Warning)]);
        }

        AddNotes(blocks, comparison, args, splitsByShop: true);
        return new Reply("KPI overview 概览", blocks)
        {
            Subtitle = QueryServices.Scope(args, refs),
            Summary = $"KPI {args.PeriodLabel}: GMV {format.Money(comparison.Current.Gmv)}, conversion {format.Rate(conversion)}",
        };
    }

    /// <summary>What stands out: where the change in GMV came from (visitors × conversion × AOV, as <c>why</c> splits it) and a
    /// conversion outside its benchmark band — so the card says what to look at, not only the numbers.</summary>
    private string? StandsOut(Comparison comparison, Formatting.NumberFormat format)
    {
        var (cur, prev) = (comparison.Current, comparison.Previous);
        var parts = new List<string>();
        if (prev.HasData && GmvDecomposition.Decompose(prev.Visitors, prev.PaidBuyers, (double)prev.Gmv, cur.Visitors, cur.PaidBuyers, (double)cur.Gmv) is { } effects)
        {
            var (change, _) = format.Change((double)cur.Gmv, (double)prev.Gmv, MetricKind.Money, higherIsBetter: true);
            if (change != Formatting.NumberFormat.Flat)
            {
                var drivers = new[] { ("visitors", effects.VisitorEffect), ("conversion", effects.ConversionEffect), ("aov", effects.AovEffect) }
                    .OrderByDescending(f => Math.Abs(f.Item2))
                    .Select(f => WhyCommand.Describe(f.Item1, f.Item2, format, MetricKind.Money))
                    .ToList();
                parts.Add($"GMV {change} vs {comparison.PreviousRange}: mostly {drivers[0]}, then {drivers[1]}. `why gmv {comparison.Args.Period}{(comparison.Args.Shop is { } shop ? " shop " + shop : string.Empty)}` shows the channels behind it.");
            }
        }

        if (cur.Conversion is { } conversion && (conversion < benchmarks.ConversionLow || conversion > benchmarks.ConversionHigh))
        {
            parts.Add($"Conversion {format.Rate(conversion)} is {(conversion < benchmarks.ConversionLow ? "below" : "above")} the {format.Rate(benchmarks.ConversionLow)}–{format.Rate(benchmarks.ConversionHigh)} benchmark band.");
        }

        return parts.Count == 0 ? null : "What stands out: " + string.Join(" ", parts);
    }

    /// <summary>Shops compared side by side (<c>kpi by shop</c>), biggest GMV first, each with its own 环比.</summary>
    private async Task<IReadOnlyList<ReplyBlock>> ByShopAsync(QueryArgs args, ReferenceData.Snapshot refs, Formatting.NumberFormat format, CancellationToken cancellationToken)
    {
        var now = await query.Store.SumCountersAsync(args.Counters(args.Period, CounterGrouping.Shop), cancellationToken);
        if (now.Count < 2)
        {
            return [new TextBlock(now.Count == 1 ? $"Only {refs.ShopName(now[0].Key)} has data for {args.Period}, so there is nothing to compare by shop." : "No shop has data for that period.", Tone.Subtle)];
        }

        var previous = args.Period.Previous();
        var before = Coverage.ComparableByKey(now, await query.Store.SumCountersAsync(args.Counters(previous, CounterGrouping.Shop), cancellationToken), args.Period, previous);
        var ranked = now.OrderByDescending(r => r.Counters.Gmv).ToList();
        var rows = ranked.Take(MaxShopRows).Select(r =>
        {
            var c = r.Counters;
            var (change, tone) = format.Change((double)c.Gmv, before.TryGetValue(r.Key, out var p) ? (double)p.Gmv : null, MetricKind.Money, higherIsBetter: true);
            var conversionTone = c.Conversion < benchmarks.ConversionLow ? Tone.Bad : Tone.Neutral;
            return (IReadOnlyList<Cell>)[
                new Cell(refs.ShopName(r.Key)),
                new Cell(format.Money(c.Gmv)),
                new Cell(change, tone),
                new Cell(format.Count(c.Visitors)),
                new Cell(format.Rate(c.Conversion), conversionTone),
                new Cell(format.Money(c.Aov)),
                new Cell(format.Rate(c.RefundRate)),
            ];
        }).ToList();
        var blocks = new List<ReplyBlock>
        {
            new TableBlock(["Shop", "GMV", "环比", "Visitors", "Conv.", "AOV", "Refund"], rows) { Caption = "By shop 分店铺", Widths = [3, 2, 2, 2, 2, 2, 2] },
        };
        if (ranked.Count > MaxShopRows)
        {
            blocks.Add(new TextBlock($"…and {ranked.Count - MaxShopRows} smaller shops; `kpi <shop>` shows one.", Tone.Subtle));
        }

        return blocks;
    }

    /// <summary>Shops listed at most in <c>kpi by shop</c>, biggest GMV first.</summary>
    private const int MaxShopRows = 20;

    internal static void AddNotes(List<ReplyBlock> blocks, Comparison comparison, QueryArgs args, bool splitsByShop = false)
    {
        if (args.GroupBy == CounterGrouping.Shop && !splitsByShop)
        {
            blocks.Add(new TextBlock("This answer is not split by shop; `kpi by shop` compares the shops, or name one shop.", Tone.Warning));
        }

        if (comparison.CoverageNote() is { } coverage)
        {
            blocks.Add(new TextBlock(coverage, Tone.Warning));
        }

        if (args.PeriodNote is { } note)
        {
            blocks.Add(new TextBlock(note, Tone.Subtle));
        }

        blocks.Add(new TextBlock(comparison.ComparisonNotes(), comparison.PreviousLeftOutDays is null && comparison.YearAgoLeftOutDays is null ? Tone.Subtle : Tone.Warning));
    }
}
