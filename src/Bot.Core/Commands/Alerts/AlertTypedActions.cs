using System.Globalization;
using Bot.Core.Alerts;
using Bot.Core.Formatting;
using Bot.Core.Messaging;
using Bot.Core.Replies;
using Bot.Core.Security;
using Bot.Core.Time;

namespace Bot.Core.Commands.Alerts;

/// <summary>An alert card's button, typed: <c>alert ack 3</c>, <c>alert mute 3</c>, <c>alert take 3</c>.</summary>
/// <remarks>
/// For chats without cards (the console) and for whoever finds typing quicker than finding the card. The same runner
/// as the buttons decides who may and records who did what; the posted cards are refreshed through the same notice.
/// </remarks>
public abstract class AlertTypedActionCommand(TeamClock clock, Roles roles, NumberFormat format, AlertServices? alerts, CommandInfo info) : ICommandHandler
{
    private readonly AlertCardActionRunner _runner = new(clock, roles, format, alerts);

    public CommandInfo Info { get; } = info;

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (TextNormalizer.Tokens(request.Args).Select(t => AlertReplies.ReadId(t)).FirstOrDefault(i => i is not null) is not { } id)
        {
            return Task.FromResult(Reply.Problem("Which alert?", $"Give the alert's number, e.g. `{Info.Example}`; `alerts` lists the open ones."));
        }

        var (verb, kind) = Action(request.Args);
        var action = new CardAction(verb, new Dictionary<string, string> { ["verb"] = verb, [AlertVerbs.Incident] = id.ToString(CultureInfo.InvariantCulture) });
        return _runner.RunAsync(request.Message, action, kind, cancellationToken);
    }

    /// <summary>The button this command stands for, given what follows the verb.</summary>
    protected abstract (string Verb, AlertActionKind Kind) Action(string args);
}

/// <summary><c>alert ack 3</c> / 确认告警 3: the Acknowledge button.</summary>
public sealed class AlertAcknowledgeCommand(TeamClock clock, Roles roles, NumberFormat format, AlertServices? alerts = null) : AlertTypedActionCommand(clock, roles, format, alerts, new(
    Verb: "alert ack",
    Aliases: ["ack alert", "acknowledge alert", "alert acknowledge", "确认告警", "告警确认"],
    Usage: "alert ack <alert number>",
    Example: "alert ack 1",
    Summary: "Acknowledge an open alert (stops its reminders), as its card's button does")
{
    Group = CommandGroups.Alerts,
})
{
    protected override (string Verb, AlertActionKind Kind) Action(string args) => (AlertVerbs.Acknowledge, AlertActionKind.Acknowledge);
}

/// <summary><c>alert mute 3 [until import]</c> / 静音告警 3: the Mute buttons.</summary>
public sealed class AlertMuteCommand(TeamClock clock, Roles roles, NumberFormat format, AlertServices? alerts = null) : AlertTypedActionCommand(clock, roles, format, alerts, new(
    Verb: "alert mute",
    Aliases: ["mute alert", "告警静音", "静音告警", "屏蔽告警"],
    Usage: "alert mute <alert number> [until import]",
    Example: "alert mute 1",
    Summary: "Mute an open alert for a day, or until the next data import")
{
    Group = CommandGroups.Alerts,
    Who = "the rule's owner, the alert's assignee, admins",
})
{
    protected override (string Verb, AlertActionKind Kind) Action(string args) =>
        args.Contains("import", StringComparison.OrdinalIgnoreCase) || args.Contains("导入", StringComparison.Ordinal)
            ? (AlertVerbs.MuteUntilImport, AlertActionKind.MuteUntilImport)
            : (AlertVerbs.MuteDay, AlertActionKind.MuteDay);
}

/// <summary><c>alert take 3</c> / 认领告警 3: the "Assign to me" button.</summary>
public sealed class AlertTakeCommand(TeamClock clock, Roles roles, NumberFormat format, AlertServices? alerts = null) : AlertTypedActionCommand(clock, roles, format, alerts, new(
    Verb: "alert take",
    Aliases: ["take alert", "alert assign to me", "assign alert to me", "认领告警", "告警认领"],
    Usage: "alert take <alert number>",
    Example: "alert take 1",
    Summary: "Assign an open alert to yourself, as its card's button does")
{
    Group = CommandGroups.Alerts,
})
{
    protected override (string Verb, AlertActionKind Kind) Action(string args) => (AlertVerbs.AssignToMe, AlertActionKind.AssignToSelf);
}
