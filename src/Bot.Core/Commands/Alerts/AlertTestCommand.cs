using System.Globalization;
using Humanizer;
using Bot.Core.Alerts;
using Bot.Core.Commands.Query;
using Bot.Core.Periods;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Alerts;

/// <summary><c>alert test &lt;rule&gt;</c>: a dry run — when the rule would have fired (and resolved) over the last 90 days. Saves and sends nothing.</summary>
/// <remarks>It replays the same evaluator and state machine as the live evaluation, day by day, flap damping included.</remarks>
public sealed class AlertTestCommand(QueryServices query, AlertServices? alerts = null) : ICommandHandler
{
    /// <summary>Rows listed at most: the scopes that would have fired first, the rest counted.</summary>
    private const int MaxRows = 30;

    public CommandInfo Info { get; } = new(
        Verb: "alert test",
        Aliases: ["test alert", "告警测试", "测试告警", "预警测试", "alert dry run"],
        Usage: "alert test <rule>",
        Example: "alert test conversion below baseline for 3 days",
        Summary: "Dry run: when a rule would have fired over the last 90 days")
    {
        Group = CommandGroups.Alerts,
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (alerts is null)
        {
            return AlertReplies.NotAvailable();
        }

        var (read, refs, problem) = await AlertReplies.ReadRuleAsync(request, Info, "Give the rule to try, as you would write it after `alert`.", query, alerts, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var rule = read!;
        if (await query.Store.GetLastDataDayAsync(null, cancellationToken) is not { } last)
        {
            return Reply.Problem("No data to test against", "The store has no daily data yet; import some first (`import channel-daily <file>`).");
        }

        var days = new DateRange(last.AddDays(1 - alerts.Options.TestDays), last);
        var data = new AlertData(query.Store, new DateRange(days.From.AddDays(-alerts.Evaluator.HistoryDays(rule)), last));
        var targets = await AlertEvaluator.TargetsAsync(rule, data, last, cancellationToken);
        if (targets.Count == 0)
        {
            return Reply.Problem("Nothing to test in that scope", rule.Condition.Kind == AlertKind.GoalPace
                ? $"No {rule.Metric?.Name ?? "GMV"} goal was running on {last:yyyy-MM-dd} for that scope; import goals first."
                : "No shop matches that rule's scope.");
        }

        var format = query.FormatFor(request);
        var worse = AlertSimulation.WorseFor(rule.Condition);

        // Every scope is replayed (200 shops take about half a second): listing only the first few would hide the
        // shops where it fires. Those that would have fired come first; the rest are counted.
        var results = new List<(string Label, SimulationResult Result)>();
        foreach (var target in targets)
        {
            var outcomes = await alerts.Evaluator.OutcomesAsync(rule, target, new DateRange(days.From.AddDays(-rule.ForDays), last), data, cancellationToken);
            results.Add((target.Label, AlertSimulation.Run(outcomes, days.From, rule.ForDays, alerts.Options.FlapDampingEvaluations, worse)));
        }

        var fired = results.Sum(r => r.Result.Incidents.Count);
        var firedScopes = results.Count(r => r.Result.Incidents.Count > 0);
        var noDataScopes = results.Where(r => r.Result.NoDataDays > 0)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Label}: {r.Result.NoDataDays} day(s) without data or baseline")).ToList();
        var rows = new List<IReadOnlyList<Cell>>();
        foreach (var (label, result) in results.OrderByDescending(r => r.Result.Incidents.Count > 0).ThenByDescending(r => r.Result.BreachedDays))
        {
            if (rows.Count >= MaxRows)
            {
                break;
            }

            if (result.Incidents.Count == 0)
            {
                rows.Add([new Cell(label), new Cell("never", Tone.Good), new Cell("—"), new Cell(result.BreachedDays == 0 ? "no day breached" : string.Create(CultureInfo.InvariantCulture, $"{result.BreachedDays} day(s) breached, never {rule.ForDays} in a row")), new Cell("—")]);
                continue;
            }

            foreach (var incident in result.Incidents)
            {
                rows.Add([
                    new Cell(label),
                    new Cell(Day(incident.Opened), Tone.Bad),
                    new Cell(incident.Resolved is { } r ? Day(r) : "still firing", incident.Resolved is null ? Tone.Bad : Tone.Good),
                    new Cell(AlertCard.Compare(rule, incident.Worst, format) + $" on {Day(incident.Worst.Day)}"),
                    new Cell(incident.Reopens > 0 ? string.Create(CultureInfo.InvariantCulture, $"reopened {incident.Reopens}×") : "—"),
                ]);
            }
        }

        var blocks = new List<ReplyBlock>
        {
            new TextBlock(fired == 0
                ? $"It would not have fired in the last {days.Days} days ({"scope".ToQuantity(results.Count)} replayed)."
                : string.Create(CultureInfo.InvariantCulture, $"It would have fired {fired} time(s) in the last {days.Days} days, in {firedScopes} of {"scope".ToQuantity(results.Count)}."), fired == 0 ? Tone.Good : Tone.Warning),
            new TableBlock(["Scope", "Fired", "Resolved", "Worst", "Flapping"], rows),
        };
        var shownScopes = rows.Select(r => r[0].Text).Distinct().Count();
        if (shownScopes < results.Count)
        {
            blocks.Add(new TextBlock(string.Create(CultureInfo.InvariantCulture, $"…and {results.Count - shownScopes} more scopes not listed{(firedScopes > shownScopes ? string.Empty : ", none of which would have fired")}; name a shop to see one."), Tone.Subtle));
        }

        if (noDataScopes.Count > 0)
        {
            blocks.Add(new TextBlock("No-data days (neither ok nor firing): " + string.Join("; ", noDataScopes.Take(5)) + ".", Tone.Subtle));
        }

        blocks.Add(new TextBlock($"Nothing was saved or sent. To keep it: `alert {request.Args}`.", Tone.Subtle));
        return new Reply($"Dry run: {rule.Describe()}", blocks)
        {
            Subtitle = $"{AlertRuleText.Scope(rule.Scope, refs.ShopName, refs.ChannelName)} · {days}",
            Summary = fired == 0 ? "Dry run: would not have fired" : string.Create(CultureInfo.InvariantCulture, $"Dry run: would have fired {fired} time(s)"),
        };
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
