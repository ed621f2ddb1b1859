using System.Globalization;
using Bot.Core.Alerts;
using Bot.Core.Commands.Query;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Alerts;

/// <summary><c>alerts</c> / <c>告警列表</c>: the open alerts, then the rules with their state, narrowed by <c>firing</c>, <c>mine</c> or words.</summary>
/// <remarks>
/// Rows are capped: with a thousand rules the full list was a 97 KB card (UTF-16), at Teams' limit. What needs someone
/// comes first (open alerts, then firing and pending rules), and the counts always cover everything.
/// </remarks>
public sealed class AlertsCommand(QueryServices query, AlertServices? alerts = null) : ICommandHandler
{
    public const int MaxRuleRows = 20;
    public const int MaxOpenRows = 15;

    /// <summary>Scopes named in a rule's state cell; the rest are counted.</summary>
    private const int MaxNamedFiring = 3;

    private static readonly string[] FiringWords = ["firing", "open", "active", "触发", "触发中", "未处理", "进行中"];
    private static readonly string[] MineWords = ["mine", "my", "me", "我的", "我"];

    /// <summary>Names of this command that ask for one's own alerts without a filter word after them.</summary>
    private static readonly string[] MineNames = ["my alerts", "我的告警", "我的预警"];

    public CommandInfo Info { get; } = new(
        Verb: "alerts",
        Aliases: ["告警列表", "预警列表", "list alerts", "alert list", "alert rules", "my alerts", "我的告警", "我的预警"],
        Usage: "alerts [firing | mine | <metric, shop or owner>]",
        Example: "alerts",
        Summary: "List the open alerts and the alert rules with their state")
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
        var states = (await alerts.Store.ListStatesAsync(null, cancellationToken)).ToLookup(s => s.RuleId);
        var open = await alerts.Store.ListIncidentsAsync(null, openOnly: true, cancellationToken);
        var now = query.Clock.Time.GetUtcNow();
        var caller = request.Message.From;

        var filter = request.Args.Trim();
        if (filter.Length == 0 && MineNames.Any(n => CommandMatcher.FindPhrase(TextNormalizer.Normalize(request.Message.Text), n) >= 0))
        {
            filter = MineWords[0];
        }

        var blocks = new List<ReplyBlock>();
        Func<AlertRule, bool> keepRule = _ => true;
        Func<AlertIncident, bool> keepIncident = _ => true;
        if (IsOneOf(filter, FiringWords))
        {
            var withOpenAlerts = open.Select(i => i.RuleId).ToHashSet();
            keepRule = r => withOpenAlerts.Contains(r.Id) || states[r.Id].Any(s => s.State.State is AlertState.Firing or AlertState.Pending);
        }
        else if (IsOneOf(filter, MineWords))
        {
            var assignedToMe = open.Where(i => i.Assignee?.Is(caller) == true).Select(i => i.RuleId).ToHashSet();
            keepRule = r => r.Owner.Is(caller) || assignedToMe.Contains(r.Id);
            var ownedByMe = rules.Where(r => r.Owner.Is(caller)).Select(r => r.Id).ToHashSet();
            keepIncident = i => i.Assignee?.Is(caller) == true || ownedByMe.Contains(i.RuleId);
        }
        else if (filter.Length > 0)
        {
            var words = TextNormalizer.Tokens(filter);
            Func<AlertRule, bool> matches = r =>
            {
                var text = string.Join(' ', [r.Describe(), r.Text, AlertRuleText.Scope(r.Scope, refs.ShopName, refs.ChannelName), r.Owner.Name, .. states[r.Id].Select(s => s.TargetLabel)]);
                return words.All(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
            };
            if (rules.Any(matches))
            {
                keepRule = matches;
            }
            else
            {
                blocks.Add(new TextBlock($"No rule's metric, scope or owner contains '{filter}'; here are all of them. `alerts firing` and `alerts mine` narrow the list too.", Tone.Subtle));
            }
        }

        var shownRules = rules.Where(keepRule).ToList();
        var shownRuleIds = shownRules.Select(r => r.Id).ToHashSet();
        var shownOpen = open.Where(i => shownRuleIds.Contains(i.RuleId) && keepIncident(i)).ToList();

        blocks.Add(new TextBlock(Counts(rules, states, open), Tone.Neutral));
        if (shownOpen.Count > 0)
        {
            blocks.Add(OpenTable(shownOpen, rules, now));
            if (shownOpen.Count > MaxOpenRows)
            {
                blocks.Add(new TextBlock(string.Create(CultureInfo.InvariantCulture, $"…and {shownOpen.Count - MaxOpenRows} more open alerts (oldest not shown); `alerts <metric or shop>` narrows the list."), Tone.Subtle));
            }
        }

        // What needs someone first: firing, then pending, then the rest in the order they were made.
        var ordered = shownRules.OrderBy(r => Attention(states[r.Id])).ThenBy(r => r.Id).ToList();
        blocks.Add(new TableBlock(["#", "Rule", "Where", "Owner", "State"], [.. ordered.Take(MaxRuleRows).Select(rule => (IReadOnlyList<Cell>)
        [
            new Cell(string.Create(CultureInfo.InvariantCulture, $"#{rule.Id}")),
            new Cell(rule.Describe()),
            new Cell(AlertRuleText.Scope(rule.Scope, refs.ShopName, refs.ChannelName)),
            new Cell(rule.Owner.Name),
            Summary([.. states[rule.Id]]),
        ])])
        {
            // A short id column, room for the rule's words and the per-scope states.
            Widths = [1, 4, 3, 3, 4],
            Caption = shownRules.Count == rules.Count ? "Rules" : string.Create(CultureInfo.InvariantCulture, $"Rules ({shownRules.Count} of {rules.Count})"),
        });
        if (ordered.Count > MaxRuleRows)
        {
            blocks.Add(new TextBlock(string.Create(CultureInfo.InvariantCulture, $"…and {ordered.Count - MaxRuleRows} more rules; `alerts firing`, `alerts mine` or `alerts <metric, shop or owner>` narrows the list."), Tone.Subtle));
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

    private static bool IsOneOf(string filter, string[] words) => words.Contains(filter, StringComparer.OrdinalIgnoreCase);

    private static int Attention(IEnumerable<StoredScopeState> states)
    {
        var all = states.Select(s => s.State.State).ToList();
        return all.Contains(AlertState.Firing) ? 0 : all.Contains(AlertState.Pending) ? 1 : 2;
    }

    /// <summary>The whole picture in one line, whatever the filter: rules, scopes by state, open alerts.</summary>
    private static string Counts(IReadOnlyList<AlertRule> rules, ILookup<long, StoredScopeState> states, IReadOnlyList<AlertIncident> open)
    {
        var byState = rules.SelectMany(r => states[r.Id]).GroupBy(s => s.State.State).ToDictionary(g => g.Key, g => g.Count());
        int Count(AlertState s) => byState.GetValueOrDefault(s);
        var unacknowledged = open.Count(i => i.AcknowledgedBy is null);
        return string.Create(CultureInfo.InvariantCulture,
            $"{rules.Count} rule(s) · {open.Count} open alert(s), {unacknowledged} not acknowledged · scopes: {Count(AlertState.Firing)} firing, {Count(AlertState.Pending)} pending, {Count(AlertState.NoData)} no data, {Count(AlertState.Ok) + Count(AlertState.Resolved)} ok");
    }

    private static TableBlock OpenTable(List<AlertIncident> open, IReadOnlyList<AlertRule> rules, DateTimeOffset now)
    {
        var byId = rules.ToDictionary(r => r.Id);
        // Not yet acknowledged first, newest first within each.
        var rows = open.OrderBy(i => i.AcknowledgedBy is null ? 0 : 1).ThenByDescending(i => i.OpenedDay).ThenByDescending(i => i.Id).Take(MaxOpenRows);
        return new TableBlock(["Alert", "Rule", "Scope", "Since", "Status"], [.. rows.Select(i => (IReadOnlyList<Cell>)
        [
            new Cell(string.Create(CultureInfo.InvariantCulture, $"#{i.Id}"), Tone.Bad),
            new Cell(byId.TryGetValue(i.RuleId, out var r) ? string.Create(CultureInfo.InvariantCulture, $"#{r.Id} {r.Describe()}") : string.Create(CultureInfo.InvariantCulture, $"rule #{i.RuleId}")),
            new Cell(i.TargetLabel),
            new Cell(i.OpenedDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new Cell(Status(i, now)),
        ])])
        {
            Widths = [1, 4, 3, 3, 3],
            Caption = "Open alerts",
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

        // Several scopes: the first firing ones by name, the rest counted ("firing: Tmall (#7) +2 more; 1 ok, 1 no data").
        var firing = states.Where(s => s.State.State == AlertState.Firing).ToList();
        var named = firing.Take(MaxNamedFiring)
            .Select(s => s.TargetLabel + (s.State.IncidentId is { } id ? string.Create(CultureInfo.InvariantCulture, $" (#{id})") : string.Empty));
        var firingText = firing.Count == 0 ? string.Empty
            : "firing: " + string.Join(", ", named) + (firing.Count > MaxNamedFiring ? string.Create(CultureInfo.InvariantCulture, $" +{firing.Count - MaxNamedFiring} more") : string.Empty);
        var others = AlertReplies.CountStates(states.Where(s => s.State.State != AlertState.Firing).Select(s => s.State.State));
        var text = string.Join("; ", new[] { firingText, others }.Where(t => t.Length > 0));
        return new Cell(text, firing.Count > 0 ? Tone.Bad : states.Any(s => s.State.State == AlertState.NoData) ? Tone.Subtle : Tone.Good);
    }

    private static string Status(AlertIncident incident, DateTimeOffset now)
    {
        var parts = new List<string>
        {
            incident.AcknowledgedBy is { } by ? "ack " + by.Name : "not acknowledged",
        };
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
