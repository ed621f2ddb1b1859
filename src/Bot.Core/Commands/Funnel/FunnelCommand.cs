using Bot.Core.Commands.Kpi;
using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Funnel;

/// <summary><c>funnel [period] [by channel]</c>: each step's rate and loss against benchmark and the previous period.</summary>
public sealed class FunnelCommand(QueryServices query, Benchmarks benchmarks) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "funnel",
        Aliases: ["漏斗", "转化漏斗", "conversion funnel"],
        Usage: "funnel [period] [by channel] [channel] [shop]",
        Example: "funnel last week by channel",
        Summary: "Visit → product → cart → order → payment, with the weakest step");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (comparison, refs, problem) = await query.CompareAsync(request, Info, DefaultPeriods.Last7Days, "No funnel data", cancellationToken);
        if (comparison is null)
        {
            return problem!;
        }

        var args = comparison.Args;

        var format = query.FormatFor(request);
        var steps = FunnelReport.Steps(comparison.Current, benchmarks);
        var previous = FunnelReport.Steps(comparison.Previous, benchmarks);
        var rows = new List<IReadOnlyList<Cell>>();
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var (change, tone) = format.Change(s.Rate, comparison.Previous.HasData ? previous[i].Rate : null, MetricKind.Rate, higherIsBetter: true);
            var vsBenchmark = s.Benchmark is { } bm && s.Rate is { } r ? (r >= bm ? Tone.Good : Tone.Bad) : Tone.Neutral;
            rows.Add([
                new Cell(s.Name),
                new Cell(format.Count(s.To)),
                new Cell(format.Rate(s.Rate), vsBenchmark),
                new Cell(format.Rate(s.Loss)),
                new Cell(change, tone),
                new Cell(s.Benchmark is { } b ? format.Rate(b) : "—", Tone.Subtle),
            ]);
        }

        var blocks = new List<ReplyBlock>
        {
            new FactBlock([new Fact("Visitors 访客", format.Count(comparison.Current.Visitors)), new Fact("Paid buyers 支付买家", format.Count(comparison.Current.PaidBuyers))]),
            new TableBlock(["Step", "Reached", "Rate", "Loss", "环比", "Benchmark"], rows),
            new MetricBlock([comparison.Line(MetricCatalog.Conversion, format, $"benchmark {format.Rate(benchmarks.ConversionLow)}–{format.Rate(benchmarks.ConversionHigh)}")]),
        };

        var weakest = FunnelReport.Weakest(steps, comparison.Previous.HasData ? previous : steps, format);
        blocks.Add(weakest is { } w
            ? new TextBlock($"Weakest step: **{steps[w.Index].Name}** — {w.Reason}.", Tone.Warning)
            : new TextBlock("Every step meets its benchmark and none fell against the previous period.", Tone.Good));

        if (args.GroupBy == CounterGrouping.Channel)
        {
            blocks.Add(await ByChannelAsync(args, refs, format, cancellationToken));
        }

        KpiCommand.AddNotes(blocks, comparison, args);
        return new Reply("Conversion funnel 转化漏斗", blocks)
        {
            Subtitle = QueryServices.Scope(args, refs),
            Summary = $"Funnel {args.PeriodLabel}: conversion {format.Rate(comparison.Current.Conversion)}" + (weakest is { } x ? $", weakest step {steps[x.Index].Name}" : string.Empty),
        };
    }

    private async Task<TableBlock> ByChannelAsync(QueryArgs args, ReferenceData.Snapshot refs, Formatting.NumberFormat format, CancellationToken cancellationToken)
    {
        var rows = await query.Store.SumCountersAsync(args.Counters(args.Period, CounterGrouping.Channel), cancellationToken);
        var table = rows
            .OrderByDescending(r => r.Counters.Visitors)
            .Select(r =>
            {
                var s = FunnelReport.Steps(r.Counters, benchmarks);
                var conversion = r.Counters.Conversion;
                var tone = conversion is { } c ? (c < benchmarks.ConversionLow ? Tone.Bad : Tone.Neutral) : Tone.Neutral;
                return (IReadOnlyList<Cell>)[
                    new Cell(refs.ChannelName(r.Key)),
                    new Cell(format.Count(r.Counters.Visitors)),
                    .. s.Select(step => new Cell(format.Rate(step.Rate))),
                    new Cell(format.Rate(conversion), tone),
                ];
            })
            .ToList();
        return new TableBlock(["Channel", "Visitors", "→Product", "→Cart", "→Order", "→Paid", "Conversion"], table) { Caption = "By channel 按渠道" };
    }
}
