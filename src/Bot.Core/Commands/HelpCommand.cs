using Bot.Core.Replies;

namespace Bot.Core.Commands;

public sealed class HelpCommand(IServiceProvider services) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "help",
        Aliases: ["帮助", "commands", "命令"],
        Usage: "help",
        Example: "help",
        Summary: "List every command with an example");

    // Resolved lazily: the registry contains this handler, so it cannot be a constructor dependency.
    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(HelpReply.Build((CommandRegistry)services.GetService(typeof(CommandRegistry))!, intro: "Here is what I can do."));
}
