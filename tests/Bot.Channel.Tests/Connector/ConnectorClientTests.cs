using System.Net;
using System.Net.Sockets;
using Bot.Channel.Connector;
using Bot.Channel.Protocol;
using Bot.Channel.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Bot.Channel.Tests.Connector;

/// <summary>The real client, built by AddChannel, against a real HTTP fake connector on 127.0.0.1.</summary>
public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string ConversationId = "a:1Xk9-personal_chat";
    private const string ActivityId = "1718676000000";

    private FakeConnector _connector = null!;
    private readonly List<ServiceProvider> _providers = [];

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Reply_ConnectorAccepts_PostsCamelCaseActivityToReplyRoute()
    {
        var client = Client();

        var response = await client.ReplyToActivityAsync(_connector.ServiceUrl, ConversationId, ActivityId, Outbound(), CancellationToken.None);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v3/conversations/a%3A1Xk9-personal_chat/activities/{ActivityId}", request.RawTarget);
        Assert.Equal(ConversationId, request.ConversationIdHeader);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var json = request.Json!.AsObject();
        Assert.Equal("message", (string?)json["type"]);
        Assert.Equal("28:bot", (string?)json["from"]!["id"]);
        Assert.False(json.ContainsKey("id"));
        Assert.False(json.ContainsKey("timestamp"));
        Assert.False(json.ContainsKey("serviceUrl"));
        Assert.False(json["from"]!.AsObject().ContainsKey("name"));
        Assert.StartsWith("1:fake-", response.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ProactiveMessage_PostsToConversationActivities()
    {
        await Client().SendToConversationAsync(_connector.ServiceUrl, ConversationId, Outbound(), CancellationToken.None);

        Assert.Equal("/v3/conversations/a%3A1Xk9-personal_chat/activities", Assert.Single(_connector.Requests).RawTarget);
    }

    [Fact]
    public async Task Update_Card_PutsToActivityRoute()
    {
        await Client().UpdateActivityAsync(_connector.ServiceUrl, ConversationId, ActivityId, Outbound(), CancellationToken.None);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/v3/conversations/a%3A1Xk9-personal_chat/activities/{ActivityId}", request.RawTarget);
    }

    [Fact]
    public async Task Reply_ChannelThreadIds_AreEscapedInThePath()
    {
        const string threadId = "19:4f2a0c1b9e@thread.tacv2;messageid=1718675000000";
        const string activityId = "1:1AbC=/x";

        await Client().ReplyToActivityAsync(_connector.ServiceUrl, threadId, activityId, Outbound(), CancellationToken.None);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("/v3/conversations/19%3A4f2a0c1b9e%40thread.tacv2%3Bmessageid%3D1718675000000/activities/1%3A1AbC%3D%2Fx", request.RawTarget);
        Assert.Equal(threadId, request.ConversationIdHeader);
    }

    [Theory]
    [InlineData("teams/")]
    [InlineData("teams")]
    [InlineData("teams//")]
    [InlineData("teams/?stray=query")]
    public async Task Send_ServiceUrlWithPath_JoinsWithExactlyOneSlash(string suffix)
    {
        await Client().SendToConversationAsync(_connector.ServiceUrl + suffix, ConversationId, Outbound(), CancellationToken.None);

        Assert.Equal("/teams/v3/conversations/a%3A1Xk9-personal_chat/activities", Assert.Single(_connector.Requests).RawTarget);
    }

    [Fact]
    public async Task Send_Throttled429WithRetryAfter_WaitsThenDeliversOnce()
    {
        _connector.Script(new ScriptedResponse(429, RetryAfter: "1"));

        var response = await Client().SendToConversationAsync(_connector.ServiceUrl, ConversationId, Outbound(), CancellationToken.None);

        Assert.NotNull(response.Id);
        var requests = _connector.Requests;
        Assert.Equal(2, requests.Count);
        // The backoff base is 1 ms in these tests, so only Retry-After explains a pause of about a second.
        Assert.True(requests[1].After(requests[0]) >= TimeSpan.FromMilliseconds(900), $"retried after {requests[1].After(requests[0]).TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData(412)]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Send_TransientStatus_IsRetried(int status)
    {
        _connector.Script(new ScriptedResponse(status), new ScriptedResponse(status));

        var response = await Client().SendToConversationAsync(_connector.ServiceUrl, ConversationId, Outbound(), CancellationToken.None);

        Assert.NotNull(response.Id);
        Assert.Equal(3, _connector.Requests.Count);
    }

    [Fact]
    public async Task Send_ServiceUnavailableEveryTime_GivesUpAfterFourAttempts()
    {
        _connector.Script(Enumerable.Repeat(new ScriptedResponse(503), 10).ToArray());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client().SendToConversationAsync(_connector.ServiceUrl, ConversationId, Outbound(), CancellationToken.None));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(4, _connector.Requests.Count);
    }

    [Fact]
    public async Task Send_InternalServerError_FailsWithoutRetry()
    {
        _connector.Script(
            new ScriptedResponse(500, Body: """{"error":{"code":"ServiceError","message":"Unknown"}}"""),
            new ScriptedResponse(500),
            new ScriptedResponse(500));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client().SendToConversationAsync(_connector.ServiceUrl, ConversationId, Outbound(), CancellationToken.None));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal("ServiceError", error.ErrorCode);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task Send_BotRemovedFromConversation_FailsWithoutRetryAndReportsGone()
    {
        _connector.Script(new ScriptedResponse(403, Body: """{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}"""));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client().SendToConversationAsync(_connector.ServiceUrl, ConversationId, Outbound(), CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("BotNotInConversationRoster", error.ErrorCode);
        Assert.True(error.ConversationGone);
        Assert.Single(_connector.Requests);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(413)]
    public async Task Send_OtherClientErrors_AreNotRetried(int status)
    {
        _connector.Script(new ScriptedResponse(status), new ScriptedResponse(status));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client().SendToConversationAsync(_connector.ServiceUrl, ConversationId, Outbound(), CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task Send_TeamsErrorShape_ReadsErrorCode()
    {
        _connector.Script(new ScriptedResponse(403, Body: """{"errorCode":209,"message":"{\"subCode\":\"MessageWritesBlocked\"}"}"""));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client().SendToConversationAsync(_connector.ServiceUrl, ConversationId, Outbound(), CancellationToken.None));

        Assert.Equal("209", error.ErrorCode);
    }

    [Fact]
    public async Task Send_ConnectorUnreachable_ThrowsHttpRequestExceptionAfterRetries()
    {
        var closed = ClosedLoopbackUrl();

        await Assert.ThrowsAsync<HttpRequestException>(() => Client().SendToConversationAsync(closed, ConversationId, Outbound(), CancellationToken.None));
    }

    [Fact]
    public async Task Send_LocalMode_SendsNoAuthorizationHeader()
    {
        await Client().SendToConversationAsync(_connector.ServiceUrl, ConversationId, Outbound(), CancellationToken.None);

        Assert.Null(Assert.Single(_connector.Requests).Authorization);
    }

    [Fact]
    public async Task Send_WithTokenProvider_SendsBearerTokenOnEveryAttempt()
    {
        var tokens = new Mock<IConnectorTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("outbound-token-1");
        _connector.Script(new ScriptedResponse(503));

        await Client(tokens.Object).SendToConversationAsync(_connector.ServiceUrl, ConversationId, Outbound(), CancellationToken.None);

        Assert.All(_connector.Requests, r => Assert.Equal("Bearer outbound-token-1", r.Authorization));
        Assert.Equal(2, _connector.Requests.Count);
    }

    [Fact]
    public async Task Send_BurstInOneConversation_IsPacedWhileOtherConversationsAreNot()
    {
        var client = Client(settings: new() { ["Connector:MessagesPerTwoSeconds"] = "2" });

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.SendToConversationAsync(_connector.ServiceUrl, ConversationId, Outbound(), CancellationToken.None)));
        await client.SendToConversationAsync(_connector.ServiceUrl, "a:other", Outbound(), CancellationToken.None);

        var burst = _connector.For(ConversationId).OrderBy(r => r.ReceivedTimestamp).ToList();
        var other = Assert.Single(_connector.For("a:other"));
        Assert.Equal(3, burst.Count);
        // Two per 2 s window: the third send waits for the window to slide; the other conversation had its own budget.
        Assert.True(burst[2].After(burst[0]) >= TimeSpan.FromSeconds(1), $"third send after {burst[2].After(burst[0]).TotalMilliseconds} ms");
        Assert.True(other.After(burst[2]) < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SendBudget_WaitsOnlyWhileTheConversationIsOutOfBudgetAndTakesNothing()
    {
        var client = Client(settings: new() { ["Connector:MessagesPerTwoSeconds"] = "1" });

        // Budget left: done at once, however often asked, because asking reserves nothing.
        for (var i = 0; i < 3; i++)
        {
            Assert.True(client.WaitForSendBudgetAsync(ConversationId, CancellationToken.None).AsTask().IsCompleted);
        }

        await client.SendToConversationAsync(_connector.ServiceUrl, ConversationId, Outbound(), CancellationToken.None);
        var exhausted = client.WaitForSendBudgetAsync(ConversationId, CancellationToken.None).AsTask();

        Assert.False(exhausted.IsCompleted);
        Assert.True(client.WaitForSendBudgetAsync("a:other", CancellationToken.None).AsTask().IsCompleted);
        await exhausted.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(_connector.For(ConversationId));
    }

    [Fact]
    public async Task Send_NotAUrl_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client().SendToConversationAsync("smba.trafficmanager.net/amer", ConversationId, Outbound(), CancellationToken.None));
    }

    private IConnectorClient Client(IConnectorTokenProvider? tokens = null, Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["Connector:RetryBaseDelayMs"] = "1", ["Connector:AttemptTimeoutSeconds"] = "5" };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddChannel(configuration);
        if (tokens is not null)
        {
            services.AddSingleton(tokens);
        }

        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IConnectorClient>();
    }

    private static Activity Outbound() => new()
    {
        Type = ActivityTypes.Message,
        From = new ChannelAccount { Id = "28:bot" },
        Conversation = new ConversationAccount { Id = ConversationId },
        Text = "hello",
    };

    private static string ClosedLoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }
}
