using System.Net;
using System.Text.Json.Nodes;
using Bot.Channel.Tests.Fakes;
using Bot.Core.Plans;
using Bot.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Plans;

/// <summary>The real host with two managers configured (Ana by AAD object id, Bo by Teams id) and the clock at Monday 2026-11-23 18:04 in Shanghai.</summary>
public class PlanHostFactory : BotHostFactory
{
    public const string AnaAad = "0b7d1c2e-aaaa-4bbb-8ccc-000000000a0a";
    public const string BoId = "29:bo-manager";

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 10, 4, 0, TimeSpan.Zero));

    public static JsonObject Li => new() { ["id"] = "29:li-member", ["name"] = "Li Lei", ["aadObjectId"] = "11111111-2222-4333-8444-555555555555" };

    public static JsonObject Ana => new() { ["id"] = "29:ana-manager", ["name"] = "Ana Ops", ["aadObjectId"] = AnaAad };

    public static JsonObject Bo => new() { ["id"] = BoId, ["name"] = "Bo Manager", ["aadObjectId"] = "99999999-8888-4777-8666-555555555555" };

    public IPlanStore Plans => Services.GetRequiredService<IPlanStore>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Roles:Managers:0", AnaAad);
        builder.UseSetting("Roles:Managers:1", BoId);
        builder.UseSetting("Plans:ReminderAfterHours", "4");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A message in a Teams team channel, @mentioning the bot, from <paramref name="from"/>.</summary>
    public TeamsActivity ChannelMessage(string conversationId, JsonObject from, string text) =>
        TeamsActivity.Load("message-personal.json", Connector.ServiceUrl, conversationId)
            .Set("id", "msg-" + Guid.NewGuid().ToString("N"))
            .Set("from", from)
            .Set("conversation", Conversation(conversationId))
            .MentioningBot(text);

    /// <summary>An Action.Execute click (invoke adaptiveCard/action) on the card <paramref name="cardId"/>, with the button's data.</summary>
    public TeamsActivity Invoke(string conversationId, JsonObject from, string cardId, JsonObject action) =>
        TeamsActivity.Load("invoke-adaptive-card-action.json", Connector.ServiceUrl, conversationId)
            .Set("id", "invoke-" + Guid.NewGuid().ToString("N"))
            .Set("from", from)
            .Set("conversation", Conversation(conversationId))
            .Set("replyToId", cardId)
            .Set("value", new JsonObject { ["action"] = action, ["trigger"] = "manual" });

    /// <summary>An Action.Submit click: a message whose value is the button's data merged with the card's inputs.</summary>
    public TeamsActivity Submit(string conversationId, JsonObject from, string cardId, JsonObject value) =>
        TeamsActivity.Load("message-personal.json", Connector.ServiceUrl, conversationId)
            .Set("id", "submit-" + Guid.NewGuid().ToString("N"))
            .Set("from", from)
            .Set("conversation", Conversation(conversationId))
            .Set("replyToId", cardId)
            .Remove("text")
            .Set("value", value);

    public static string NewChannel() => $"19:{Guid.NewGuid():N}@thread.tacv2;messageid=1732356000000";

    private static JsonObject Conversation(string id) => new()
    {
        ["conversationType"] = "channel",
        ["tenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
        ["id"] = id,
        ["isGroup"] = true,
    };
}

/// <summary>Posting to /api/messages and reading back what the bot sent.</summary>
public static class PlanHttp
{
    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, TeamsActivity activity)
    {
        using var content = activity.ToContent();
        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    /// <summary>The Adaptive Card the bot posted in reply to <paramref name="activity"/>.</summary>
    public static async Task<JsonObject> ReplyCardAsync(this BotHostFactory host, TeamsActivity activity)
    {
        var reply = Assert.Single(await host.SentAsync(r => r.Method == "POST" && r.RawTarget.EndsWith("/activities/" + Uri.EscapeDataString(activity.Id), StringComparison.Ordinal)));
        return Card(reply.Json!);
    }

    public static JsonObject Card(JsonNode activity) => activity["attachments"]![0]!["content"]!.AsObject();

    /// <summary>All text of a card, one string per line.</summary>
    public static string Text(JsonNode card) => JsonText.Lines(card);

    /// <summary>The data of the card's Action.Execute button titled <paramref name="title"/>.</summary>
    public static JsonObject Button(JsonObject card, string title) =>
        card["actions"]!.AsArray().Select(a => a!.AsObject()).Single(a => (string?)a["title"] == title);
}
