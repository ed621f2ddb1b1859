using System.Globalization;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Replies;

namespace Bot.Core.Alerts;

/// <summary>The card verbs of alert buttons and the data key they carry.</summary>
public static class AlertVerbs
{
    public const string Acknowledge = "alert-ack";
    public const string MuteDay = "alert-mute-day";
    public const string MuteUntilImport = "alert-mute-import";
    public const string AssignToMe = "alert-assign";

    /// <summary>The data key holding the incident id.</summary>
    public const string Incident = "incident";
}

/// <summary>Builds the alert card of an incident (posted once, then updated in place) and the short follow-up messages. Pure.</summary>
public static class AlertCard
{
    private const int HistoryLines = 6;

    public static Reply Compose(AlertIncident incident, AlertRule rule, IReadOnlyList<AlertAction> actions, NumberFormat format, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(format);
        var latest = incident.Latest;
        var facts = new List<Fact>
        {
            new("Scope", incident.TargetLabel),
            new($"Fired on {Day(incident.OpenedDay)}", Compare(rule, incident.First, format) + (incident.Reopens > 0 ? string.Create(CultureInfo.InvariantCulture, $"; fired again {incident.Reopens}×") : string.Empty)),
            // The same day again means its numbers were corrected (re-imported), not that a later day came in.
            new(latest.Day == incident.OpenedDay && latest != incident.First ? $"{Day(latest.Day)} now" : $"Latest ({Day(latest.Day)})", Compare(rule, latest, format)),
            new("Owner", Mention(rule.Owner)),
            new("Status", Status(incident, zone, now)),
        };
        if (incident.Assignee is { } assignee)
        {
            facts.Add(new Fact("Assigned to", Mention(assignee)));
        }

        var blocks = new List<ReplyBlock> { new FactBlock(facts) };
        if (incident.DataMissing && incident.IsOpen)
        {
            blocks.Add(new TextBlock("Data for the latest day is missing; the alert stays open until the numbers clear.", Tone.Warning));
        }

        if (latest.Detail is { } detail && latest.Breached is not null)
        {
            blocks.Add(new TextBlock(detail, incident.IsOpen ? Tone.Bad : Tone.Neutral));
        }

        if (rule.Condition.Kind == AlertKind.Baseline)
        {
            blocks.Add(new TextBlock("Baseline: the same weekday over the trailing weeks, campaign days left out (see `alerts` for the settings).", Tone.Subtle));
        }

        var history = actions.Where(a => a.IncidentId == incident.Id).TakeLast(HistoryLines).Select(a => $"{Time(a.At, zone)} {a.Actor.Name} {Verb(a)}").ToList();
        if (history.Count > 0)
        {
            blocks.Add(new TextBlock("Activity: " + string.Join(" · ", history), Tone.Subtle));
        }

        var (icon, state) = incident.Status switch
        {
            IncidentStatus.Firing => ("🔴", "Alert"),
            IncidentStatus.Resolved => ("✅", "Resolved"),
            _ => ("⚪", "Closed"),
        };
        return new Reply($"{icon} {state}: {rule.Describe()} — {incident.TargetLabel}", blocks)
        {
            Subtitle = string.Create(CultureInfo.InvariantCulture, $"Alert #{incident.Id} · rule #{rule.Id}"),
            Summary = $"{state}: {rule.Describe()} — {incident.TargetLabel} ({Compare(rule, latest, format)})",
            Buttons = incident.IsOpen ? Buttons(incident) : [],
        };
    }

    /// <summary>A short reminder posted after the cool-down while the incident is firing, unacknowledged and not muted.</summary>
    public static Reply Reminder(AlertIncident incident, AlertRule rule, NumberFormat format) => Notice(
        "⏰", "Still firing", incident, rule,
        $"alert #{incident.Id} has fired since {Day(incident.OpenedDay)} and nobody has acknowledged it. Latest: {Compare(rule, incident.Latest, format)}. Use the buttons on the alert card to acknowledge, mute or take it.");

    /// <summary>The short message posted when an incident resolves (its card is updated too).</summary>
    public static Reply Resolved(AlertIncident incident, AlertRule rule, NumberFormat format)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var cleared = incident.ResolvedDay ?? incident.Latest.Day;
        return Notice(
            "✅", "Resolved", incident, rule,
            cleared == incident.OpenedDay
                ? $"alert #{incident.Id} cleared: the numbers for {Day(cleared)}, the day it fired, were updated and now read {Compare(rule, incident.Latest, format)}."
                : $"alert #{incident.Id} cleared on {Day(cleared)} ({Compare(rule, incident.Latest, format)}); it fired on {Day(incident.OpenedDay)}.");
    }

    /// <summary>The short message posted when a resolved incident fires again within the flap-damping window (same card).</summary>
    public static Reply Reopened(AlertIncident incident, AlertRule rule, NumberFormat format) => Notice(
        "🔴", "Firing again", incident, rule,
        $"alert #{incident.Id} resolved recently and is firing again ({Compare(rule, incident.Latest, format)}); its card above is updated.");

    /// <summary>A one-paragraph notice addressed to the rule's owner, titled with what happened to which alert.</summary>
    private static Reply Notice(string icon, string what, AlertIncident incident, AlertRule rule, string text) =>
        Reply.Text($"{icon} {what}: {rule.Describe()} — {incident.TargetLabel}", $"{Mention(rule.Owner)}: {text}") with
        {
            Summary = $"{what}: {rule.Describe()} — {incident.TargetLabel}",
        };

    /// <summary>"@Ana": the Teams renderer turns it into a real mention when the person's id is known.</summary>
    public static string Mention(AlertPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return "@" + person.Name;
    }

    /// <summary>"1.74% — limit 2.46% (baseline 2.90%)".</summary>
    public static string Compare(AlertRule rule, DayOutcome outcome, NumberFormat format)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(format);
        if (outcome.Breached is null)
        {
            return outcome.Detail ?? "no data";
        }

        var op = rule.Condition.Direction == AlertDirection.Below ? "<" : ">";
        var kind = rule.Condition.Kind switch
        {
            AlertKind.StockCover => (MetricKind?)null,
            AlertKind.GoalPace => MetricKind.Rate,
            _ => rule.Metric?.Kind ?? MetricKind.Count,
        };
        string Show(double? v) => kind is { } k ? format.Format(v, k) : format.Days(v);
        var value = rule.Condition.Kind == AlertKind.StockCover && outcome.Value is null ? "nothing selling" : Show(outcome.Value);
        var text = $"{value} (alert when {op} {Show(outcome.Limit)}";
        text += rule.Condition.Kind switch
        {
            AlertKind.Baseline => $"; baseline {Show(outcome.Reference)})",
            AlertKind.Benchmark => $"; benchmark {Show(outcome.Reference)})",
            AlertKind.GoalPace => $" pace; target {format.Format(outcome.Reference, rule.Metric?.Kind ?? MetricKind.Money)})",
            _ => ")",
        };
        return text;
    }

    private static List<ReplyButton> Buttons(AlertIncident incident)
    {
        var data = new Dictionary<string, string> { [AlertVerbs.Incident] = incident.Id.ToString(CultureInfo.InvariantCulture) };
        var buttons = new List<ReplyButton>();
        if (incident.AcknowledgedBy is null)
        {
            buttons.Add(new ReplyButton("Acknowledge", AlertVerbs.Acknowledge, data));
        }

        buttons.Add(new ReplyButton("Mute 1 day", AlertVerbs.MuteDay, data));
        buttons.Add(new ReplyButton("Mute until next import", AlertVerbs.MuteUntilImport, data));
        buttons.Add(new ReplyButton("Assign to me", AlertVerbs.AssignToMe, data));
        return buttons;
    }

    private static string Status(AlertIncident incident, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (incident.Status == IncidentStatus.Resolved)
        {
            return $"Resolved on {Day(incident.ResolvedDay ?? incident.Latest.Day)}";
        }

        if (incident.Status == IncidentStatus.Closed)
        {
            return "Closed (rule removed or scope gone)";
        }

        var parts = new List<string> { incident.DataMissing ? "Firing (no new data)" : "Firing" };
        parts.Add(incident.AcknowledgedBy is { } by ? $"acknowledged by {by.Name} at {Time(incident.AcknowledgedAt ?? now, zone)}" : "not acknowledged");
        if (incident.MutedUntilImport)
        {
            parts.Add($"muted until the next import by {incident.MutedBy?.Name}");
        }
        else if (incident.MutedUntil is { } until && until > now)
        {
            parts.Add($"muted until {Time(until, zone)} by {incident.MutedBy?.Name}");
        }

        return string.Join(" · ", parts);
    }

    private static string Verb(AlertAction action) => action.Kind switch
    {
        AlertActionKind.Acknowledge => "acknowledged",
        AlertActionKind.MuteDay => action.Detail is { } until ? $"muted until {until}" : "muted for a day",
        AlertActionKind.MuteUntilImport => "muted until the next import",
        AlertActionKind.AssignToSelf => "took it",
        AlertActionKind.RemoveRule => "removed the rule",
        _ => action.Kind.ToString().ToLowerInvariant(),
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
