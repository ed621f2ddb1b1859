using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Host.Tests.Infrastructure;

/// <summary>A recorded Teams activity (tests/Bot.Host.Tests/Fixtures) re-pointed at the fake connector and a fresh conversation.</summary>
public sealed class TeamsActivity
{
    private readonly JsonObject _json;

    private TeamsActivity(JsonObject json) => _json = json;

    public string ConversationId => (string)_json["conversation"]!["id"]!;

    public string Id => (string)_json["id"]!;

    public string ServiceUrl => (string)_json["serviceUrl"]!;

    public string BotId => (string)_json["recipient"]!["id"]!;

    /// <summary>Loads <paramref name="fixture"/> with its serviceUrl set to <paramref name="serviceUrl"/> and a unique conversation id.</summary>
    public static TeamsActivity Load(string fixture, string serviceUrl, string? conversationId = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)))!.AsObject();
        json["serviceUrl"] = serviceUrl;
        json["conversation"]!["id"] = conversationId ?? $"a:{Guid.NewGuid():N}";
        return new TeamsActivity(json);
    }

    public TeamsActivity Set(string property, JsonNode? value)
    {
        _json[property] = value;
        return this;
    }

    public TeamsActivity Remove(string property)
    {
        _json.Remove(property);
        return this;
    }

    public TeamsActivity WithText(string text) => Set("text", text);

    /// <summary>Text starting with the bot's @mention, with the matching mention entity, as Teams sends it in chats.</summary>
    public TeamsActivity MentioningBot(string rest)
    {
        _json["text"] = "<at>OpsBot</at> " + rest;
        var entities = _json["entities"] as JsonArray ?? [];
        entities.Add(new JsonObject
        {
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "OpsBot" },
            ["text"] = "<at>OpsBot</at>",
            ["type"] = "mention",
        });
        _json["entities"] = entities;
        return this;
    }

    public StringContent ToContent() => new(_json.ToJsonString(), Encoding.UTF8, "application/json");
}
