using System.Diagnostics;
using System.Globalization;
using Bot.Core.Conversations;
using Bot.Core.Messaging;
using Bot.Core.Replies;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Commands;

/// <summary>Turns one incoming message into one reply: finds the command or card action and runs it.</summary>
/// <remarks>
/// This is the single place where unexpected exceptions from commands are caught: they are logged with a
/// short reference id and the user gets an apology quoting it — never a stack trace.
/// </remarks>
public sealed class CommandRouter(
    CommandRegistry registry,
    CommandMatcher matcher,
    IConversationSettingsStore settings,
    ILogger<CommandRouter> logger)
{
    /// <summary>Longer messages are not commands; refusing them keeps per-message work bounded.</summary>
    public const int MaxTextLength = 2000;

    public async Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = Stopwatch.GetTimestamp();
        var name = "(none)";
        try
        {
            if (message.Action is { } action)
            {
                name = "action:" + action.Verb;
                return registry.Actions.TryGetValue(action.Verb, out var actionHandler)
                    ? await actionHandler.HandleAsync(message, action, cancellationToken)
                    : Reply.Problem("That button has expired", "I no longer know what that button did. Type `help` to see what I can do.");
            }

            if (message.Text.Length > MaxTextLength)
            {
                name = "too-long";
                return Reply.Problem("That message is too long", $"Commands are short phrases; that message has {message.Text.Length:N0} characters (the limit is {MaxTextLength:N0}). Try e.g. `funnel last week`, or `help` for every command.");
            }

            var text = TextNormalizer.Normalize(message.Text);
            if (message.Files.Count > 0 && registry.FileCommand is { } fileCommand && (text.Length == 0 || matcher.Match(text) is UnknownCommand))
            {
                // A file with no words, or with words that are no command ("here is last week"), is a file to import;
                // a command with a picture pasted beside it is still that command.
                name = fileCommand.Info.Verb;
                var fileSettings = await settings.GetAsync(message.Conversation, cancellationToken);
                return await fileCommand.HandleAsync(new CommandRequest(message, string.Empty, fileSettings), cancellationToken);
            }

            if (text.Length == 0)
            {
                name = "help";
                return HelpReply.Build(registry, intro: "Here is what I can do.");
            }

            switch (matcher.Match(text))
            {
                case MatchedCommand matched:
                    name = matched.Handler.Info.Verb;
                    var conversationSettings = await settings.GetAsync(message.Conversation, cancellationToken);
                    return await matched.Handler.HandleAsync(new CommandRequest(message, matched.Args, conversationSettings), cancellationToken);
                case AmbiguousCommand ambiguous:
                    name = "ambiguous";
                    return AskWhich(ambiguous);
                case UnknownCommand unknown:
                    if (await RecogniseAsync(text, cancellationToken) is { } implicitCommand)
                    {
                        name = implicitCommand.Info.Verb;
                        var implicitSettings = await settings.GetAsync(message.Conversation, cancellationToken);
                        return await implicitCommand.HandleAsync(new CommandRequest(message, text, implicitSettings), cancellationToken);
                    }

                    name = "unknown";
                    return Unknown(unknown);
                default:
                    throw new UnreachableException();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var reference = NewReference();
            logger.LogError(ex, "Command {Command} failed for {ConversationId} (ref {Reference})", name, message.Conversation.Id, reference);
            return Reply.Problem("Sorry, that failed", $"Something went wrong on my side (ref {reference}). Please try again; if it keeps failing, quote the ref to your admin.");
        }
        finally
        {
            logger.LogDebug("Handled {Command} for {ConversationId} in {ElapsedMs} ms", name, message.Conversation.Id, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>The first command that answers a message naming none ("gmv yesterday", "双11"), or null.</summary>
    private async Task<IImplicitCommand?> RecogniseAsync(string text, CancellationToken cancellationToken)
    {
        foreach (var command in registry.Implicit)
        {
            if (await command.RecognisesAsync(text, cancellationToken))
            {
                return command;
            }
        }

        return null;
    }

    /// <summary>The commands the greeting offers to try first, by verb; their examples and summaries come from the catalogue.</summary>
    public static readonly IReadOnlyList<string> WelcomeVerbs = ["brief", "metric", "funnel", "why", "subscribe", "alert"];

    /// <summary>The greeting posted when the bot is added to a conversation: what it does and six things to try, not the whole catalogue.</summary>
    public Reply Welcome()
    {
        var rows = WelcomeVerbs
            .Select(verb => registry.Commands.FirstOrDefault(c => c.Info.Verb == verb))
            .OfType<ICommandHandler>()
            .Select(c => (IReadOnlyList<Cell>)[new Cell(c.Info.Example), new Cell(c.Info.Summary)])
            .ToList();
        return new Reply("Welcome to OpsBot", [
            new TextBlock("Hi, I'm OpsBot. Ask me about your shop's numbers in English or Chinese — `funnel last week` or `漏斗 上周` — and I answer with the numbers, the change against the previous period (环比) and last year (同比), and the benchmark."),
            new TableBlock(["Try", "What you get"], rows) { Widths = [4, 5] },
            new TextBlock("`help` lists every command by section; `help <command>` shows one in full.", Tone.Subtle),
        ])
        {
            Summary = "Welcome to OpsBot: try " + string.Join(", ", rows.Select(r => r[0].Text)),
        };
    }

    private static Reply AskWhich(AmbiguousCommand ambiguous)
    {
        var options = ambiguous.Options.Select(o => $"`{o.Info.Verb}` — {o.Info.Summary} (e.g. `{o.Info.Example}`)").ToArray();
        return new Reply("Which one did you mean?", [new TextBlock("That could mean more than one thing:"), .. options.Select(o => new TextBlock("• " + o))])
        {
            Kind = ReplyKind.Question,
        };
    }

    private static Reply Unknown(UnknownCommand unknown)
    {
        var first = unknown.FirstWord.Length > 40 ? unknown.FirstWord[..40] + "…" : unknown.FirstWord;
        var lines = new List<string>
        {
            unknown.Suggestion is { } suggestion
                ? $"I don't know '{first}' — did you mean '{suggestion}'?"
                : $"I don't know '{first}'.",
            "Type `help` (or `帮助`) to see every command with an example.",
        };
        return Reply.Problem("I didn't understand that", [.. lines]);
    }

    private static string NewReference() => Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToUpper(CultureInfo.InvariantCulture);
}
