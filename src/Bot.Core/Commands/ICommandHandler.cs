using Bot.Core.Conversations;
using Bot.Core.Messaging;
using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>What a command declares about itself; help, suggestions and the Teams command list are built from it.</summary>
/// <param name="Verb">The canonical English verb, lower case; may be several words ("campaign roi").</param>
/// <param name="Aliases">Other English and Chinese words that mean the same ("漏斗").</param>
public sealed record CommandInfo(string Verb, IReadOnlyList<string> Aliases, string Usage, string Example, string Summary)
{
    public IEnumerable<string> AllNames => Aliases.Prepend(Verb);

    /// <summary>Only admins (Roles:Admins) may run it; others get a polite refusal.</summary>
    public bool AdminOnly { get; init; }

    /// <summary>Who may run it, for <c>help &lt;command&gt;</c> (the command itself enforces it); null = anyone.</summary>
    public string? Who { get; init; }

    /// <summary>Hidden from help (e.g. help itself is listed once, card-action verbs never).</summary>
    public bool Hidden { get; init; }

    /// <summary>Takes attached files: a message with files goes here unless its text names another such command.</summary>
    public bool TakesFiles { get; init; }

    /// <summary>The help section it is listed under (<see cref="CommandGroups"/>).</summary>
    public string Group { get; init; } = CommandGroups.Ask;
}

/// <summary>The sections of help, in the order they are shown.</summary>
public static class CommandGroups
{
    public const string Ask = "Ask about the numbers 问数据";
    public const string Data = "Data 数据";
    public const string Push = "Scheduled messages 推送";
    public const string Alerts = "Alerts 预警";
    public const string Plan = "Weekly plan 周计划";
    public const string Help = "Help 帮助";

    public static IReadOnlyList<string> Order { get; } = [Ask, Alerts, Push, Plan, Data, Help];
}

/// <summary>A routed command: the message, the words left after the verb, and the conversation's remembered context.</summary>
public sealed record CommandRequest(IncomingMessage Message, string Args, ConversationSettings Settings)
{
    public ConversationKey Conversation => Message.Conversation;
}

/// <summary>One chat command. Register it in <see cref="CommandCatalog"/>; nothing else changes.</summary>
public interface ICommandHandler
{
    CommandInfo Info { get; }

    Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken);
}

/// <summary>A command that also answers a message naming no command, when it recognises what is asked ("gmv yesterday").</summary>
public interface IImplicitCommand : ICommandHandler
{
    /// <summary>Cheap, no writes: runs on every message that matched no command (cached reference data at most).</summary>
    ValueTask<bool> RecognisesAsync(string normalizedText, CancellationToken cancellationToken);
}

/// <summary>A card button's handler, routed by the verb in the button's data.</summary>
public interface ICardActionHandler
{
    string Verb { get; }

    Task<Reply> HandleAsync(IncomingMessage message, CardAction action, CancellationToken cancellationToken);
}
