using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Channel.Tests.Fakes;
using Bot.Core.Commands;
using Bot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Messages;

/// <summary>POST /api/messages through the real pipeline in local mode; replies are read from the HTTP fake connector.</summary>
public sealed class MessagesEndpointTests(BotHostFactory host) : IClassFixture<BotHostFactory>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Help_TeamsMessage_RepliesToTheActivityWithACardListingCommands()
    {
        var activity = Message("help");

        var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await SingleReplyAsync(activity);
        Assert.Equal("POST", reply.Method);
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(activity.ConversationId)}/activities/{Uri.EscapeDataString(activity.Id)}", reply.RawTarget);
        Assert.Null(reply.Authorization);
        var json = reply.Json!;
        Assert.Equal("message", (string?)json["type"]);
        Assert.Equal(activity.ConversationId, (string?)json["conversation"]!["id"]);
        Assert.Equal(activity.Id, (string?)json["replyToId"]);
        var card = CardText(json);
        Assert.Contains("OpsBot commands", card, StringComparison.Ordinal);
        Assert.Contains("help", card, StringComparison.Ordinal);
        Assert.Contains("List every command with an example", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownWord_Fnnel_SaysItDoesNotKnowTheWordAndPointsToHelp()
    {
        var activity = Message("fnnel");

        await PostAsync(activity);

        var card = CardText((await SingleReplyAsync(activity)).Json!);
        Assert.Contains("I don't know 'fnnel'", card, StringComparison.Ordinal);
        Assert.Contains("help", card, StringComparison.Ordinal);
        if (host.Services.GetRequiredService<CommandRegistry>().Commands.Any(c => c.Info.Verb == "funnel"))
        {
            Assert.Contains("did you mean 'funnel'", card, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Mention_BotMentionBeforeHelp_IsStrippedAndHelpAnswers()
    {
        var activity = TeamsActivity.Load("message-personal.json", host.Connector.ServiceUrl).MentioningBot("help");

        await PostAsync(activity);

        var card = CardText((await SingleReplyAsync(activity)).Json!);
        Assert.Contains("OpsBot commands", card, StringComparison.Ordinal);
        Assert.DoesNotContain("didn't understand", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Welcome_InstallationUpdateThenConversationUpdate_WelcomesOnce()
    {
        var install = TeamsActivity.Load("installation-update-add.json", host.Connector.ServiceUrl);
        var added = TeamsActivity.Load("conversation-update-bot-added.json", host.Connector.ServiceUrl, install.ConversationId);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(install)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(added)).StatusCode);
        await SentinelAsync(install.ConversationId);

        var welcomes = host.Connector.For(install.ConversationId).Where(r => CardText(r.Json!).Contains("Welcome to OpsBot", StringComparison.Ordinal)).ToList();
        var welcome = Assert.Single(welcomes);
        // A welcome starts the conversation: the send-to-conversation route, not a reply.
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(install.ConversationId)}/activities", welcome.RawTarget);
    }

    [Fact]
    public async Task Welcome_ConversationUpdateWithBotAdded_Welcomes()
    {
        var added = TeamsActivity.Load("conversation-update-bot-added.json", host.Connector.ServiceUrl);

        await PostAsync(added);

        var welcome = (await host.SentAsync(r => r.IsFor(added.ConversationId))).Single();
        Assert.Contains("Welcome to OpsBot", CardText(welcome.Json!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConversationUpdate_OnlyUsersAdded_SendsNothing()
    {
        var usersOnly = TeamsActivity.Load("conversation-update-bot-added.json", host.Connector.ServiceUrl)
            .Set("membersAdded", new JsonArray(new JsonObject { ["id"] = "29:someone-else" }));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(usersOnly)).StatusCode);
        await SentinelAsync(usersOnly.ConversationId);

        Assert.Single(host.Connector.For(usersOnly.ConversationId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ not json")]
    [InlineData("[]")]
    [InlineData("""{"text":"help","conversation":{"id":"a:1"}}""")]
    [InlineData("""{"type":"","text":"help"}""")]
    public async Task Post_EmptyInvalidOrUntypedBody_Returns400(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("messageReaction")]
    [InlineData("someTypeFromTheFuture")]
    public async Task Post_ActivityTypeWithoutHandler_Returns200AndSendsNothing(string type)
    {
        var activity = Message("help").Set("type", type);

        var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await SentinelAsync(activity.ConversationId);
        Assert.Single(host.Connector.For(activity.ConversationId));
    }

    [Fact]
    public async Task Invoke_UnknownName_Returns200()
    {
        var invoke = TeamsActivity.Load("invoke-adaptive-card-action.json", host.Connector.ServiceUrl).Set("name", "composeExtension/queryLink");

        var response = await PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Invoke_CardActionWithUnknownVerb_Returns200WithAnInvokeBody()
    {
        var invoke = TeamsActivity.Load("invoke-adaptive-card-action.json", host.Connector.ServiceUrl);

        var response = await PostAsync(invoke);

        Assert.True(response.StatusCode == HttpStatusCode.OK, host.Logs.Problems());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(body["statusCode"]);
        Assert.NotNull(body["type"]);
    }

    [Fact]
    public async Task Post_ConnectorRefusesWith500_StillAnswers200()
    {
        host.Connector.Script(new ScriptedResponse(500), new ScriptedResponse(500), new ScriptedResponse(500));
        var activity = Message("help");

        var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // 500 is not retried (bot-protocol.md §4.4): one attempt, and the leftover script is drained for the next test.
        await SentinelAsync(activity.ConversationId);
        host.Connector.ClearScript();
        Assert.Equal(2, host.Connector.For(activity.ConversationId).Count);
    }

    [Fact]
    public async Task Post_ConnectorThrottlesWithRetryAfter_AcknowledgesFirstThenDeliversOnce()
    {
        host.Connector.Script(new ScriptedResponse(429, RetryAfter: "2"));
        var activity = Message("help");

        var response = await PostAsync(activity);
        var sentWhenAcknowledged = host.Connector.For(activity.ConversationId).Count(r => r.Method == "POST");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The 200 went back while the reply was still waiting out Retry-After (Teams waits only ~15 s for it).
        Assert.True(sentWhenAcknowledged <= 1, $"{sentWhenAcknowledged} sends had happened before the acknowledgement");
        var sends = await host.SentAsync(r => r.IsFor(activity.ConversationId), count: 2);
        Assert.True(sends[1].After(sends[0]) >= TimeSpan.FromSeconds(1.9), "the retry honoured Retry-After");
        await SentinelAsync(activity.ConversationId);
        Assert.Equal(3, host.Connector.For(activity.ConversationId).Count);
    }

    private TeamsActivity Message(string text) =>
        TeamsActivity.Load("message-personal.json", host.Connector.ServiceUrl).WithText(text);

    private async Task<HttpResponseMessage> PostAsync(TeamsActivity activity)
    {
        using var content = activity.ToContent();
        return await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
    }

    private async Task<RecordedRequest> SingleReplyAsync(TeamsActivity activity) =>
        Assert.Single(await host.SentAsync(r => r.IsFor(activity.ConversationId)));

    /// <summary>Sends a help message in the conversation and waits for its reply: everything sent before it has arrived.</summary>
    private async Task SentinelAsync(string conversationId)
    {
        var sentinel = TeamsActivity.Load("message-personal.json", host.Connector.ServiceUrl, conversationId)
            .WithText("help")
            .Set("id", "sentinel-" + Guid.NewGuid().ToString("N"));
        var sentinelId = sentinel.Id;
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(sentinel)).StatusCode);
        await host.SentAsync(r => r.IsFor(conversationId) && r.RawTarget.EndsWith("/" + sentinelId, StringComparison.Ordinal));
    }

    /// <summary>Every string in the activity's text and card, one per line (JSON escaping would hide apostrophes).</summary>
    internal static string CardText(JsonNode activity) => JsonText.Lines(activity["text"], activity["attachments"]);
}
