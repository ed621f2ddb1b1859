using System.Globalization;
using Bot.Core.Alerts;
using Bot.Core.Commands.Query;
using Bot.Core.Messaging;
using Bot.Core.Push;
using Bot.Core.Replies;
using Bot.Core.Security;

namespace Bot.Core.Commands.Alerts;

/// <summary><c>alert &lt;rule&gt;</c> / <c>告警 &lt;规则&gt;</c>: saves a threshold-alert rule and evaluates it at once.</summary>
public sealed class AlertCommand(QueryServices query, Roles roles, AlertServices? alerts = null, PushServices? push = null) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "alert",
        Aliases: ["告警", "预警", "报警", "add alert", "new alert", "新建告警"],
        Usage: "alert <metric> <below|above> <baseline|benchmark|value> [for N days] [shop …] [channel …] [category …] [owner @name]",
        Example: "alert conversion below baseline for 3 days",
        Summary: "Set up a threshold alert: below baseline N days running, above a rate, stock cover, goal pace")
    {
        Group = CommandGroups.Alerts,
        Who = "alert editors (Roles:AlertEditors; everyone when it is empty) and admins",
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (alerts is null)
        {
            return AlertReplies.NotAvailable();
        }

        if (!roles.MayAddAlerts(request.Message.From))
        {
            var who = request.Message.From;
            return Reply.Problem(
                "Only alert editors can add alert rules",
                $"Adding alert rules is for the people listed in Roles:AlertEditors and admins. If you should be one, ask your admin to add your id: {who.AadObjectId ?? who.Id}.",
                "`alerts` shows the rules there are; `alert test <rule>` tries a rule without saving it.");
        }

        var (read, refs, problem) = await AlertReplies.ReadRuleAsync(request, Info, "Tell me what to watch and when to alert.", query, alerts, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (owner, caller) = (read!.Owner, read.CreatedBy);
        var rule = await alerts.Store.AddRuleAsync(read, cancellationToken);
        var run = await alerts.Engine.EvaluateAsync(rule.Id, cancellationToken);
        alerts.Notices?.Notify();
        var states = await alerts.Store.ListStatesAsync(rule.Id, cancellationToken);

        var format = query.FormatFor(request);
        var facts = new List<Fact>
        {
            new("Rule", rule.Describe()),
            new("Where", AlertRuleText.Scope(rule.Scope, refs.ShopName, refs.ChannelName) + (rule.Scope.Shop is null ? " (each shop on its own)" : string.Empty)),
            new("Owner", AlertCard.Mention(owner) + (owner.Id is null ? " (by name)" : string.Empty)),
            new("Checked", $"after every data import and on a schedule; as of {(run.AsOf is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "— (no data yet)")}"),
        };
        var blocks = new List<ReplyBlock> { new FactBlock(facts) };
        if (states.Count > 0)
        {
            blocks.AddRange(AlertReplies.StateTable(rule, states, format));
        }
        else if (run.AsOf is not null)
        {
            blocks.Add(new TextBlock(rule.Condition.Kind == AlertKind.GoalPace
                ? $"No {rule.Metric?.Name ?? "GMV"} goal is running for that scope yet; the rule starts when one is imported (`import goals <file>`)."
                : "Nothing to evaluate in that scope yet.", Tone.Warning));
        }

        if (owner.Id is null)
        {
            blocks.Add(new TextBlock($"I only know {owner.Name} by name (no Teams id came with the mention), so muting and removing stay with you ({caller.Name}), an assignee and the admins; {owner.Name} can still acknowledge or take an alert.", Tone.Subtle));
        }

        blocks.Add(await AlertReplies.DeliveryNoteAsync(push, request.Conversation, cancellationToken));
        blocks.Add(new TextBlock($"`alert test {request.Args}` shows when it would have fired over the last {alerts.Options.TestDays} days; `alert remove {rule.Id}` removes it.", Tone.Subtle));
        return new Reply(string.Create(CultureInfo.InvariantCulture, $"Alert rule #{rule.Id} saved"), blocks)
        {
            Summary = string.Create(CultureInfo.InvariantCulture, $"Alert rule #{rule.Id}: {rule.Describe()}"),
        };
    }
}

/// <summary>Replies and small helpers shared by the alert commands and card actions.</summary>
internal static class AlertReplies
{
    public static Reply NotAvailable() =>
        Reply.Problem("Alerts are not set up", "This bot was started without the alert engine, so it cannot take alert rules.");

    /// <summary>The rule after <c>alert</c> or <c>alert test</c>, read but not saved — or the reply that says what is wrong with it.</summary>
    public static async Task<(AlertRule? Rule, ReferenceData.Snapshot Refs, Reply? Problem)> ReadRuleAsync(
        CommandRequest request, CommandInfo info, string whenEmpty, QueryServices query, AlertServices alerts, CancellationToken cancellationToken)
    {
        var refs = await query.Reference.GetAsync(cancellationToken);
        if (request.Args.Length == 0)
        {
            return (null, refs, Usage(info, whenEmpty));
        }

        var parsed = AlertRuleParser.Parse(request.Args, request.Message.Text, refs, alerts.Options.DefaultBaselineMargin);
        if (!parsed.Success)
        {
            return (null, refs, Usage(info, parsed.Error!));
        }

        var draft = parsed.Value!;
        var owner = Owner(draft.OwnerName, request.Message.From, request.Message.Mentions);
        var rule = AlertRule.FromDraft(draft, request.Args, owner, AlertPerson.From(request.Message.From), query.Clock.Time.GetUtcNow(), request.Conversation.Id);
        return (rule, refs, null);
    }

    public static Reply Usage(CommandInfo info, string problem) =>
        Reply.Problem(
            $"I couldn't read that {info.Verb} rule",
            [problem, $"Usage: `{info.Usage}`", "Examples:", .. AlertRuleParser.Examples.Select(e => $"• `{e}`")]);

    /// <summary>The owner named after <c>owner</c>: the caller for "me" or their own name, else a person known by name only.</summary>
    public static AlertPerson Owner(string? name, Caller caller, IReadOnlyList<Caller>? mentions = null)
    {
        var self = AlertPerson.From(caller);
        if (name is null || name.ToLowerInvariant() is "me" or "myself" or "我" or "本人" || string.Equals(name, caller.Name, StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        // A Teams @mention carries the person's id: the owner is then a real user who can mute and is mentioned.
        var mentioned = mentions?.FirstOrDefault(m => m.Name is { } n && (string.Equals(n, name, StringComparison.OrdinalIgnoreCase) || n.StartsWith(name + " ", StringComparison.OrdinalIgnoreCase) || name.StartsWith(n, StringComparison.OrdinalIgnoreCase)));
        return mentioned is null ? new AlertPerson(name) : AlertPerson.From(mentioned);
    }

    /// <summary>Parses "#12" or "12".</summary>
    public static long? ReadId(string text)
    {
        var tokens = TextNormalizer.Tokens(text);
        var token = tokens.Count > 0 ? tokens[0].TrimStart('#') : null;
        return long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    /// <summary>Scopes listed at most when a rule is saved; with 200 shops the full table was far too big for one card.</summary>
    public const int MaxStateRows = 20;

    /// <summary>The rule's state per scope: what needs someone first (firing, pending, no data), then the rest by name; at most <see cref="MaxStateRows"/>, the others counted.</summary>
    public static IReadOnlyList<ReplyBlock> StateTable(AlertRule rule, IReadOnlyList<StoredScopeState> states, Formatting.NumberFormat format)
    {
        var ordered = states.OrderBy(s => Rank(s.State.State))
            .ThenBy(s => s.TargetLabel, StringComparer.Ordinal).ToList();
        var table = new TableBlock(["Scope", "State", "Latest"], [.. ordered.Take(MaxStateRows).Select(s => (IReadOnlyList<Cell>)
        [
            new Cell(s.TargetLabel),
            StateCell(s.State),
            new Cell(s.State.Last is { } last ? $"{last.Day:yyyy-MM-dd}: {AlertCard.Compare(rule, last, format)}" : "—"),
        ])]);
        if (ordered.Count <= MaxStateRows)
        {
            return [table];
        }

        return [table, new TextBlock(string.Create(CultureInfo.InvariantCulture, $"…and {ordered.Count - MaxStateRows} more scopes: {CountStates(ordered.Skip(MaxStateRows).Select(s => s.State.State))}."), Tone.Subtle)];
    }

    /// <summary>Scopes counted by state, what needs a look first: "2 firing, 1 no data, 5 ok".</summary>
    public static string CountStates(IEnumerable<AlertState> states) =>
        string.Join(", ", states.GroupBy(s => s).OrderBy(g => Rank(g.Key)).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {StateName(g.Key)}")));

    private static int Rank(AlertState state) => state switch
    {
        AlertState.Firing => 0,
        AlertState.Pending => 1,
        AlertState.NoData => 2,
        AlertState.Resolved => 3,
        _ => 4,
    };

    /// <summary>The state in words, for counts ("2 ok, 1 no data").</summary>
    public static string StateName(AlertState state) => state switch
    {
        AlertState.Firing => "firing",
        AlertState.Pending => "pending",
        AlertState.Resolved => "resolved",
        AlertState.NoData => "no data",
        _ => "ok",
    };

    public static Cell StateCell(ScopeState state) => state.State switch
    {
        AlertState.Firing => new Cell(state.IncidentId is { } id ? string.Create(CultureInfo.InvariantCulture, $"firing (#{id})") : "firing", Tone.Bad),
        AlertState.Pending => new Cell(string.Create(CultureInfo.InvariantCulture, $"pending ({state.Streak} d)"), Tone.Warning),
        AlertState.Resolved => new Cell("resolved", Tone.Good),
        AlertState.NoData => new Cell("no data", Tone.Subtle),
        _ => new Cell("ok", Tone.Good),
    };

    /// <summary>Where the cards go: the conversations subscribed to alerts; says so when this one is not.</summary>
    public static async Task<TextBlock> DeliveryNoteAsync(PushServices? push, ConversationKey conversation, CancellationToken cancellationToken)
    {
        if (push is null)
        {
            return new TextBlock("Alert cards go to the conversations subscribed to alerts, but subscriptions are not set up on this bot.", Tone.Warning);
        }

        var here = await push.Subscriptions.ListForConversationAsync(conversation.ChannelId, conversation.Id, cancellationToken);
        if (here.Any(s => s.Kind == SubscriptionKind.Alerts && s.Active))
        {
            return new TextBlock("Alert cards are posted here (this conversation is subscribed to alerts) and in every other subscribed conversation.", Tone.Subtle);
        }

        var all = await push.Subscriptions.ListAllAsync(cancellationToken);
        var count = all.Count(s => s.Kind == SubscriptionKind.Alerts && s.Active);
        return new TextBlock(
            count == 0
                ? "No conversation is subscribed to alerts yet: type `subscribe alerts` here to get the cards."
                : string.Create(CultureInfo.InvariantCulture, $"Alert cards go to the {count} conversation(s) subscribed to alerts; type `subscribe alerts` to get them here too."),
            Tone.Warning);
    }
}
