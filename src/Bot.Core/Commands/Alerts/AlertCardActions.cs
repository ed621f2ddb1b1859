using System.Globalization;
using Bot.Core.Alerts;
using Bot.Core.Formatting;
using Bot.Core.Messaging;
using Bot.Core.Replies;
using Bot.Core.Security;
using Bot.Core.Time;

namespace Bot.Core.Commands.Alerts;

/// <summary>The alert card's Acknowledge button: anyone in the conversation may acknowledge (it stops the reminders).</summary>
public sealed class AcknowledgeAlertAction(TeamClock clock, Roles roles, NumberFormat format, AlertServices? alerts = null) : ICardActionHandler
{
    private readonly AlertCardActionRunner _runner = new(clock, roles, format, alerts);

    public string Verb => AlertVerbs.Acknowledge;

    public Task<Reply> HandleAsync(IncomingMessage message, CardAction action, CancellationToken cancellationToken) =>
        _runner.RunAsync(message, action, AlertActionKind.Acknowledge, cancellationToken);
}

/// <summary>The alert card's "Mute 1 day" button: owner, assignee or admin only.</summary>
public sealed class MuteAlertForDayAction(TeamClock clock, Roles roles, NumberFormat format, AlertServices? alerts = null) : ICardActionHandler
{
    private readonly AlertCardActionRunner _runner = new(clock, roles, format, alerts);

    public string Verb => AlertVerbs.MuteDay;

    public Task<Reply> HandleAsync(IncomingMessage message, CardAction action, CancellationToken cancellationToken) =>
        _runner.RunAsync(message, action, AlertActionKind.MuteDay, cancellationToken);
}

/// <summary>The alert card's "Mute until next import" button: owner, assignee or admin only.</summary>
public sealed class MuteAlertUntilImportAction(TeamClock clock, Roles roles, NumberFormat format, AlertServices? alerts = null) : ICardActionHandler
{
    private readonly AlertCardActionRunner _runner = new(clock, roles, format, alerts);

    public string Verb => AlertVerbs.MuteUntilImport;

    public Task<Reply> HandleAsync(IncomingMessage message, CardAction action, CancellationToken cancellationToken) =>
        _runner.RunAsync(message, action, AlertActionKind.MuteUntilImport, cancellationToken);
}

/// <summary>The alert card's "Assign to me" button: anyone may take an alert (the log shows who took it from whom).</summary>
public sealed class AssignAlertAction(TeamClock clock, Roles roles, NumberFormat format, AlertServices? alerts = null) : ICardActionHandler
{
    private readonly AlertCardActionRunner _runner = new(clock, roles, format, alerts);

    public string Verb => AlertVerbs.AssignToMe;

    public Task<Reply> HandleAsync(IncomingMessage message, CardAction action, CancellationToken cancellationToken) =>
        _runner.RunAsync(message, action, AlertActionKind.AssignToSelf, cancellationToken);
}

/// <summary>What the alert buttons share: find the incident, check who may, record the action, answer with the refreshed card.</summary>
/// <remarks>
/// Authorization uses the caller from the activity (<c>from.id</c> / <c>from.aadObjectId</c>), never card data.
/// Acknowledge and "assign to me" are open to everyone in the conversation: they add an owner to a problem,
/// they do not hide it. Muting hides it, so only the rule's owner (or its creator), the incident's assignee or
/// an admin may mute. The answer is the whole card (an Answer), which the channel uses to replace the clicked
/// card for everyone; refusals are Problems, shown to the clicker only.
/// </remarks>
public sealed class AlertCardActionRunner(TeamClock clock, Roles roles, NumberFormat format, AlertServices? alerts = null)
{
    public async Task<Reply> RunAsync(IncomingMessage message, CardAction action, AlertActionKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(action);
        if (alerts is null)
        {
            return AlertReplies.NotAvailable();
        }

        if (!long.TryParse(action.Get(AlertVerbs.Incident), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || await alerts.Store.GetIncidentAsync(id, cancellationToken) is not { } incident
            || await alerts.Store.GetRuleAsync(incident.RuleId, cancellationToken) is not { } rule)
        {
            return Reply.Problem("That alert no longer exists", "Its rule may have been removed. `alerts` lists the current rules and open alerts.");
        }

        var now = clock.Time.GetUtcNow();
        var caller = message.From;
        if (!incident.IsOpen)
        {
            return Reply.Problem(
                string.Create(CultureInfo.InvariantCulture, $"Alert #{incident.Id} is {(incident.Status == IncidentStatus.Resolved ? "resolved" : "closed")}"),
                "There is nothing left to acknowledge, mute or take.");
        }

        if (kind is AlertActionKind.MuteDay or AlertActionKind.MuteUntilImport
            && !rule.IsOwnedBy(caller) && incident.Assignee?.Is(caller) != true && !roles.IsAdmin(caller))
        {
            return Reply.Problem(
                "Only the owner, the assignee or an admin can mute",
                $"Alert #{incident.Id} belongs to {AlertCard.Mention(rule.Owner)}{(incident.Assignee is { } a ? $" and is assigned to {AlertCard.Mention(a)}" : string.Empty)}. You can acknowledge it or assign it to yourself.");
        }

        if (Duplicate(incident, kind, caller, clock.Zone) is { } duplicate)
        {
            return duplicate;
        }

        var detail = kind == AlertActionKind.MuteDay ? AlertCard.Time(now.AddDays(1), clock.Zone) : null;
        var updated = await alerts.Store.ApplyActionAsync(new AlertAction(0, rule.Id, incident.Id, kind, AlertPerson.From(caller), now, detail), cancellationToken);
        if (updated is null)
        {
            return Reply.Problem("That alert no longer exists", "`alerts` lists the open alerts.");
        }

        alerts.Notices?.Notify();
        var log = await alerts.Store.ListActionsAsync(rule.Id, incident.Id, cancellationToken);
        return AlertCard.Compose(updated, rule, log, format, clock.Zone, now);
    }

    /// <summary>A second click says who did it first instead of doing it again.</summary>
    private static Reply? Duplicate(AlertIncident incident, AlertActionKind kind, Caller caller, TimeZoneInfo zone) => kind switch
    {
        AlertActionKind.Acknowledge when incident.AcknowledgedBy is { } by =>
            Reply.Problem("Already acknowledged", $"{by.Name} acknowledged alert #{incident.Id} at {AlertCard.Time(incident.AcknowledgedAt ?? default, zone)}."),
        AlertActionKind.AssignToSelf when incident.Assignee?.Is(caller) == true =>
            Reply.Problem("It's yours already", $"Alert #{incident.Id} is assigned to you."),
        AlertActionKind.MuteUntilImport when incident.MutedUntilImport =>
            Reply.Problem("Already muted", $"{incident.MutedBy?.Name} muted alert #{incident.Id} until the next import."),
        _ => null,
    };
}
