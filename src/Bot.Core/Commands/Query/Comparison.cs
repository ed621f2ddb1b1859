using System.Globalization;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Replies;
using Humanizer;

namespace Bot.Core.Commands.Query;

/// <summary>A period's counters with the two comparisons every answer shows: 环比 (previous period) and 同比 (a year earlier).</summary>
public sealed record Comparison(QueryArgs Args, Counters Current, Counters Previous, Counters YearAgo, DateOnly? LastDataDay)
{
    public DateRange PreviousRange => Args.Period.Previous();

    /// <summary>The same weekdays a year earlier, or for a campaign its previous occurrence (618 2026 → 618 2025).</summary>
    public DateRange YearAgoRange => Args.YearAgo?.Range ?? Args.Period.YearAgo();

    /// <summary>What <see cref="YearAgoRange"/> is, in words.</summary>
    public string YearAgoLabel => Args.YearAgo?.Label ?? "same weekdays last year";

    public static async Task<Comparison> LoadAsync(IMetricStore store, QueryArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(args);
        var current = await SumAsync(store, args.Counters(args.Period, CounterGrouping.None), cancellationToken);
        var previous = await SumAsync(store, args.Counters(args.Period.Previous(), CounterGrouping.None), cancellationToken);
        var yearAgo = await SumAsync(store, args.Counters(args.YearAgo?.Range ?? args.Period.YearAgo(), CounterGrouping.None), cancellationToken);
        var last = await store.GetLastDataDayAsync(args.Shop, cancellationToken);
        return new Comparison(args, current, previous, yearAgo, last);
    }

    public static async Task<Counters> SumAsync(IMetricStore store, CounterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = await store.SumCountersAsync(query with { GroupBy = CounterGrouping.None }, cancellationToken);
        return rows.Count == 0 ? Counters.Zero : rows[0].Counters;
    }

    /// <summary>One metric with its 环比 and 同比 changes.</summary>
    public MetricLine Line(MetricDefinition metric, NumberFormat format, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(format);
        return Line(metric, format, metric.Value(Current), Previous.HasData ? metric.Value(Previous) : null, YearAgo.HasData ? metric.Value(YearAgo) : null, note);
    }

    public static MetricLine Line(MetricDefinition metric, NumberFormat format, double? current, double? previous, double? yearAgo, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(format);
        var (mom, momTone) = format.Change(current, previous, metric.Kind, metric.HigherIsBetter);
        var (yoy, yoyTone) = format.Change(current, yearAgo, metric.Kind, metric.HigherIsBetter);
        return new MetricLine(metric.Label, format.Format(current, metric.Kind), [new Change("环比", mom, momTone), new Change("同比", yoy, yoyTone)])
        {
            Note = note,
        };
    }

    /// <summary>Says plainly when the period has no or partial data, instead of showing zeros as facts.</summary>
    public string? CoverageNote() => Coverage.Note(Args.Period, Current, LastDataDay);
}

/// <summary>Plain words about missing data ("no data for 2026-11-20 yet; last import 2026-11-19").</summary>
public static class Coverage
{
    public static string? Note(DateRange period, Counters counters, DateOnly? lastDataDay)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var last = lastDataDay is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "never";
        if (!counters.HasData)
        {
            return $"No data for {period} yet; the latest data is for {last}.";
        }

        if (counters.DaysWithData < period.Days)
        {
            var missing = lastDataDay is { } l && l < period.To
                ? $"no data after {last} yet"
                : "some days have no data";
            return $"Partial period: {counters.DaysWithData} of {"day".ToQuantity(period.Days)} have data ({missing}).";
        }

        return null;
    }

    public static Reply NoData(string title, DateRange period, DateOnly? lastDataDay) =>
        Reply.Problem(title, Note(period, Counters.Zero, lastDataDay)!, "Try an earlier period, e.g. `last week`. `data` shows what is in for each shop; to add data, send me the CSV with `import` (or run `dotnet run --project src/Bot.Host -- import channel-daily <file>`).");
}
