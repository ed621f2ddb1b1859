using Bot.Core.Commands.Query;
using Bot.Core.Formatting;
using Bot.Core.Periods;
using Bot.Core.Push;
using Bot.Core.Time;

namespace Bot.Core.Plans;

/// <summary>A new plan's items from the weekly to-do list (<see cref="WeeklyTodoComposer"/>): the data-driven to-dos, then the weekday rhythm.</summary>
/// <remarks>
/// The composer gives each data to-do as text starting with a bold label ("**Budget review**: …"); the label decides
/// the item's day (the rhythm's day for that kind of work) and the metric it should move. A to-do with a label this
/// table does not know keeps its text, without day or metric.
/// </remarks>
public sealed class TodoPlanItemSource(WeeklyTodoLoader loader, ReferenceData reference, NumberFormat format, TeamClock clock) : IPlanItemSource
{
    /// <summary>Bold label of a data to-do → the day it belongs to and the metric it should move.</summary>
    private static readonly (string Label, DayOfWeek Day, string? Metric)[] DataKinds =
    [
        ("Budget review", DayOfWeek.Thursday, "roas"),
        ("Fix the weakest funnel step", DayOfWeek.Wednesday, "conversion"),
        ("Goal behind pace", DayOfWeek.Monday, "gmv"),
        ("Clear slow movers", DayOfWeek.Tuesday, null),
        ("Scale trial products", DayOfWeek.Thursday, "conversion"),
        ("Win back dormant buyers", DayOfWeek.Wednesday, "buyers"),
        ("Campaign", DayOfWeek.Friday, "gmv"),
    ];

    /// <summary>The metric each weekday's routine watches, where the rhythm's numbers name one the bot knows.</summary>
    private static readonly Dictionary<DayOfWeek, string> RhythmMetrics = new()
    {
        [DayOfWeek.Monday] = "visitors",
        [DayOfWeek.Tuesday] = "gmv",
        [DayOfWeek.Wednesday] = "bounce rate",
        [DayOfWeek.Friday] = "conversion",
        [DayOfWeek.Saturday] = "aov",
    };

    private const int MaxGeneratedText = 300;

    public async Task<IReadOnlyList<PlanItem>> ProposeAsync(DateRange week, string? shop, CancellationToken cancellationToken)
    {
        var data = await loader.LoadAsync(SendDay(week.From, clock.Today()), shop, cancellationToken);
        var refs = await reference.GetAsync(cancellationToken);
        var items = WeeklyTodoComposer.DataTodos(data, refs, format).Select(t => FromTodo(t.Text)).ToList();
        items.AddRange(WeeklyTodoComposer.Rhythm.Select(r => new PlanItem(r.Focus, r.Day, null, RhythmMetrics.GetValueOrDefault(r.Day), PlanItemSource.Rhythm)));
        return [.. items.OrderBy(i => i.Day is { } d ? ((int)d + 6) % 7 : 7).Take(PlanWorkflow.MaxItems)];
    }

    /// <summary>The day to build the list as of: one whose to-do list plans <paramref name="weekStart"/> (Friday before to Thursday of it), never after today.</summary>
    public static DateOnly SendDay(DateOnly weekStart, DateOnly today)
    {
        var thursday = weekStart.AddDays(3);
        return today < thursday ? today : thursday;
    }

    internal static PlanItem FromTodo(string text)
    {
        var plain = text.Replace("**", string.Empty, StringComparison.Ordinal).Trim();
        var kind = DataKinds.FirstOrDefault(k => text.StartsWith("**" + k.Label, StringComparison.OrdinalIgnoreCase));
        var clipped = plain.Length <= MaxGeneratedText ? plain : plain[..(MaxGeneratedText - 1)] + "…";
        return kind.Label is null
            ? new PlanItem(clipped, Source: PlanItemSource.Data)
            : new PlanItem(clipped, kind.Day, null, kind.Metric, PlanItemSource.Data);
    }
}
