using System.Globalization;
using Bot.Core.Commands.Query;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Trend;

/// <summary><c>trend &lt;metric&gt; [period]</c>: the daily series with a sparkline, min/max/average and the change.</summary>
public sealed class TrendCommand(QueryServices query) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "trend",
        Aliases: ["趋势", "走势", "series"],
        Usage: "trend <metric> [period] [channel] [shop]",
        Example: "trend conversion last 30 days",
        Summary: "Daily series of a metric with a sparkline");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (args, refs, problem) = await query.ParseAsync(request, Info, DefaultPeriods.Last30Days, cancellationToken);
        if (args is null)
        {
            return problem!;
        }

        var found = MetricCatalog.Find(args.Remaining);
        var metric = found?.Metric ?? MetricCatalog.Gmv;
        if (args.Period.Days > 400)
        {
            return QueryServices.Usage(Info, "A daily trend covers at most 400 days; pick a shorter period such as `last 90 days` or `2026-Q3`.");
        }

        var format = query.FormatFor(request);
        var series = await DailySeries.LoadAsync(query.Store, args, args.Period, metric, cancellationToken);
        var comparison = await Comparison.LoadAsync(query.Store, args, cancellationToken);
        if (!comparison.Current.HasData)
        {
            return Coverage.NoData($"No data for a {metric.Name} trend", args.Period, comparison.LastDataDay);
        }

        var values = series.Where(s => s.Value.HasValue).ToList();
        var min = values.MinBy(v => v.Value!.Value);
        var max = values.MaxBy(v => v.Value!.Value);
        var average = values.Average(v => v.Value!.Value);
        var first = values[0];
        var last = values[^1];
        var (change, tone) = format.Change(last.Value, first.Value, metric.Kind, metric.HigherIsBetter);

        var blocks = new List<ReplyBlock>
        {
            new ChartBlock($"{metric.Label}, daily", [.. series.Where(s => s.Value.HasValue).Select(s => new ChartPoint(s.Day.ToString("MM-dd", CultureInfo.InvariantCulture), s.Value!.Value))], Sparkline.Render([.. series.Select(s => s.Value)])),
            new FactBlock([
                new Fact("Min", $"{format.Format(min.Value, metric.Kind)} on {min.Day:yyyy-MM-dd} ({min.Day.DayOfWeek.ToString()[..3]})"),
                new Fact("Max", $"{format.Format(max.Value, metric.Kind)} on {max.Day:yyyy-MM-dd} ({max.Day.DayOfWeek.ToString()[..3]})"),
                new Fact("Daily average", format.Format(average, metric.Kind)),
                new Fact("First → last day", $"{format.Format(first.Value, metric.Kind)} → {format.Format(last.Value, metric.Kind)} ({change})"),
            ]),
            new MetricBlock([comparison.Line(metric, format, "whole period")]),
        };
        if (found is null && args.Words.Count > 0)
        {
            blocks.Add(new TextBlock($"I didn't recognise a metric in '{string.Join(' ', args.Words)}', so this is GMV. Metrics: {string.Join(", ", MetricCatalog.All.Select(m => m.Key))}.", Tone.Warning));
        }

        if (comparison.CoverageNote() is { } note)
        {
            blocks.Add(new TextBlock(note, Tone.Warning));
        }

        if (comparison.PreviousLeftOutDays is not null || comparison.YearAgoLeftOutDays is not null)
        {
            blocks.Add(new TextBlock(comparison.ComparisonNotes(), Tone.Warning));
        }

        return new Reply($"Trend 趋势 — {metric.Label}", blocks)
        {
            Subtitle = QueryServices.Scope(args, refs),
            Summary = $"{metric.Name} trend {args.PeriodLabel}: {Sparkline.Render([.. series.Select(s => s.Value)])}",
        };
    }
}
