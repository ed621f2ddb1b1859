using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>Builds help from the catalogue, so a new command appears in help without touching this file.</summary>
public static class HelpReply
{
    public static Reply Build(CommandRegistry registry, string intro)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var rows = registry.Commands
            .Where(c => !c.Info.Hidden)
            .Select(c => (IReadOnlyList<Cell>)[
                new Cell(string.Join(" / ", c.Info.AllNames)),
                new Cell(c.Info.Summary),
                new Cell(c.Info.Example),
            ])
            .ToList();
        return new Reply("OpsBot commands", [
            new TextBlock(intro),
            new TableBlock(["Command", "What it does", "Example"], rows),
            new TextBlock("Words can come in any order; periods like `yesterday`, `last week`, `近7天`, `2026-06` or a campaign name (`618`) work everywhere.", Tone.Subtle),
        ])
        {
            Summary = "OpsBot commands: " + string.Join(", ", registry.Commands.Where(c => !c.Info.Hidden).Select(c => c.Info.Verb)),
        };
    }
}
