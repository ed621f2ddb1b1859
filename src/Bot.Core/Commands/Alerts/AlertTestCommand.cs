using System.Globalization;
using Bot.Core.Alerts;
using Bot.Core.Commands.Query;
using Bot.Core.Periods;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Alerts;

/// <summary><c>alert test &lt;rule&gt;</c>: a dry run — when the rule would have fired (and resolved) over the last 90 days. Saves and sends nothing.</summary>
/// <remarks>It replays the same evaluator and state machine as the live evaluation, day by day, flap damping included.</remarks>
public sealed class AlertTestCommand(QueryServices query, AlertServices? alerts = null) : ICommandHandler
{
    private const int MaxScopes = 30;

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
        var rows = new List<IReadOnlyList<Cell>>();
        var fired = 0;
        var noDataScopes = new List<string>();
        foreach (var target in targets.Take(MaxScopes))
        {
            var outcomes = await alerts.Evaluator.OutcomesAsync(rule, target, new DateRange(days.From.AddDays(-rule.ForDays), last), data, cancellationToken);
            var result = AlertSimulation.Run(outcomes, days.From, rule.ForDays, alerts.Options.FlapDampingEvaluations, worse);
            if (result.NoDataDays > 0)
            {
                noDataScopes.Add(string.Create(CultureInfo.InvariantCulture, $"{target.Label}: {result.NoDataDays} day(s) without data or baseline"));
            }

            if (result.Incidents.Count == 0)
            {
                rows.Add([new Cell(target.Label), new Cell("never", Tone.Good), new Cell("—"), new Cell(result.BreachedDays == 0 ? "no day breached" : string.Create(CultureInfo.InvariantCulture, $"{result.BreachedDays} day(s) breached, never {rule.ForDays} in a row")), new Cell("—")]);
                continue;
            }

            fired += result.Incidents.Count;
            foreach (var incident in result.Incidents)
            {
                rows.Add([
                    new Cell(target.Label),
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
                ? $"It would not have fired in the last {days.Days} days."
                : string.Create(CultureInfo.InvariantCulture, $"It would have fired {fired} time(s) in the last {days.Days} days."), fired == 0 ? Tone.Good : Tone.Warning),
            new TableBlock(["Scope", "Fired", "Resolved", "Worst", "Flapping"], rows),
        };
        if (targets.Count > MaxScopes)
        {
            blocks.Add(new TextBlock(string.Create(CultureInfo.InvariantCulture, $"Showing {MaxScopes} of {targets.Count} scopes; name a shop to narrow it."), Tone.Subtle));
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
