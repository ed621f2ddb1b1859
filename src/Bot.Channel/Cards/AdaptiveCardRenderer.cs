using System.Text.Json.Nodes;
using Bot.Core.Replies;

namespace Bot.Channel.Cards;

/// <summary>Renders a <see cref="Reply"/> as an Adaptive Card 1.5 (the highest version Teams renders).</summary>
/// <remarks>
/// Buttons are Universal Actions (Action.Execute) with an Action.Submit fallback for clients without them
/// (bot-protocol.md §6.1); both carry the verb in their data so either path routes to the same handler.
/// </remarks>
public static class AdaptiveCardRenderer
{
    public const string Version = "1.5";

    public static JsonObject Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = reply.Title,
                ["size"] = "Medium",
                ["weight"] = "Bolder",
                ["wrap"] = true,
                ["color"] = reply.Kind == ReplyKind.Problem ? "Attention" : "Default",
            },
        };
        if (reply.Subtitle is { } subtitle)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = subtitle, ["isSubtle"] = true, ["spacing"] = "None", ["wrap"] = true });
        }

        foreach (var block in reply.Blocks)
        {
            body.Add(RenderBlock(block));
        }

        foreach (var input in reply.Buttons.Select(b => b.Input).OfType<ReplyInput>().DistinctBy(i => i.Id))
        {
            body.Add(Element(
                ("type", "Input.Text"),
                ("id", input.Id),
                ("label", input.Label),
                ("isMultiline", true),
                ("isRequired", input.Required),
                ("errorMessage", input.Required ? $"{input.Label} is required." : null)));
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["fallbackText"] = ReplyText.Render(reply),
            ["body"] = body,
        };
        // Tables need the room: Teams renders cards narrow unless they ask for the full message width.
        if (reply.Blocks.Any(b => b is TableBlock))
        {
            card["msteams"] = new JsonObject { ["width"] = "Full" };
        }

        if (reply.Buttons.Count > 0)
        {
            card["actions"] = new JsonArray([.. reply.Buttons.Select(RenderButton)]);
        }

        return card;
    }

    private static JsonObject RenderBlock(ReplyBlock block) => block switch
    {
        TextBlock t => Text(t.Text, t.Tone, heading: t.Heading),
        FactBlock f => new JsonObject
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray([.. f.Facts.Select(x => (JsonNode)new JsonObject { ["title"] = x.Label, ["value"] = x.Value })]),
        },
        MetricBlock m => new JsonObject
        {
            ["type"] = "Container",
            ["items"] = new JsonArray([.. m.Lines.Select(MetricRow)]),
        },
        TableBlock t => Table(t),
        ChartBlock c => new JsonObject
        {
            ["type"] = "Container",
            ["items"] = new JsonArray
            {
                Text(c.Title, Tone.Subtle),
                new JsonObject { ["type"] = "TextBlock", ["text"] = c.Sparkline, ["fontType"] = "Monospace", ["size"] = "Large", ["wrap"] = true, ["spacing"] = "None" },
            },
        },
        _ => throw new NotSupportedException($"No card rendering for {block.GetType().Name}."),
    };

    private static JsonNode MetricRow(MetricLine line)
    {
        var changes = new JsonArray();
        foreach (var change in line.Changes)
        {
            changes.Add(Element(
                ("type", "TextBlock"),
                ("text", $"{change.Label} {change.Text}"),
                ("color", Color(change.Tone)),
                ("size", "Small"),
                ("spacing", "None"),
                ("wrap", true)));
        }

        if (line.Note is { } note)
        {
            changes.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = note, ["isSubtle"] = true, ["size"] = "Small", ["spacing"] = "None", ["wrap"] = true });
        }

        return new JsonObject
        {
            ["type"] = "ColumnSet",
            ["separator"] = true,
            ["columns"] = new JsonArray
            {
                new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = new JsonArray { Text(line.Label, Tone.Neutral) } },
                new JsonObject { ["type"] = "Column", ["width"] = "auto", ["items"] = new JsonArray { new JsonObject { ["type"] = "TextBlock", ["text"] = line.Value, ["weight"] = "Bolder", ["horizontalAlignment"] = "Right" } } },
                new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = changes },
            },
        };
    }

    private static JsonObject Table(TableBlock table)
    {
        var widths = table.Widths is { } given && given.Count == table.Headers.Count ? given : null;
        var columns = new JsonArray([.. table.Headers.Select((_, i) => (JsonNode)new JsonObject { ["width"] = widths?[i] ?? (i == 0 ? 2 : 1) })]);
        var rows = new JsonArray { Row(table.Headers.Select(h => new Cell(h)).ToList(), header: true) };
        foreach (var row in table.Rows)
        {
            rows.Add(Row(row, header: false));
        }

        var element = new JsonObject
        {
            ["type"] = "Table",
            ["columns"] = columns,
            ["rows"] = rows,
            ["firstRowAsHeader"] = true,
            ["showGridLines"] = false,
        };
        if (table.Caption is null)
        {
            return element;
        }

        return new JsonObject { ["type"] = "Container", ["items"] = new JsonArray { Text(table.Caption, Tone.Subtle), element } };
    }

    private static JsonObject Row(IReadOnlyList<Cell> cells, bool header) => new()
    {
        ["type"] = "TableRow",
        ["cells"] = new JsonArray([.. cells.Select((c, i) => (JsonNode)new JsonObject
        {
            ["type"] = "TableCell",
            ["items"] = new JsonArray
            {
                Element(
                    ("type", "TextBlock"),
                    ("text", c.Text),
                    ("wrap", true),
                    ("weight", header ? "Bolder" : null),
                    ("color", Color(c.Tone)),
                    ("isSubtle", c.Tone == Tone.Subtle ? true : null),
                    ("horizontalAlignment", i == 0 || !c.LooksNumeric ? null : "Right")),
            },
        })]),
    };

    private static JsonObject RenderButton(ReplyButton button)
    {
        var data = new JsonObject { ["verb"] = button.Verb };
        foreach (var (key, value) in button.Data)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        return new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = button.Title,
            ["verb"] = button.Verb,
            ["data"] = data,
            ["fallback"] = new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = button.Title,
                ["data"] = data.DeepClone(),
            },
        };
    }

    private static JsonObject Text(string text, Tone tone, bool heading = false) => Element(
        ("type", "TextBlock"),
        ("text", text),
        ("wrap", true),
        ("weight", heading ? "Bolder" : null),
        ("color", Color(tone)),
        ("isSubtle", tone == Tone.Subtle ? true : null));

    /// <summary>A card element with its properties in this order, leaving out those without a value.</summary>
    /// <remarks>Teams rejects <c>null</c> properties; leaving them out here saves walking the finished card again to remove them.</remarks>
    private static JsonObject Element(params ReadOnlySpan<(string Key, JsonNode? Value)> properties)
    {
        var element = new JsonObject();
        foreach (var (key, value) in properties)
        {
            if (value is not null)
            {
                element.Add(key, value);
            }
        }

        return element;
    }

    private static string? Color(Tone tone) => tone switch
    {
        Tone.Good => "Good",
        Tone.Bad => "Attention",
        Tone.Warning => "Warning",
        _ => null,
    };
}
