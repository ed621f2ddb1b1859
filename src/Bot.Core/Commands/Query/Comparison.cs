using System.Globalization;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Replies;
using Humanizer;

namespace Bot.Core.Commands.Query;

/// <summary>A period's counters with the two comparisons every answer shows: 环比 (previous period) and 同比 (a year earlier).</summary>
/// <remarks>A comparison period with much less data than the current one is loaded as empty (shown "—") and said in
/// <see cref="ComparisonNotes"/>: 2025 against a 2024 whose data starts in November read "GMV ▲ 958%".</remarks>
public sealed record Comparison(QueryArgs Args, Counters Current, Counters Previous, Counters YearAgo, DateOnly? LastDataDay)
{
    /// <summary>Days with data in the previous period when it was left out for having too few; null when compared.</summary>
    public int? PreviousLeftOutDays { get; init; }

    /// <summary>Days with data in the year-ago period when it was left out for having too few; null when compared.</summary>
    public int? YearAgoLeftOutDays { get; init; }

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
        var previousRange = args.Period.Previous();
        var previous = await SumAsync(store, args.Counters(previousRange, CounterGrouping.None), cancellationToken);
        var yearAgoRange = args.YearAgo?.Range ?? args.Period.YearAgo();
        var yearAgo = await SumAsync(store, args.Counters(yearAgoRange, CounterGrouping.None), cancellationToken);
        var last = await store.GetLastDataDayAsync(args.Shop, cancellationToken);
        var previousOk = !previous.HasData || Coverage.Comparable(current, args.Period, previous, previousRange);
        var yearAgoOk = !yearAgo.HasData || Coverage.Comparable(current, args.Period, yearAgo, yearAgoRange);
        return new Comparison(args, current, previousOk ? previous : Counters.Zero, yearAgoOk ? yearAgo : Counters.Zero, last)
        {
            PreviousLeftOutDays = previousOk ? null : previous.DaysWithData,
            YearAgoLeftOutDays = yearAgoOk ? null : yearAgo.DaysWithData,
        };
    }

    /// <summary>What each comparison is against, and which one was left out for too little data.</summary>
    public string ComparisonNotes()
    {
        var text = $"环比 = vs {PreviousRange}; 同比 = vs {YearAgoRange} ({YearAgoLabel}).";
        if (PreviousLeftOutDays is { } p)
        {
            text += " " + Coverage.LeftOut("环比", PreviousRange, p);
        }

        if (YearAgoLeftOutDays is { } y)
        {
            text += " " + Coverage.LeftOut("同比", YearAgoRange, y);
        }

        return text;
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

    /// <summary>
    /// Whether <paramref name="other"/> has data for enough of its days to be compared with <paramref name="current"/>:
    /// at least <see cref="MinComparableShare"/> of the current period's share of days with data. Sums over periods of
    /// different coverage are not comparable (data that starts midway through last year), and rates drift with it.
    /// </summary>
    public static bool Comparable(Counters current, DateRange currentRange, Counters? other, DateRange otherRange)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (other is null || !other.HasData)
        {
            return false;
        }

        var currentShare = (double)Math.Min(current.DaysWithData, currentRange.Days) / currentRange.Days;
        var otherShare = (double)Math.Min(other.DaysWithData, otherRange.Days) / otherRange.Days;
        return otherShare >= MinComparableShare * currentShare;
    }

    /// <summary>The previous rows by key (channel, shop) that are comparable with the current row of the same key; a channel whose data starts midway is left out, one that stopped is kept.</summary>
    public static Dictionary<string, Counters> ComparableByKey(IReadOnlyList<CounterRow> current, IReadOnlyList<CounterRow> previous, DateRange currentRange, DateRange previousRange)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        var now = current.ToDictionary(r => r.Key, r => r.Counters);
        return previous
            .Where(r => !now.TryGetValue(r.Key, out var c) || Comparable(c, currentRange, r.Counters, previousRange))
            .ToDictionary(r => r.Key, r => r.Counters);
    }

    /// <summary>See <see cref="Comparable"/>: a week with 6 of 7 days compares with a full week; one with 5 does not.</summary>
    public const double MinComparableShare = 0.8;

    public static string LeftOut(string what, DateRange range, int daysWithData) =>
        $"{what} not shown: {range} has data for only {daysWithData} of {"day".ToQuantity(range.Days)}.";

    public static Reply NoData(string title, DateRange period, DateOnly? lastDataDay) =>
        Reply.Problem(title, Note(period, Counters.Zero, lastDataDay)!, "Try an earlier period, e.g. `last week`. `data` shows what is in for each shop; to add data, send me the CSV with `import` (or run `dotnet run --project src/Bot.Host -- import channel-daily <file>`).");
}
