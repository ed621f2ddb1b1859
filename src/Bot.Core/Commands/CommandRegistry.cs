namespace Bot.Core.Commands;

/// <summary>All registered commands and card actions, checked once at startup for clashing names.</summary>
public sealed class CommandRegistry
{
    public CommandRegistry(IEnumerable<ICommandHandler> commands, IEnumerable<ICardActionHandler> actions)
    {
        Commands = [.. commands];
        var names = new Dictionary<string, ICommandHandler>(StringComparer.Ordinal);
        foreach (var command in Commands)
        {
            foreach (var name in command.Info.AllNames)
            {
                var key = TextNormalizer.Normalize(name);
                if (!names.TryAdd(key, command))
                {
                    throw new InvalidOperationException(
                        $"Command name '{name}' is declared by both {names[key].GetType().Name} and {command.GetType().Name}.");
                }
            }
        }

        Names = names;
        var fileCommands = Commands.Where(c => c.Info.TakesFiles).ToList();
        if (fileCommands.Count > 1)
        {
            throw new InvalidOperationException("More than one command takes files: " + string.Join(", ", fileCommands.Select(c => c.Info.Verb)));
        }

        FileCommand = fileCommands.FirstOrDefault();
        Implicit = [.. Commands.OfType<IImplicitCommand>()];
        Actions = actions.ToDictionary(a => a.Verb, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<ICommandHandler> Commands { get; }

    /// <summary>Normalized verb or alias → handler.</summary>
    public IReadOnlyDictionary<string, ICommandHandler> Names { get; }

    public IReadOnlyDictionary<string, ICardActionHandler> Actions { get; }

    /// <summary>Commands that answer a message naming no command, tried in catalogue order.</summary>
    public IReadOnlyList<IImplicitCommand> Implicit { get; }

    /// <summary>The command a message with attached files goes to (at most one declares <see cref="CommandInfo.TakesFiles"/>).</summary>
    public ICommandHandler? FileCommand { get; }
}
