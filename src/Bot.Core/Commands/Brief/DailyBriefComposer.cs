using System.Globalization;
using Bot.Core.Commands.Query;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Plans;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Brief;

/// <summary>Everything the morning brief needs for one day, loaded by <see cref="BriefCommand"/>.</summary>
public sealed record BriefData(
    DateOnly Day,
    string ScopeLabel,
    Counters Today,
    Counters DayBefore,
    Counters SameWeekdayLastWeek,
    Counters Trailing30,
    IReadOnlyList<double?> GmvLast14Days,
    IReadOnlyList<(string Channel, decimal Gmv, decimal GmvDayBefore)> Channels,
    IReadOnlyList<SkuStats> TopProducts,
    IReadOnlyList<string> Notes)
{
    /// <summary>Plan follow-up (issue 7): did last week's approved plan move its metrics? Null when there is nothing to follow up.</summary>
    public PlanFollowUpResult? FollowUp { get; init; }

    /// <summary>Alerts firing now in the brief's scope, oldest first.</summary>
    public IReadOnlyList<BriefAlert> FiringAlerts { get; init; } = [];
}

/// <summary>One firing alert as the brief lists it.</summary>
public sealed record BriefAlert(long Id, string Rule, string Target, DateOnly Since, string? AcknowledgedBy);

/// <summary>Composes the daily brief (domain.md §4): six numbers vs the day before, last week's same day and the 30-day average.</summary>
public static class DailyBriefComposer
{
    private static readonly MetricDefinition[] Metrics =
    [
        MetricCatalog.Visitors, MetricCatalog.Gmv, MetricCatalog.Conversion, MetricCatalog.FavCartRate, MetricCatalog.RefundRate, MetricCatalog.Aov,
    ];

    public static Reply Compose(BriefData data, ReferenceData.Snapshot refs, NumberFormat format)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(format);
        var weekday = data.Day.AddDays(-7).DayOfWeek.ToString();
        var lines = Metrics.Select(m => Line(m, data, format, weekday)).ToList();
        var blocks = new List<ReplyBlock> { new MetricBlock(lines) };

        var spark = Sparkline.Render(data.GmvLast14Days);
        if (spark.Length > 0)
        {
            blocks.Add(new ChartBlock("GMV, last 14 days", [.. data.GmvLast14Days.Select((v, i) => new ChartPoint(data.Day.AddDays(i - 13).ToString("MM-dd", CultureInfo.InvariantCulture), v ?? 0))], spark));
        }

        var movers = data.Channels
            .Select(c => (c.Channel, Delta: c.Gmv - c.GmvDayBefore, c.Gmv, c.GmvDayBefore))
            .OrderByDescending(c => Math.Abs(c.Delta))
            .Take(3)
            .Where(c => c.Delta != 0)
            .Select(c => $"{refs.ChannelName(c.Channel)} {(c.Delta > 0 ? "▲" : "▼")} {format.Money(Math.Abs(c.Delta))} ({format.Money(c.GmvDayBefore)} → {format.Money(c.Gmv)})")
            .ToList();
        if (movers.Count > 0)
        {
            blocks.Add(new TextBlock("Channels that moved most (GMV vs the day before): " + string.Join("; ", movers) + ".", Tone.Neutral));
        }

        if (data.FiringAlerts.Count > 0)
        {
            const int Shown = 5;
            var listed = data.FiringAlerts.Take(Shown).Select(a =>
                $"#{a.Id} {a.Rule} — {a.Target}, since {a.Since:yyyy-MM-dd}{(a.AcknowledgedBy is { } who ? $", acknowledged by {who}" : ", not acknowledged")}");
            var more = data.FiringAlerts.Count > Shown ? $" … and {data.FiringAlerts.Count - Shown} more (`alerts`)" : string.Empty;
            blocks.Add(new TextBlock($"🔴 Alerts firing: {string.Join("; ", listed)}{more}.", Tone.Warning));
        }

        if (data.TopProducts.Count > 0)
        {
            blocks.Add(new TextBlock("Top products: " + string.Join("; ", data.TopProducts.Select((p, i) => $"{i + 1}. {p.Name} {format.Money(p.Gmv)} ({format.Count(p.UnitsSold)} units)")) + ".", Tone.Neutral));
        }

        foreach (var note in data.Notes)
        {
            blocks.Add(new TextBlock(note, Tone.Warning));
        }

        // Plan follow-up (issue 7), after everything else: for each metric the approved plan named, whether it moved.
        if (data.FollowUp is { } followUp)
        {
            blocks.AddRange(PlanFollowUp.Blocks(followUp, format));
        }

        var gmv = data.Today.Gmv;
        var (dod, _) = format.Change((double)gmv, (double)data.DayBefore.Gmv, MetricKind.Money, true);
        return new Reply($"Daily brief 日报 — {data.Day:yyyy-MM-dd} ({data.Day.DayOfWeek})", blocks)
        {
            Subtitle = data.ScopeLabel + " · vs day before / same weekday last week / 30-day average",
            Summary = $"Daily brief {data.Day:yyyy-MM-dd}: GMV {format.Money(gmv)} ({dod} vs day before), conversion {format.Rate(data.Today.Conversion)}",
        };
    }

    private static MetricLine Line(MetricDefinition metric, BriefData data, NumberFormat format, string weekday)
    {
        var now = metric.Value(data.Today);
        var trailing = Average(metric, data.Trailing30);
        var (a, at) = format.Change(now, data.DayBefore.HasData ? metric.Value(data.DayBefore) : null, metric.Kind, metric.HigherIsBetter);
        var (b, bt) = format.Change(now, data.SameWeekdayLastWeek.HasData ? metric.Value(data.SameWeekdayLastWeek) : null, metric.Kind, metric.HigherIsBetter);
        var (c, ct) = format.Change(now, trailing, metric.Kind, metric.HigherIsBetter);
        return new MetricLine(metric.Label, format.Format(now, metric.Kind), [
            new Change("vs day before", a, at),
            new Change($"vs last {weekday[..3]}", b, bt),
            new Change("vs 30-d avg", c, ct),
        ]);
    }

    /// <summary>The trailing 30-day value: a daily average for amounts, the ratio of sums for rates.</summary>
    private static double? Average(MetricDefinition metric, Counters trailing)
    {
        if (!trailing.HasData)
        {
            return null;
        }

        var value = metric.Value(trailing);
        return metric.Kind is MetricKind.Count || metric.Key is "gmv" or "ad cost" ? value / trailing.DaysWithData : value;
    }
}
