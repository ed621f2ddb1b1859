using System.Globalization;
using Bot.Core.Commands.Query;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Metric;

/// <summary>
/// One metric for a period, asked the way people ask: <c>gmv yesterday</c>, <c>昨天 转化率</c>, <c>what was conversion last week</c>.
/// The value with 环比 and 同比, the benchmark where there is one, the days around it, and the channels behind it.
/// </summary>
public sealed class MetricCommand(QueryServices query, Benchmarks benchmarks) : IImplicitCommand
{
    /// <summary>Days of context drawn for a short period (a single day shows the fortnight ending on it).</summary>
    public const int ContextDays = 14;

    public const int ChannelsShown = 8;

    public CommandInfo Info { get; } = new(
        Verb: "metric",
        Aliases: ["单指标", "指标详情"],
        Usage: "<metric> [period] [shop] [channel] — or metric <metric> …",
        Example: "conversion yesterday",
        Summary: "One number asked plainly: GMV, conversion, visitors, AOV … with 环比, 同比, benchmark and channels");

    /// <summary>A message naming no command but a metric is a question about that metric.</summary>
    public ValueTask<bool> RecognisesAsync(string normalizedText, CancellationToken cancellationToken) =>
        ValueTask.FromResult(MetricCatalog.Find(normalizedText) is not null);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (MetricCatalog.Find(TextNormalizer.Normalize(request.Args)) is not { } found)
        {
            return QueryServices.Usage(Info, $"Which metric? I know: {string.Join(", ", MetricCatalog.All.Select(m => m.Key))}.");
        }

        var metric = found.Metric;
        var (comparison, refs, problem) = await query.CompareAsync(request with { Args = found.Remaining }, Info, DefaultPeriods.Yesterday, $"No {metric.Name} data", cancellationToken);
        if (comparison is null)
        {
            return problem!;
        }

        var args = comparison.Args;
        var format = query.FormatFor(request);
        var blocks = new List<ReplyBlock> { new MetricBlock([comparison.Line(metric, format, BenchmarkNote(metric, metric.Value(comparison.Current), format))]) };

        var context = args.Period.Days >= ContextDays ? args.Period : new DateRange(args.Period.To.AddDays(1 - ContextDays), args.Period.To);
        blocks.Add(await DailyChartAsync(metric, args, context, format, cancellationToken));
        if (await ChannelTableAsync(metric, args, refs, format, cancellationToken) is { } channels)
        {
            blocks.Add(channels);
        }

        Kpi.KpiCommand.AddNotes(blocks, comparison, args);
        var period = args.PeriodLabel.Split(" (")[0];
        blocks.Add(new TextBlock($"More: `trend {metric.Key} last 30 days`, `why {metric.Key} {period}`.", Tone.Subtle));
        return new Reply($"{metric.Label} — {args.PeriodLabel}", blocks)
        {
            Subtitle = QueryServices.Scope(args, refs),
            Summary = $"{metric.Name} {args.PeriodLabel}: {format.Format(metric.Value(comparison.Current), metric.Kind)}",
        };
    }

    private string? BenchmarkNote(MetricDefinition metric, double? value, NumberFormat format)
    {
        (double Low, double? High)? band = metric.Key switch
        {
            "conversion" => (benchmarks.ConversionLow, benchmarks.ConversionHigh),
            "new visitor share" => (benchmarks.NewVisitorShare, null),
            "avg stay" => (benchmarks.MinAverageStaySeconds, null),
            _ => null,
        };
        if (band is not { } b || value is not { } v)
        {
            return null;
        }

        var range = b.High is { } high ? $"{format.Format(b.Low, metric.Kind)}–{format.Format(high, metric.Kind)}" : $"at least {format.Format(b.Low, metric.Kind)}";
        var verdict = v < b.Low ? "below" : b.High is { } h && v > h ? "above" : "within";
        return $"benchmark {range} — {verdict}";
    }

    private async Task<ChartBlock> DailyChartAsync(MetricDefinition metric, QueryArgs args, DateRange range, NumberFormat format, CancellationToken cancellationToken)
    {
        var series = await DailySeries.LoadAsync(query.Store, args, range, metric, cancellationToken);
        var known = series.Where(s => s.Value.HasValue).ToList();
        var title = known.Count == 0
            ? $"{metric.Name}, daily {range}"
            : $"{metric.Name}, daily {range}: low {format.Format(known.Min(s => s.Value), metric.Kind)}, high {format.Format(known.Max(s => s.Value), metric.Kind)}";
        return new ChartBlock(
            title,
            [.. known.Select(s => new ChartPoint(s.Day.ToString("MM-dd", CultureInfo.InvariantCulture), s.Value!.Value))],
            Sparkline.Render([.. series.Select(s => s.Value)]));
    }

    /// <summary>The metric per channel, biggest channels first, with 环比: where the change came from.</summary>
    private async Task<TableBlock?> ChannelTableAsync(MetricDefinition metric, QueryArgs args, ReferenceData.Snapshot refs, NumberFormat format, CancellationToken cancellationToken)
    {
        if (args.Channels.Count == 1)
        {
            return null;
        }

        var current = await query.Store.SumCountersAsync(args.Counters(args.Period, CounterGrouping.Channel), cancellationToken);
        if (current.Count < 2)
        {
            return null;
        }

        var previous = Coverage.ComparableByKey(current, await query.Store.SumCountersAsync(args.Counters(args.Period.Previous(), CounterGrouping.Channel), cancellationToken), args.Period, args.Period.Previous());
        var rows = current
            .OrderByDescending(r => r.Counters.Visitors)
            .Take(ChannelsShown)
            .Select(r =>
            {
                var value = metric.Value(r.Counters);
                var (change, tone) = format.Change(value, previous.TryGetValue(r.Key, out var p) ? metric.Value(p) : null, metric.Kind, metric.HigherIsBetter);
                return (IReadOnlyList<Cell>)[new Cell(refs.ChannelName(r.Key)), new Cell(format.Format(value, metric.Kind)), new Cell(change, tone)];
            });
        return new TableBlock(["Channel", metric.Name, "环比"], [.. rows])
        {
            Caption = current.Count > ChannelsShown
                ? TextNormalizer.Invariant($"By channel (the {ChannelsShown} with most visitors of {current.Count})")
                : "By channel",
        };
    }
}
