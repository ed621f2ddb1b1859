using Bot.Core.Commands.Kpi;
using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Traffic;

/// <summary><c>traffic [period]</c>: channel mix and shares, new vs returning, bounce, stay, PV per visitor, biggest movers.</summary>
public sealed class TrafficCommand(QueryServices query, Benchmarks benchmarks) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "traffic",
        Aliases: ["流量", "traffic sources", "流量来源", "访客来源"],
        Usage: "traffic [period] [shop]",
        Example: "traffic last 30 days",
        Summary: "Where visitors come from, new vs returning, bounce and stay");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (comparison, refs, problem) = await query.CompareAsync(request, Info, DefaultPeriods.Last7Days, "No traffic data", cancellationToken);
        if (comparison is null)
        {
            return problem!;
        }

        var args = comparison.Args;

        var format = query.FormatFor(request);
        var now = await query.Store.SumCountersAsync(args.Counters(args.Period, CounterGrouping.Channel), cancellationToken);
        var before = comparison.PreviousLeftOutDays is null
            ? Coverage.ComparableByKey(now, await query.Store.SumCountersAsync(args.Counters(args.Period.Previous(), CounterGrouping.Channel), cancellationToken), args.Period, args.Period.Previous())
            : [];
        var total = comparison.Current.Visitors;
        var totalBefore = comparison.Previous.Visitors;

        var mix = now.OrderByDescending(r => r.Counters.Visitors).Select(r =>
        {
            var share = total == 0 ? (double?)null : (double)r.Counters.Visitors / total;
            var prev = before.GetValueOrDefault(r.Key);
            var (change, tone) = format.Change(r.Counters.Visitors, prev?.Visitors, MetricKind.Count, true);
            return (IReadOnlyList<Cell>)[
                new Cell(refs.ChannelName(r.Key)),
                new Cell(format.Count(r.Counters.Visitors)),
                new Cell(format.Rate(share)),
                new Cell(change, tone),
                new Cell(format.Rate(r.Counters.Conversion)),
                new Cell(format.Money(r.Counters.UvValue)),
                new Cell(r.Counters.AdCost > 0 ? format.Money(r.Counters.AdCost) : "—"),
                new Cell(format.Ratio(r.Counters.Roas)),
            ];
        }).ToList();

        var newShare = comparison.Current.NewVisitorShare;
        var newNote = newShare is { } ns
            ? $"benchmark ≈ {format.Rate(benchmarks.NewVisitorShare)} new : {format.Rate(1 - benchmarks.NewVisitorShare)} returning" + (ns > benchmarks.NewVisitorGrowthSignal ? " — above 40 %: a growth signal" : string.Empty)
            : null;
        var stay = comparison.Current.AvgStaySeconds;
        var stayNote = stay is { } st ? $"benchmark ≥ {format.Seconds(benchmarks.MinAverageStaySeconds)}" + (st < benchmarks.MinAverageStaySeconds ? " — below" : string.Empty) : null;

        var blocks = new List<ReplyBlock>
        {
            new MetricBlock([
                comparison.Line(MetricCatalog.Visitors, format),
                comparison.Line(MetricCatalog.NewVisitorShare, format, newNote),
                comparison.Line(MetricCatalog.BounceRate, format),
                comparison.Line(MetricCatalog.AvgStay, format, stayNote),
                comparison.Line(MetricCatalog.PvPerVisitor, format),
            ]),
            new TableBlock(["Channel", "Visitors", "Share", "环比", "Conv.", "UV value", "Cost", "ROAS"], mix) { Caption = "Channel mix 渠道结构" },
        };

        var movers = Movers(now, before, total, totalBefore, refs, format);
        if (movers.Count > 0)
        {
            blocks.Add(new TextBlock("Biggest movers: " + string.Join("; ", movers) + ".", Tone.Neutral));
        }

        KpiCommand.AddNotes(blocks, comparison, args);
        return new Reply("Traffic 流量", blocks)
        {
            Subtitle = QueryServices.Scope(args, refs),
            Summary = $"Traffic {args.PeriodLabel}: {format.Count(total)} visitors",
        };
    }

    /// <summary>The three channels whose share of visitors moved most against the previous period.</summary>
    internal static List<string> Movers(IReadOnlyList<CounterRow> now, Dictionary<string, Counters> before, long total, long totalBefore, ReferenceData.Snapshot refs, Formatting.NumberFormat format)
    {
        if (total == 0 || totalBefore == 0)
        {
            return [];
        }

        return now
            .Select(r => (r.Key, r.Counters.Visitors, Delta: ((double)r.Counters.Visitors / total) - ((double)(before.GetValueOrDefault(r.Key)?.Visitors ?? 0) / totalBefore), Before: before.GetValueOrDefault(r.Key)?.Visitors ?? 0))
            .OrderByDescending(x => Math.Abs(x.Delta))
            .Take(3)
            .Where(x => Math.Abs(x.Delta) >= 0.001)
            .Select(x => $"{refs.ChannelName(x.Key)} share {(x.Delta > 0 ? "▲" : "▼")} {format.Ratio(Math.Abs(x.Delta) * 100)}pp ({format.Count(x.Before)} → {format.Count(x.Visitors)} visitors)")
            .ToList();
    }
}
