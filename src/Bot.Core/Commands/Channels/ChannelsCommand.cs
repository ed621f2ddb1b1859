using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Channels;

/// <summary><c>channels [period]</c>: per channel visitors, GMV, cost, ROAS and ROI (both, labelled), UV value, ranked.</summary>
public sealed class ChannelsCommand(QueryServices query) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "channels",
        Aliases: ["channel roi", "channel", "渠道", "渠道roi", "渠道投产", "channel report"],
        Usage: "channels [period] [shop]",
        Example: "channel roi last month",
        Summary: "Per-channel GMV, cost, ROAS and ROI, ranked");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (args, refs, problem) = await query.ParseAsync(request, Info, DefaultPeriods.Last30Days, cancellationToken);
        if (args is null)
        {
            return problem!;
        }

        var format = query.FormatFor(request);
        var rows = await query.Store.SumCountersAsync(args.Counters(args.Period, CounterGrouping.Channel), cancellationToken);
        if (rows.Count == 0)
        {
            return Coverage.NoData("No channel data", args.Period, await query.Store.GetLastDataDayAsync(args.Shop, cancellationToken));
        }

        var previous = Coverage.ComparableByKey(rows, await query.Store.SumCountersAsync(args.Counters(args.Period.Previous(), CounterGrouping.Channel), cancellationToken), args.Period, args.Period.Previous());

        // Paid channels ranked by ROAS first; organic channels (no cost) after, by GMV.
        var ranked = rows.OrderByDescending(r => r.Counters.AdCost > 0).ThenByDescending(r => r.Counters.Roas ?? 0).ThenByDescending(r => r.Counters.Gmv).ToList();
        var table = ranked.Select((r, i) =>
        {
            var c = r.Counters;
            var (roasChange, roasTone) = format.Change(c.Roas, previous.GetValueOrDefault(r.Key)?.Roas, MetricKind.Ratio, true);
            var roasTone2 = c.Roas is { } roas ? (roas < 1 ? Tone.Bad : Tone.Neutral) : Tone.Subtle;
            return (IReadOnlyList<Cell>)[
                new Cell($"{i + 1}. {refs.ChannelName(r.Key)}"),
                new Cell(format.Count(c.Visitors)),
                new Cell(format.Money(c.Gmv)),
                new Cell(c.AdCost > 0 ? format.Money(c.AdCost) : "organic", c.AdCost > 0 ? Tone.Neutral : Tone.Subtle),
                new Cell(c.Roas is { } x ? format.Ratio(x) : "—", roasTone2),
                new Cell(c.Roi is { } y ? format.Rate(y) : "—", roasTone2),
                new Cell(roasChange, roasTone),
                new Cell(format.Money(c.UvValue)),
            ];
        }).ToList();

        var total = rows.Select(r => r.Counters).Aggregate(Counters.Zero, Counters.Add);
        var losing = ranked.Where(r => r.Counters.Roas is < 1).Select(r => refs.ChannelName(r.Key)).ToList();
        var blocks = new List<ReplyBlock>
        {
            new TableBlock(["Channel", "Visitors", "GMV", "Cost", "ROAS 投产比", "ROI 回报率", "ROAS 环比", "UV value"], table),
            new FactBlock([
                new Fact("Total GMV", format.Money(total.Gmv)),
                new Fact("Total ad cost", format.Money(total.AdCost)),
                new Fact("Blended ROAS / ROI", $"{format.Ratio(total.Roas)} / {format.Rate(total.Roi)}"),
            ]),
            new TextBlock("ROAS = GMV ÷ cost (a 3.5 means ¥3.5 back per ¥1); ROI = (GMV − cost) ÷ cost. Both are shown so nobody misreads a 3.5.", Tone.Subtle),
        };
        if (losing.Count > 0)
        {
            blocks.Insert(1, new TextBlock($"ROAS below 1 (spending more than it brings in): {string.Join(", ", losing)} — review the budget.", Tone.Bad));
        }

        if (args.PeriodNote is { } note)
        {
            blocks.Add(new TextBlock(note, Tone.Subtle));
        }

        return new Reply("Channel ROI 渠道投产", blocks)
        {
            Subtitle = QueryServices.Scope(args, refs),
            Summary = $"Channels {args.PeriodLabel}: blended ROAS {format.Ratio(total.Roas)}",
        };
    }
}
