using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>Builds help from the catalogue, so a new command appears in help without touching this file.</summary>
public static class HelpReply
{
    /// <summary>Every visible command by section: its name (and a Chinese one), what it does, an example.</summary>
    public static Reply Build(CommandRegistry registry, string intro)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var visible = registry.Commands.Where(c => !c.Info.Hidden).ToList();
        var blocks = new List<ReplyBlock> { new TextBlock(intro) };
        foreach (var group in CommandGroups.Order.Concat(visible.Select(c => c.Info.Group)).Distinct())
        {
            var rows = visible
                .Where(c => c.Info.Group == group)
                .Select(c => (IReadOnlyList<Cell>)[new Cell(Name(c.Info)), new Cell(c.Info.Summary), new Cell(c.Info.Example)])
                .ToList();
            if (rows.Count > 0)
            {
                blocks.Add(new TextBlock(group, Heading: true));
                blocks.Add(new TableBlock(["Command", "What it does", "Example"], rows) { Widths = [3, 5, 4] });
            }
        }

        blocks.Add(new TextBlock(
            "`help <command>` shows every way to say one and its options (e.g. `help alert`). Words can come in any order; periods like `yesterday`, `last week`, `近7天`, `2026-06` or a campaign name (`618`) work everywhere; a metric alone (`gmv yesterday`) is a question too.",
            Tone.Subtle));
        return new Reply("OpsBot commands", blocks)
        {
            Summary = "OpsBot commands: " + string.Join(", ", visible.Select(c => c.Info.Verb)),
        };
    }

    /// <summary>One command in full: usage, example, every name it answers to.</summary>
    public static Reply Detail(CommandInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var facts = new List<Fact>
        {
            new("Usage", info.Usage),
            new("Example", info.Example),
            new("Also", string.Join(" · ", info.Aliases)),
            new("Section", info.Group),
        };
        if ((info.Who ?? (info.AdminOnly ? "admins only" : null)) is { } who)
        {
            facts.Add(new Fact("Who", who));
        }

        return new Reply($"help: {Name(info)}", [new TextBlock(info.Summary), new FactBlock(facts)])
        {
            Summary = $"{info.Verb}: {info.Summary}",
        };
    }

    /// <summary>"funnel · 漏斗": the verb and, when it has one, its first Chinese name.</summary>
    private static string Name(CommandInfo info) =>
        info.Aliases.FirstOrDefault(a => a.Any(c => c is >= '\u4e00' and <= '\u9fff')) is { } chinese ? $"{info.Verb} · {chinese}" : info.Verb;
}
