using Bot.Channel.Connector;
using Moq;

namespace Bot.Channel.Tests.Connector;

public sealed class ConnectorTokenHandlerTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/v3/conversations/a/activities", true)]
    [InlineData("http://127.0.0.1:5000/v3/conversations/a/activities", true)]
    [InlineData("http://localhost:5000/v3/conversations/a/activities", true)]
    [InlineData("http://[::1]:5000/v3/conversations/a/activities", true)]
    [InlineData("http://smba.trafficmanager.net/amer/v3/conversations/a/activities", false)]
    [InlineData("http://10.0.0.5/v3/conversations/a/activities", false)]
    public async Task Send_TokenOnlyOverHttpsOrLoopback(string url, bool expectToken)
    {
        var tokens = new Mock<IConnectorTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("secret-token");
        var terminal = new RecordingHandler();
        using var invoker = new HttpMessageInvoker(new ConnectorTokenHandler(tokens.Object) { InnerHandler = terminal });
        using var request = new HttpRequestMessage(HttpMethod.Post, url);

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal(expectToken ? "Bearer secret-token" : null, terminal.Authorization);
    }

    [Fact]
    public async Task Send_NoCredentials_LeavesNoAuthorizationHeader()
    {
        var tokens = new Mock<IConnectorTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);
        var terminal = new RecordingHandler();
        using var invoker = new HttpMessageInvoker(new ConnectorTokenHandler(tokens.Object) { InnerHandler = terminal });
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://smba.trafficmanager.net/amer/v3/conversations/a/activities");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Null(terminal.Authorization);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization?.ToString();
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.Created));
        }
    }
}
