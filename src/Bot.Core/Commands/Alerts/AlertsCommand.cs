using System.Globalization;
using Bot.Core.Alerts;
using Bot.Core.Commands.Query;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Alerts;

/// <summary><c>alerts</c> / <c>告警列表</c>: every rule with its state in each scope, and the open alerts.</summary>
public sealed class AlertsCommand(QueryServices query, AlertServices? alerts = null) : ICommandHandler
{
    private const int MaxRules = 40;

    public CommandInfo Info { get; } = new(
        Verb: "alerts",
        Aliases: ["告警列表", "预警列表", "list alerts", "alert list", "alert rules"],
        Usage: "alerts",
        Example: "alerts",
        Summary: "List the alert rules with their state, and the open alerts")
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

        var rules = await alerts.Store.ListRulesAsync(cancellationToken);
        if (rules.Count == 0)
        {
            return Reply.Text("No alert rules yet", "Create one, for example `alert conversion below baseline for 3 days` or `告警 转化率 连续3天 低于 基线`.", "`alert test <rule>` shows when a rule would have fired over the last 90 days.");
        }

        var refs = await query.Reference.GetAsync(cancellationToken);
        var format = query.FormatFor(request);
        var states = (await alerts.Store.ListStatesAsync(null, cancellationToken)).ToLookup(s => s.RuleId);
        var open = await alerts.Store.ListIncidentsAsync(null, openOnly: true, cancellationToken);
        var now = query.Clock.Time.GetUtcNow();

        var rows = rules.Take(MaxRules).Select(rule => (IReadOnlyList<Cell>)
        [
            new Cell(string.Create(CultureInfo.InvariantCulture, $"#{rule.Id}")),
            new Cell(rule.Describe()),
            new Cell(AlertRuleText.Scope(rule.Scope, refs.ShopName, refs.ChannelName)),
            new Cell(rule.Owner.Name),
            Summary(states[rule.Id].ToList()),
        ]).ToList();
        // A short id column, room for the rule's words and the per-scope states.
        var blocks = new List<ReplyBlock> { new TableBlock(["#", "Rule", "Where", "Owner", "State"], rows) { Widths = [1, 4, 3, 3, 4] } };
        if (rules.Count > MaxRules)
        {
            blocks.Add(new TextBlock(string.Create(CultureInfo.InvariantCulture, $"… and {rules.Count - MaxRules} more rules."), Tone.Subtle));
        }

        if (open.Count > 0)
        {
            var byId = rules.ToDictionary(r => r.Id);
            blocks.Add(new TableBlock(["Alert", "Rule", "Scope", "Since", "Status"], [.. open.Take(MaxRules).Select(i => (IReadOnlyList<Cell>)
            [
                new Cell(string.Create(CultureInfo.InvariantCulture, $"#{i.Id}"), Tone.Bad),
                new Cell(byId.TryGetValue(i.RuleId, out var r) ? r.Describe() : string.Create(CultureInfo.InvariantCulture, $"rule #{i.RuleId}")),
                new Cell(i.TargetLabel),
                new Cell(i.OpenedDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new Cell(Status(i, now)),
            ])])
            {
                Widths = [1, 4, 3, 3, 3],
                Caption = "Open alerts",
            });
        }

        var o = alerts.Options;
        blocks.Add(new TextBlock(
            string.Create(CultureInfo.InvariantCulture, $"Baseline: the same weekday over the trailing {o.BaselineDays} days{(o.ExcludeCampaignDays ? ", campaign days left out" : string.Empty)}; \"below baseline\" without an amount means {AlertRuleText.Percent(o.DefaultBaselineMargin)} below. Rules are checked after every import and on a schedule; a firing alert that nobody acknowledged is posted again after {o.ReminderCooldownHours} h; an alert that fires again within {o.FlapDampingEvaluations} evaluations of resolving reopens its card."),
            Tone.Subtle));
        return new Reply("Alert rules 告警规则", blocks)
        {
            Summary = string.Create(CultureInfo.InvariantCulture, $"{rules.Count} alert rule(s), {open.Count} open alert(s)"),
        };
    }

    private static Cell Summary(List<StoredScopeState> states)
    {
        if (states.Count == 0)
        {
            return new Cell("not evaluated yet", Tone.Subtle);
        }

        if (states.Count == 1)
        {
            return AlertReplies.StateCell(states[0].State);
        }

        // Several scopes: firing ones by name, the rest counted ("firing: Tmall (#7); ok 1, no data 1").
        var firing = states.Where(s => s.State.State == AlertState.Firing)
            .Select(s => s.TargetLabel + (s.State.IncidentId is { } id ? string.Create(CultureInfo.InvariantCulture, $" (#{id})") : string.Empty)).ToList();
        var others = states.Where(s => s.State.State != AlertState.Firing)
            .GroupBy(s => AlertReplies.StateCell(s.State).Text.Split(' ')[0])
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"));
        var text = string.Join("; ", (firing.Count > 0 ? ["firing: " + string.Join(", ", firing)] : Array.Empty<string>()).Concat([string.Join(", ", others)]).Where(t => t.Length > 0));
        return new Cell(text, firing.Count > 0 ? Tone.Bad : states.Any(s => s.State.State == AlertState.NoData) ? Tone.Subtle : Tone.Good);
    }

    private static string Status(AlertIncident incident, DateTimeOffset now)
    {
        var parts = new List<string>();
        parts.Add(incident.AcknowledgedBy is { } by ? "ack " + by.Name : "not acknowledged");
        if (incident.Assignee is { } assignee)
        {
            parts.Add("assigned " + assignee.Name);
        }

        if (incident.IsMuted(now))
        {
            parts.Add("muted");
        }

        return string.Join(", ", parts);
    }
}
