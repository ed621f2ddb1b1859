using Bot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Core.Commands;

/// <summary><c>help</c>: every command by section; <c>help &lt;command&gt;</c>: one command in full.</summary>
public sealed class HelpCommand(IServiceProvider services) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "help",
        Aliases: ["帮助", "commands", "命令"],
        Usage: "help [command]",
        Example: "help alert",
        Summary: "List every command with an example; `help <command>` for one in full")
    {
        Group = CommandGroups.Help,
    };

    // Resolved lazily: the registry contains this handler, so it cannot be a constructor dependency.
    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var registry = services.GetRequiredService<CommandRegistry>();
        var topic = TextNormalizer.Normalize(request.Args);
        if (topic.Length == 0)
        {
            return HelpReply.Build(registry, intro: "Here is what I can do.");
        }

        switch (services.GetRequiredService<CommandMatcher>().Match(topic))
        {
            case MatchedCommand matched:
                return HelpReply.Detail(matched.Handler.Info);
            case AmbiguousCommand ambiguous:
                return HelpReply.Detail(ambiguous.Options[0].Info);
            case UnknownCommand unknown:
                // "help gmv": what answers a metric or a campaign named alone.
                foreach (var command in registry.Implicit)
                {
                    if (await command.RecognisesAsync(topic, cancellationToken))
                    {
                        return HelpReply.Detail(command.Info);
                    }
                }

                return Reply.Problem(
                    $"No command '{topic}'",
                    unknown.Suggestion is { } suggestion ? $"Did you mean `help {suggestion.Split(' ')[0]}`? `help` lists every command." : "`help` lists every command.");
            default:
                return Reply.Problem($"No command '{topic}'", "`help` lists every command.");
        }
    }
}
