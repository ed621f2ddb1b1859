using System.Net;
using System.Net.Http.Headers;
using Bot.Channel.Auth;
using Bot.Channel.Tests.Fakes;
using Bot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Host.Tests.Auth;

/// <summary>bot-protocol.md §3.2 end to end: with an App ID, only a fully valid channel token gets an activity processed.</summary>
public sealed class AuthMatrixTests(AuthBotHostFactory host) : IClassFixture<AuthBotHostFactory>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public void Host_UsesTheTestAppIdAndLocalMetadata()
    {
        var options = host.Services.GetRequiredService<IOptions<BotCredentialsOptions>>().Value;

        Assert.Equal(FakeBotIdentity.AppId, options.MicrosoftAppId);
        Assert.Equal(host.Identity.MetadataUrl, options.OpenIdMetadataUrl);
    }

    [Fact]
    public async Task ValidToken_ActivityIsProcessedAndReplyCarriesTheBotToken()
    {
        var activity = Message();

        var response = await PostAsync(activity, "Bearer " + host.Mint(new TokenSpec(activity.ServiceUrl)));

        Assert.True(response.StatusCode == HttpStatusCode.OK, host.Logs.Problems());
        var reply = Assert.Single(await host.SentAsync(r => r.IsFor(activity.ConversationId)));
        Assert.Equal("Bearer " + AuthBotHostFactory.OutboundToken, reply.Authorization);
    }

    [Theory]
    [InlineData("missing", "missing Authorization header")]
    [InlineData("not-bearer", "Bearer")]
    [InlineData("garbage", "malformed")]
    [InlineData("expired", "Lifetime")]
    [InlineData("not-yet-valid", "Lifetime")]
    [InlineData("no-expiry", "Lifetime")]
    [InlineData("wrong-audience", "Audience")]
    [InlineData("wrong-issuer", "issuer")]
    [InlineData("bad-signature", "Signature")]
    [InlineData("unknown-kid", "signing key not found")]
    [InlineData("disallowed-algorithm", "Signature")]
    [InlineData("channel-not-endorsed", "endorse")]
    [InlineData("serviceurl-mismatch", "serviceurl")]
    [InlineData("no-serviceurl", "serviceurl")]
    public async Task InvalidToken_Returns401AndNothingIsSent(string problem, string reasonFragment)
    {
        var activity = Message();
        var header = Header(problem, activity.ServiceUrl);
        var logsBefore = host.Logs.Entries.Count;

        var response = await PostAsync(activity, header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var logged = host.Logs.Entries.Skip(logsBefore).ToList();
        Assert.Contains(logged, e => e.Message.Contains(reasonFragment, StringComparison.OrdinalIgnoreCase));
        if (header is not null)
        {
            // Log iss/aud/exp, never the token (§3.5).
            var token = header.Split(' ').Last();
            Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains(token, StringComparison.Ordinal));
        }

        // A valid activity in the same conversation afterwards is answered; the rejected one never was.
        await SentinelAsync(activity.ConversationId);
        Assert.Single(host.Connector.For(activity.ConversationId));
    }

    private string? Header(string problem, string serviceUrl)
    {
        var valid = new TokenSpec(serviceUrl);
        var spec = problem switch
        {
            "missing" => null,
            "not-bearer" => null,
            "garbage" => null,
            "expired" => valid with { NotBeforeOffset = TimeSpan.FromHours(-2), ExpiresOffset = TimeSpan.FromHours(-1) },
            "not-yet-valid" => valid with { NotBeforeOffset = TimeSpan.FromHours(1), ExpiresOffset = TimeSpan.FromHours(2) },
            "no-expiry" => valid with { ExpiresOffset = null },
            "wrong-audience" => valid with { Audience = "0d9b5b7e-1111-2222-3333-444455556666" },
            "wrong-issuer" => valid with { Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/" },
            "bad-signature" => valid with { Key = TestSigningKey.Create(host.Identity.DefaultKey.KeyId, "msteams") },
            "unknown-kid" => valid with { Key = TestSigningKey.Create("never-published", "msteams") },
            "disallowed-algorithm" => valid with { Algorithm = SecurityAlgorithms.RsaSsaPssSha256 },
            "channel-not-endorsed" => valid with { Key = host.SkypeOnlyKey },
            "serviceurl-mismatch" => new TokenSpec("https://smba.trafficmanager.net/amer/"),
            "no-serviceurl" => new TokenSpec(ServiceUrl: null),
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
        };

        return problem switch
        {
            "missing" => null,
            "not-bearer" => "Basic " + Convert.ToBase64String("user:pass"u8.ToArray()),
            "garbage" => "Bearer not.a.jwt",
            _ => "Bearer " + host.Mint(spec!),
        };
    }

    private TeamsActivity Message() =>
        TeamsActivity.Load("message-personal.json", host.Connector.ServiceUrl).WithText("help");

    private async Task<HttpResponseMessage> PostAsync(TeamsActivity activity, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative)) { Content = activity.ToContent() };
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return await _client.SendAsync(request);
    }

    private async Task SentinelAsync(string conversationId)
    {
        var sentinel = TeamsActivity.Load("message-personal.json", host.Connector.ServiceUrl, conversationId)
            .WithText("help")
            .Set("id", "sentinel-" + Guid.NewGuid().ToString("N"));
        var sentinelId = sentinel.Id;
        var response = await PostAsync(sentinel, "Bearer " + host.Mint(new TokenSpec(sentinel.ServiceUrl)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.SentAsync(r => r.IsFor(conversationId) && r.RawTarget.EndsWith("/" + sentinelId, StringComparison.Ordinal));
    }
}

/// <summary>Local mode (no App ID) accepts only loopback callers.</summary>
public sealed class LocalModeRemoteCallerTests(RemoteCallerHostFactory host) : IClassFixture<RemoteCallerHostFactory>
{
    [Fact]
    public async Task NoAppId_NonLoopbackCaller_Returns401AndNothingIsSent()
    {
        var activity = TeamsActivity.Load("message-personal.json", host.Connector.ServiceUrl).WithText("help");
        using var content = activity.ToContent();

        var response = await host.CreateClient().PostAsync(new Uri("/api/messages", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(host.Logs.Entries, e => e.Message.Contains("loopback", StringComparison.Ordinal));
        Assert.Empty(host.Connector.Requests);
    }
}
