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
        Usage: "kpi [period] [shop] [channel]",
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

        AddNotes(blocks, comparison, args);
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

    internal static void AddNotes(List<ReplyBlock> blocks, Comparison comparison, QueryArgs args)
    {
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
