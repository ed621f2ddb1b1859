using Bot.Core.Commands.Query;
using Humanizer;
using Humanizer.Localisation;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Goals;

/// <summary><c>goals [period]</c>: attainment, pace, straight-line forecast and the daily amount still needed.</summary>
public sealed class GoalsCommand(QueryServices query) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "goals",
        Aliases: ["目标", "goal", "目标达成", "达成率"],
        Usage: "goals [period] [shop]",
        Example: "goals this quarter",
        Summary: "Goal attainment, pace, forecast and what is still needed per day");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (args, refs, problem) = await query.ParseAsync(request, Info, DefaultPeriods.Yesterday, cancellationToken);
        if (args is null)
        {
            return problem!;
        }

        var format = query.FormatFor(request);
        var yesterday = query.Clock.Today().AddDays(-1);
        var goals = await query.Store.GetGoalsAsync(args.Shop, cancellationToken);

        // Without a period: every goal running now. With one: the goals whose period overlaps it.
        var chosen = goals
            .Select(g => (Goal: g, Range: GoalPeriod.Parse(g.Period)))
            .Where(g => g.Range is { } r && (args.PeriodGiven ? r.From <= args.Period.To && r.To >= args.Period.From : r.Contains(yesterday)))
            .OrderBy(g => g.Range!.Value.Days).ThenBy(g => g.Goal.Shop).ThenBy(g => g.Goal.Metric)
            .Take(20)
            .ToList();
        if (chosen.Count == 0)
        {
            return Reply.Problem("No goals for that period", goals.Count == 0
                ? "No goals are in the store — import them with `import goals <file>` (shop, metric, period, target)."
                : $"Goals on record cover: {string.Join(", ", goals.Select(g => g.Period).Distinct().Order())}.");
        }

        // Goals often share a sum (the year's GMV and conversion goals both sum the year so far): each is read once.
        var actuals = new Dictionary<(string Shop, DateRange Range, string? Channel), Counters>();
        var rows = new List<IReadOnlyList<Cell>>();
        var behind = new List<string>();
        foreach (var (goal, range) in chosen)
        {
            var period = range!.Value;
            var asOf = yesterday < period.To ? yesterday : period.To;
            var metric = MetricCatalog.Find(goal.Metric.ToLowerInvariant())?.Metric ?? MetricCatalog.Gmv;
            var label = $"{refs.ShopName(goal.Shop)} · {metric.Name}" + (goal.Channel is { } ch ? $" · {refs.ChannelName(ch)}" : string.Empty) + $" · {goal.Period}";
            if (asOf < period.From)
            {
                rows.Add([new Cell(label), new Cell(format.Format((double)goal.Target, metric.Kind)), new Cell("not started"), new Cell("—"), new Cell("—"), new Cell("—"), new Cell("—")]);
                continue;
            }

            var sum = (goal.Shop, Range: new DateRange(period.From, asOf), goal.Channel);
            if (!actuals.TryGetValue(sum, out var counters))
            {
                var counterQuery = new CounterQuery(sum.Range, goal.Shop, goal.Channel is null ? null : [goal.Channel]);
                actuals[sum] = counters = await Comparison.SumAsync(query.Store, counterQuery, cancellationToken);
            }

            var actual = metric.Value(counters) ?? 0;
            if (metric.Kind is MetricKind.Rate or MetricKind.Ratio)
            {
                var met = metric.HigherIsBetter ? actual >= (double)goal.Target : actual <= (double)goal.Target;
                rows.Add([new Cell(label), new Cell(format.Format((double)goal.Target, metric.Kind)), new Cell(format.Format(actual, metric.Kind), met ? Tone.Good : Tone.Bad), new Cell(RateVerdict(met, ended: asOf >= period.To), met ? Tone.Good : Tone.Bad), new Cell("—"), new Cell("—"), new Cell("—")]);
                if (!met)
                {
                    behind.Add(label);
                }

                continue;
            }

            var progress = new GoalProgress(period, asOf, (double)goal.Target, actual);
            var paceTone = progress.Pace is { } p ? (p >= 1 ? Tone.Good : Tone.Bad) : Tone.Neutral;
            if (progress.Pace < 1)
            {
                behind.Add(label);
            }

            rows.Add([
                new Cell(label),
                new Cell(format.Format(progress.Target, metric.Kind)),
                new Cell(format.Format(progress.Actual, metric.Kind)),
                new Cell(format.Rate(progress.Attainment)),
                new Cell(progress.Pace is { } pace ? format.Rate(pace) : "—", paceTone),
                new Cell(format.Format(progress.Forecast, metric.Kind)),
                new Cell(progress.NeededPerDay is { } need ? $"{format.Format(need, metric.Kind)}/day for {TimeSpan.FromDays(progress.RemainingDays).Humanize(maxUnit: TimeUnit.Day)}" : "ended"),
            ]);
        }

        var blocks = new List<ReplyBlock>
        {
            new TableBlock(["Goal", "Target", "Actual", "Attained", "Pace", "Forecast", "Still needed"], rows),
            new TextBlock(behind.Count == 0 ? "Every goal is on pace." : $"Behind pace: {string.Join("; ", behind)}.", behind.Count == 0 ? Tone.Good : Tone.Bad),
            new TextBlock($"Actuals up to {yesterday:yyyy-MM-dd}. Pace = actual ÷ (target × share of the period elapsed); forecast is a straight line to the period end.", Tone.Subtle),
        };
        return new Reply("Goals 目标", blocks)
        {
            Subtitle = args.Shop is null ? "All shops" : refs.ShopName(args.Shop),
            Summary = behind.Count == 0 ? "All goals on pace" : $"{"goal".ToQuantity(behind.Count)} behind pace",
        };
    }

    /// <summary>A rate goal is met or not only when its period is over; until then it is on or below target so far.</summary>
    internal static string RateVerdict(bool met, bool ended) => (met, ended) switch
    {
        (true, true) => "met",
        (false, true) => "not met",
        (true, false) => "on target so far",
        (false, false) => "below so far",
    };
}
