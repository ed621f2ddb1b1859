using System.Globalization;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Replies;

namespace Bot.Core.Plans;

/// <summary>Whether an item's metric moved the way the plan wanted.</summary>
public enum FollowUpVerdict
{
    /// <summary>Moved the intended way (up for higher-is-better metrics, down for refund rate, bounce rate, ad cost).</summary>
    AsIntended,

    /// <summary>Moved the other way.</summary>
    Opposite,

    /// <summary>Changed by less than 0.5 % (0.05 percentage points for rates).</summary>
    Flat,

    /// <summary>One of the two periods has no data.</summary>
    NoData,
}

/// <summary>One item of an approved plan that named a metric, with the metric before and during the plan's week.</summary>
/// <param name="Number">The item's 1-based number in the plan.</param>
/// <param name="IntendedUp">True when the plan wanted the metric to rise (the metric's better direction).</param>
public sealed record FollowUpLine(int Number, PlanItem Item, MetricDefinition Metric, double? Before, double? After, bool IntendedUp, FollowUpVerdict Verdict);

/// <summary>The follow-up of one approved plan: <see cref="During"/> (its week, up to the last day with data asked for) against <see cref="Before"/> (the same weekdays one week earlier).</summary>
public sealed record PlanFollowUpResult(Plan Plan, DateRange Before, DateRange During, IReadOnlyList<FollowUpLine> Lines)
{
    public bool WeekComplete => During.To == Plan.Week.To;
}

/// <summary>Did last week's plan move its metrics? Pure: give it the plan and the counters, get lines and reply blocks.</summary>
/// <remarks>
/// For the weekly to-do list and the daily brief (domain.md §4: the decision and a week later whether the metric moved).
/// Load with <see cref="PlanFollowUpService"/>, or call <see cref="Evaluate"/> with counters of your own.
/// </remarks>
public static class PlanFollowUp
{
    private const double FlatRelative = 0.005;
    private const double FlatRatePoints = 0.0005;

    /// <summary>The days compared: the plan's week up to <paramref name="asOf"/>, and the same weekdays one week earlier; null before the week starts.</summary>
    public static (DateRange Before, DateRange During)? Ranges(Plan plan, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (asOf < plan.WeekStart)
        {
            return null;
        }

        var during = new DateRange(plan.WeekStart, asOf < plan.Week.To ? asOf : plan.Week.To);
        return (new DateRange(during.From.AddDays(-7), during.To.AddDays(-7)), during);
    }

    public static PlanFollowUpResult Evaluate(Plan plan, DateRange before, DateRange during, Counters beforeCounters, Counters duringCounters)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(beforeCounters);
        ArgumentNullException.ThrowIfNull(duringCounters);
        var lines = new List<FollowUpLine>();
        for (var i = 0; i < plan.Items.Count; i++)
        {
            if (plan.Items[i].MetricDefinition is not { } metric)
            {
                continue;
            }

            var a = beforeCounters.HasData ? metric.Value(beforeCounters) : null;
            var b = duringCounters.HasData ? metric.Value(duringCounters) : null;
            lines.Add(new FollowUpLine(i + 1, plan.Items[i], metric, a, b, metric.HigherIsBetter, Verdict(metric, a, b)));
        }

        return new PlanFollowUpResult(plan, before, during, lines);
    }

    public static FollowUpVerdict Verdict(MetricDefinition metric, double? before, double? after)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (before is not { } a || after is not { } b)
        {
            return FollowUpVerdict.NoData;
        }

        var flat = metric.Kind == MetricKind.Rate
            ? Math.Abs(b - a) < FlatRatePoints
            : a == 0 ? b == 0 : Math.Abs(b - a) / Math.Abs(a) < FlatRelative;
        if (flat)
        {
            return FollowUpVerdict.Flat;
        }

        return (b > a) == metric.HigherIsBetter ? FollowUpVerdict.AsIntended : FollowUpVerdict.Opposite;
    }

    /// <summary>"#3 Review live-stream ROI — ROAS 投产比 2.10 → 2.45 (▲ 16.7%): moved the intended way (up)".</summary>
    public static string Describe(FollowUpLine line, NumberFormat format)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(format);
        var (change, _) = format.Change(line.After, line.Before, line.Metric.Kind, line.Metric.HigherIsBetter);
        var numbers = $"{format.Format(line.Before, line.Metric.Kind)} → {format.Format(line.After, line.Metric.Kind)} ({change})";
        return string.Create(CultureInfo.InvariantCulture, $"#{line.Number} {line.Item.Text} — {line.Metric.Label} {numbers}: {VerdictText(line)}");
    }

    public static string VerdictText(FollowUpLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var aim = line.IntendedUp ? "up" : "down";
        return line.Verdict switch
        {
            FollowUpVerdict.AsIntended => $"✅ moved the intended way ({aim})",
            FollowUpVerdict.Opposite => $"⚠️ moved the wrong way (the aim was {aim})",
            FollowUpVerdict.Flat => $"➖ about flat (the aim was {aim})",
            _ => "no data to compare",
        };
    }

    /// <summary>Reply blocks for a brief or a to-do list: a heading, then one line per metric (items sharing a metric share a line); nothing when no item named a metric.</summary>
    public static IReadOnlyList<ReplyBlock> Blocks(PlanFollowUpResult result, NumberFormat format)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(format);
        if (result.Lines.Count == 0)
        {
            return [];
        }

        var byMetric = result.Lines.GroupBy(l => l.Metric.Key).Select(g => g.ToList()).ToList();
        var moved = byMetric.Count(g => g[0].Verdict == FollowUpVerdict.AsIntended);
        var span = result.WeekComplete ? "its week" : $"{result.During} so far";
        var heading = $"Follow-up of the approved plan for {result.Plan.Week}: {moved} of {byMetric.Count} metrics moved the intended way ({span} vs {result.Before})";
        return [
            new TextBlock(heading, Tone.Neutral, Heading: true),
            .. byMetric.Select(g => new TextBlock(DescribeMetric(g, format), g[0].Verdict switch
            {
                FollowUpVerdict.AsIntended => Tone.Good,
                FollowUpVerdict.Opposite => Tone.Bad,
                _ => Tone.Subtle,
            })),
        ];
    }

    /// <summary>"Conversion 支付转化率 2.00% → 2.60% (▲ 0.60pp): ✅ moved the intended way (up) — #1 Fix product pages; #5 Weekend warm-up ads".</summary>
    private static string DescribeMetric(List<FollowUpLine> lines, NumberFormat format)
    {
        var first = lines[0];
        var (change, _) = format.Change(first.After, first.Before, first.Metric.Kind, first.Metric.HigherIsBetter);
        var items = string.Join("; ", lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"#{l.Number} {Short(l.Item.Text)}")));
        return $"{first.Metric.Label} {format.Format(first.Before, first.Metric.Kind)} → {format.Format(first.After, first.Metric.Kind)} ({change}): {VerdictText(first)} — {items}";
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..39] + "…";
}

/// <summary>Loads the follow-up of the last approved plan: the plan from <see cref="IPlanStore"/>, the counters from <see cref="IMetricStore"/>.</summary>
public sealed class PlanFollowUpService(IPlanStore plans, IMetricStore metrics)
{
    /// <summary>
    /// The follow-up as of <paramref name="asOf"/> (the last day with data to use, usually yesterday) of the most recent approved
    /// plan whose week has started and ended at most 7 days before; null when there is none or no item named a metric.
    /// </summary>
    /// <param name="finishedWeeksOnly">True for the brief (only once the plan's week is over); false lets a to-do list show a week in progress.</param>
    public async Task<PlanFollowUpResult?> LoadAsync(DateOnly asOf, bool finishedWeeksOnly, CancellationToken cancellationToken)
    {
        if (await plans.FindLastApprovedAsync(asOf, cancellationToken) is not { } plan
            || asOf > plan.Week.To.AddDays(7)
            || (finishedWeeksOnly && asOf < plan.Week.To)
            || plan.Items.All(i => i.MetricDefinition is null)
            || PlanFollowUp.Ranges(plan, asOf) is not { } ranges)
        {
            return null;
        }

        var before = await SumAsync(ranges.Before, plan.Shop, cancellationToken);
        var during = await SumAsync(ranges.During, plan.Shop, cancellationToken);
        return PlanFollowUp.Evaluate(plan, ranges.Before, ranges.During, before, during);
    }

    private async Task<Counters> SumAsync(DateRange range, string? shop, CancellationToken cancellationToken)
    {
        var rows = await metrics.SumCountersAsync(new CounterQuery(range, shop), cancellationToken);
        return rows.Count > 0 ? rows[0].Counters : Counters.Zero;
    }
}
