using System.Net;
using System.Text.Json.Nodes;
using Bot.Core.Alerts;

namespace Bot.Host.Alerts;

/// <summary>Turns "@Name" in an Adaptive Card into a Teams mention of that person (bot-protocol.md §2.5, outbound mentions).</summary>
/// <remarks>
/// Teams needs the text <c>&lt;at&gt;Name&lt;/at&gt;</c> in the card and a matching entity in the card's
/// <c>msteams.entities</c> with the person's id; the entity text must equal the tag exactly or Teams ignores it.
/// People known only by name (no id) stay plain "@Name": a mention without an id would not notify anyone.
/// </remarks>
public static class AlertMentions
{
    /// <summary>Rewrites the card in place; returns the mention entities added.</summary>
    public static IReadOnlyList<JsonObject> Apply(JsonObject card, IEnumerable<AlertPerson> people)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(people);
        var entities = new List<JsonObject>();
        foreach (var person in people.Where(p => p.Id is not null).DistinctBy(p => p.Id))
        {
            var tag = $"<at>{WebUtility.HtmlEncode(person.Name)}</at>";
            if (Replace(card["body"], "@" + person.Name, tag))
            {
                entities.Add(new JsonObject
                {
                    ["type"] = "mention",
                    ["text"] = tag,
                    ["mentioned"] = new JsonObject { ["id"] = person.Id, ["name"] = person.Name },
                });
            }
        }

        if (entities.Count > 0)
        {
            card["msteams"] = new JsonObject { ["entities"] = new JsonArray([.. entities]) };
        }

        return entities;
    }

    /// <summary>Replaces the text in every TextBlock text and FactSet value under <paramref name="node"/>.</summary>
    private static bool Replace(JsonNode? node, string from, string to)
    {
        var replaced = false;
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    replaced |= Replace(item, from, to);
                }

                break;
            case JsonObject obj:
                foreach (var key in new[] { "text", "value" })
                {
                    if (obj[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Contains(from, StringComparison.Ordinal))
                    {
                        obj[key] = text.Replace(from, to, StringComparison.Ordinal);
                        replaced = true;
                    }
                }

                foreach (var child in obj.Where(kv => kv.Value is JsonArray or JsonObject).Select(kv => kv.Value).ToList())
                {
                    replaced |= Replace(child, from, to);
                }

                break;
        }

        return replaced;
    }
}
